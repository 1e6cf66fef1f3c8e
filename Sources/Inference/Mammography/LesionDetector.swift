// The mammography wrapper around the lesion network: preprocess each view per the model card,
// run it once for the map and `samples` more times with Monte-Carlo dropout for the
// confidence, map the result back onto the stored images, extract lesions, match them between
// CC and MLO by distance from the nipple, and score breasts and the exam.
import Foundation
import MammoCore

public final class LesionDetector {
    public let card: LesionModelCard
    public let modelPath: String
    let session: InferenceSession
    let preprocessor: MammogramPreprocessor
    let heatmapName: String

    /// The bundled model (models/mammoterm-lesion-v1.onnx and its sidecar).
    public static func bundled() throws -> LesionDetector {
        guard let url = Bundle.module.url(forResource: "mammoterm-lesion-v1", withExtension: "onnx", subdirectory: "Models") else {
            throw InferenceError(reason: "the bundled model is missing from this build (Models/mammoterm-lesion-v1.onnx)")
        }
        return try LesionDetector(modelPath: url.path)
    }

    /// A model file and its sidecar (default: the same name with .json).
    public init(modelPath: String, cardPath: String? = nil) throws {
        let sidecar = cardPath ?? (modelPath.hasSuffix(".onnx") ? String(modelPath.dropLast(5)) + ".json" : modelPath + ".json")
        let card = try LesionModelCard.load(path: sidecar)
        self.card = card
        let model = try OnnxModel(contentsOf: URL(fileURLWithPath: modelPath))
        guard model.inputs.contains(where: { $0.name == card.input.name }) else {
            throw InferenceError(path: modelPath, reason: "the model has no input '\(card.input.name)' named by its sidecar")
        }
        guard card.outputs.heatmap.index < model.outputs.count else {
            throw InferenceError(path: modelPath, reason: "the sidecar's heatmap output \(card.outputs.heatmap.index) is not among the model's \(model.outputs.count) outputs")
        }
        heatmapName = model.outputs[card.outputs.heatmap.index].name
        session = try InferenceSession(model: model)
        preprocessor = MammogramPreprocessor(card: card)
        self.modelPath = modelPath
    }

    public var expectedSize: PixelSize { preprocessor.expectedSize }
    public func accepts(_ size: PixelSize) -> Bool { preprocessor.accepts(size) }

    /// Monte-Carlo samples by default: the calibration table's, else 8.
    public var defaultSamples: Int { card.confidence?.samples ?? 8 }

    /// Analyses one exam's views (any subset of the four). Sample t uses seed `seed + t`, so a
    /// rerun gives the same numbers.
    public func analyze(_ views: [MammogramView], samples: Int? = nil, seed: UInt64 = 1,
                        lesionThreshold: Double? = nil) throws -> ExamResult {
        let samples = max(samples ?? defaultSamples, 0)
        let threshold = lesionThreshold ?? card.thresholds.lesion1
        var outputs: [ViewKey: View] = [:]
        for view in views {
            let (values, fit) = try preprocessor.input(view)
            let input = try Tensor(shape: [1, 1, card.inputRows, card.inputColumns], data: values)
            let map = try heatmap(input, seed: nil)
            let seeds = (0..<samples).map { seed &+ UInt64($0) }
            let sampled = try session.runMonteCarlo([card.input.name: input], seeds: seeds).map(heatmap)
            outputs[view.key] = View(input: values, map: map, samples: sampled, fit: fit, flip: view.flip,
                                     stored: view.originalSize ?? view.stored.size)
        }
        return result(outputs, threshold: threshold, samples: samples)
    }

    /// One view's intermediate results, in the model's (chest-wall-left) orientation.
    struct View {
        var input: [Float]
        var map: GrayImage<Float>
        var samples: [GrayImage<Float>]
        var fit: MammogramPreprocessor.Fit
        var flip: Bool
        /// The file's stored size: results are mapped back onto it.
        var stored: PixelSize
    }

    func heatmap(_ input: Tensor, seed: UInt64?) throws -> GrayImage<Float> {
        try heatmap(try session.run([card.input.name: input], monteCarloDropout: seed))
    }

    /// The map of one run's outputs.
    func heatmap(_ out: [String: Tensor]) throws -> GrayImage<Float> {
        guard let map = out[heatmapName], map.shape.count == 4, map.shape[0] == 1, map.shape[1] == 1 else {
            throw InferenceError(path: modelPath, reason: "output '\(heatmapName)' is not a [1, 1, H, W] map")
        }
        return GrayImage(width: map.shape[3], height: map.shape[2], pixels: map.data)
    }

    func result(_ views: [ViewKey: View], threshold: Double, samples: Int) -> ExamResult {
        var lesions: [ExamResult.Lesion] = []
        var shown: [ViewKey: ExamResult.View] = [:]
        for (key, view) in views {
            let map = view.map
            let cellW = Double(view.stored.width) / Double(map.width), cellH = Double(view.stored.height) / Double(map.height)
            let nipple = Nipple.locate(view.input, rows: card.inputRows, columns: card.inputColumns)
            // Model pixels to stored pixels, per axis (a resampled view's aspect may differ from the model's).
            let toStoredX = Double(view.stored.width) / Double(card.inputColumns)
            let toStoredY = Double(view.stored.height) / Double(card.inputRows)
            // A saturated lesion can hold several equal peaks: one lesion per region, its first peak.
            var regions: [(r0: Int, r1: Int, c0: Int, c1: Int)] = []
            for peak in HeatmapPeaks.find(map, floor: card.lesionExtraction.floor, nmsCells: card.lesionExtraction.nmsCells)
            where Double(peak.value) >= threshold {
                if regions.contains(where: { (($0.r0)...($0.r1)).contains(peak.row) && (($0.c0)...($0.c1)).contains(peak.column) }) { continue }
                let cells = Self.region(map, around: peak, threshold: Float(threshold))
                regions.append(cells)
                // Mirrored cells back to stored pixels.
                let x0 = Double(cells.c0) * cellW, x1 = Double(cells.c1 + 1) * cellW
                let box = PixelBox(x: view.flip ? Double(view.stored.width) - x1 : x0, y: Double(cells.r0) * cellH,
                                   width: x1 - x0, height: Double(cells.r1 - cells.r0 + 1) * cellH)
                let kept = view.samples.filter { Double($0[peak.column, peak.row]) >= threshold }.count
                let agreement = samples > 0 ? Double(kept) / Double(samples) : 1
                // Distance from the nipple in the model's orientation (same for both views of a breast).
                let px = (Double(peak.column) + 0.5) * Double(card.inputColumns) / Double(map.width)
                let py = (Double(peak.row) + 0.5) * Double(card.inputRows) / Double(map.height)
                let distance = nipple.map { n in
                    let dx = (px - n.x) * toStoredX, dy = (py - n.y) * toStoredY
                    return (dx * dx + dy * dy).squareRoot()
                }
                lesions.append(ExamResult.Lesion(view: key, box: box, score: Double(peak.value), agreement: agreement,
                                                 confidence: card.confidence?.lesionConfidence(agreement: agreement) ?? agreement,
                                                 nippleDistance: distance, pair: nil))
            }
            var unmirrored = map
            if view.flip {
                for r in 0..<map.height { for c in 0..<map.width { unmirrored[c, r] = map[map.width - 1 - c, r] } }
            }
            shown[key] = ExamResult.View(key: key, heatmap: unmirrored, score: Double(map.pixels.max() ?? 0), fit: view.fit)
        }
        lesions.sort { ($0.score, $1.view.label) > ($1.score, $0.view.label) }
        Self.matchAcrossViews(&lesions, breastDepth: views.mapValues { Double($0.stored.width) })

        let raw = shown.values.map(\.score).max() ?? 0
        let probability = card.examProbability(raw: raw)
        let examThreshold = card.thresholds.examProbability
        let call = probability >= examThreshold
        let agreeing = (0..<samples).filter { t in
            let sampleRaw = views.values.compactMap { $0.samples.indices.contains(t) ? $0.samples[t].pixels.max() : nil }.max() ?? 0
            return (card.examProbability(raw: Double(sampleRaw)) >= examThreshold) == call
        }.count
        let examAgreement = samples > 0 ? Double(agreeing) / Double(samples) : 1
        var breasts: [Side: Double] = [:]
        for (key, view) in shown { breasts[key.side] = max(breasts[key.side] ?? 0, view.score) }
        return ExamResult(views: shown, lesions: lesions, rawExamScore: raw, examProbability: probability,
                          examAgreement: examAgreement,
                          examConfidence: card.confidence?.examConfidence(agreement: examAgreement) ?? examAgreement,
                          breastScores: breasts, examThreshold: examThreshold, lesionThreshold: threshold,
                          monteCarloSamples: samples)
    }

    /// The cells around a peak that belong to it: 8-connected, at least half the peak (and the
    /// threshold), within 4 cells; returned as its bounding rows and columns.
    static func region(_ map: GrayImage<Float>, around peak: HeatmapPeaks.Peak, threshold: Float)
        -> (r0: Int, r1: Int, c0: Int, c1: Int) {
        let level = max(peak.value * 0.5, threshold)
        var seen: Set<Int> = [peak.row * map.width + peak.column]
        var queue = [(peak.row, peak.column)]
        var bounds = (r0: peak.row, r1: peak.row, c0: peak.column, c1: peak.column)
        while let (r, c) = queue.popLast() {
            for dr in -1...1 {
                for dc in -1...1 {
                    let rr = r + dr, cc = c + dc
                    guard rr >= 0, rr < map.height, cc >= 0, cc < map.width, abs(rr - peak.row) <= 4, abs(cc - peak.column) <= 4,
                          map[cc, rr] >= level, seen.insert(rr * map.width + cc).inserted else { continue }
                    bounds = (min(bounds.r0, rr), max(bounds.r1, rr), min(bounds.c0, cc), max(bounds.c1, cc))
                    queue.append((rr, cc))
                }
            }
        }
        return bounds
    }

    /// Pairs each breast's CC and MLO lesions whose distances from the nipple differ by at most
    /// 15 % of the breast's width in the image (about 2 cm on a typical view), highest scores
    /// first; a pair gets one number on both.
    static func matchAcrossViews(_ lesions: inout [ExamResult.Lesion], breastDepth: [ViewKey: Double]) {
        var next = 1
        for side in [Side.right, .left] {
            let cc = lesions.indices.filter { lesions[$0].view.side == side && lesions[$0].view.view == .cc }
            let mlo = lesions.indices.filter { lesions[$0].view.side == side && lesions[$0].view.view == .mlo }
            var candidates: [(Int, Int, Double)] = []
            for i in cc {
                for j in mlo {
                    guard let a = lesions[i].nippleDistance, let b = lesions[j].nippleDistance else { continue }
                    let depth = max(breastDepth[lesions[i].view] ?? 0, breastDepth[lesions[j].view] ?? 0)
                    if abs(a - b) <= 0.15 * depth { candidates.append((i, j, lesions[i].score + lesions[j].score)) }
                }
            }
            var used = Set<Int>()
            for (i, j, _) in candidates.sorted(by: { $0.2 > $1.2 }) where !used.contains(i) && !used.contains(j) {
                lesions[i].pair = next
                lesions[j].pair = next
                next += 1
                used.insert(i)
                used.insert(j)
            }
        }
    }
}
