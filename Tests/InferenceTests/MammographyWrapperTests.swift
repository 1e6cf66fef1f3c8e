// The mammography wrapper on the bundled samples: preprocessing equal to the model card's
// reference (fixtures written by training/evaluate.py with onnxruntime), the map equal to
// onnxruntime's, the known cancer of SYN-0003 found in both views of its breast and paired,
// a normal exam below the threshold; peaks and the confidence fit against hand-worked cases.
import DICOM
import Foundation
@testable import Inference
import MammoCore
import Testing

@Suite("Mammography wrapper", .serialized)
struct MammographyWrapperTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = root.appendingPathComponent("models/fixtures")

    static func view(_ relative: String, _ key: ViewKey) throws -> MammogramView {
        let image = try DicomPixelReader.read(path: root.appendingPathComponent(relative).path)
        return MammogramView(key: key, stored: image.stored, bitsStored: image.header.bitsStored,
                             flip: MammogramView.needsFlip(patientOrientation: image.header.patientOrientation, side: key.side))
    }

    struct FixtureView: Decodable {
        struct Crop: Decodable { var file: String; var row: Int; var col: Int; var rows: Int; var cols: Int }
        struct Map: Decodable { var file: String }
        var file: String
        var view: String
        var flipped: Bool
        var input_crop: Crop
        var input_sum: Double
        var heatmap: Map
    }

    struct Fixtures: Decodable { var views: [FixtureView] }

    @Test func inputAndMapMatchTheModelCardReference() throws {
        let detector = try LesionDetector.bundled()
        let fixtures = try JSONDecoder().decode(Fixtures.self, from: Data(contentsOf: Self.fixtures.appendingPathComponent("fixtures.json")))
        #expect(fixtures.views.count == 2)
        for f in fixtures.views {
            let key = try #require(ViewKey(label: f.view))
            let view = try Self.view(f.file, key)
            #expect(view.flip == f.flipped, "\(f.file): flip rule")
            let (input, fit) = try MammogramPreprocessor(card: detector.card).input(view)
            #expect(fit == .exact)
            // The crop equals the reference exactly enough (1e-6), the whole sum to float64 precision.
            let crop = try Tensor(npyContentsOf: Self.fixtures.appendingPathComponent(f.input_crop.file))
            var worst: Float = 0
            for r in 0..<f.input_crop.rows {
                for c in 0..<f.input_crop.cols {
                    let ours = input[(f.input_crop.row + r) * detector.card.inputColumns + f.input_crop.col + c]
                    worst = max(worst, abs(ours - crop.data[r * f.input_crop.cols + c]))
                }
            }
            #expect(worst <= 1e-6, "\(f.file): input differs by \(worst)")
            let sum = input.reduce(0.0) { $0 + Double($1) }
            #expect(abs(sum - f.input_sum) < 1e-6 * abs(f.input_sum), "\(f.file): input sum \(sum) vs \(f.input_sum)")
            // The map against onnxruntime's on the same input.
            let map = try detector.heatmap(try Tensor(shape: [1, 1, detector.card.inputRows, detector.card.inputColumns], data: input), seed: nil)
            let reference = try Tensor(npyContentsOf: Self.fixtures.appendingPathComponent(f.heatmap.file))
            #expect(map.pixels.count == reference.data.count)
            let diff = zip(map.pixels, reference.data).map { abs($0 - $1) }.max() ?? 1
            #expect(diff <= 1e-4, "\(f.file): heatmap differs from onnxruntime's by \(diff)")
        }
    }

    @Test func findsTheKnownCancerInBothViewsAndPairsIt() throws {
        let detector = try LesionDetector.bundled()
        let exam = "samples/SYN-0003/20250426"
        let views = try ViewKey.screening.map { try Self.view("\(exam)/\($0.label).dcm", $0) }
        let result = try detector.analyze(views, samples: 4)
        #expect(result.examProbability >= result.examThreshold, "exam probability \(result.examProbability)")
        #expect(result.examConfidence >= 0 && result.examConfidence <= 1)
        // samples/ground-truth.json: SYN-0003-L1, malignant, in RCC and RMLO.
        let truth = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.root.appendingPathComponent("samples/ground-truth.json"))) as? [String: Any]
        let exams = try #require(truth?["exams"] as? [[String: Any]])
        let record = try #require(exams.first { ($0["patientID"] as? String) == "SYN-0003" && ($0["isPrior"] as? Bool) == false })
        let lesion = try #require((record["lesions"] as? [[String: Any]])?.first { ($0["pathology"] as? String) == "malignant" })
        var pairs: [Int?] = []
        for label in ["RCC", "RMLO"] {
            let box = try #require(((lesion["views"] as? [String: Any])?[label] as? [String: Any])?["box"] as? [String: Double])
            let x0 = box["x"]! - 8, y0 = box["y"]! - 8, x1 = box["x"]! + box["width"]! + 8, y1 = box["y"]! + box["height"]! + 8
            let found = result.lesions.first { $0.view.label == label && (x0...x1).contains($0.box.center.x) && (y0...y1).contains($0.box.center.y) }
            let hit = try #require(found, "no lesion found at the \(label) cancer")
            #expect(hit.score > 0.5)
            pairs.append(hit.pair)
        }
        #expect(pairs[0] != nil && pairs[0] == pairs[1], "the CC and MLO finding of one lesion get one pair number")
        // The maps are unmirrored: the RCC peak lies where the lesion is in the stored image.
        let rcc = try #require(result.views[.rightCC])
        #expect(rcc.heatmap.width == 52 && rcc.heatmap.height == 64)
    }

    /// A view stored at another size is resampled to the model's first (analyze does it); its boxes
    /// must come back in the file's pixels, not the 832 x 1024 frame the model saw (issue 19's bug:
    /// off by 3.4–4.6x on CBIS-DDSM's 2600–2900 x 4400–4700 files).
    @Test func boxesOfAResampledViewAreInTheFilesPixels() throws {
        let detector = try LesionDetector.bundled()
        let views = try ViewKey.screening.map { try Self.view("samples/SYN-0003/20250426/\($0.label).dcm", $0) }
        let native = try detector.analyze(views, samples: 0)
        // As if each file were 2.5x wider and 3x taller (another aspect, as CBIS-DDSM's) and resampled to these pixels.
        let (sx, sy) = (2.5, 3.0)
        let resampled = views.map { view -> MammogramView in
            var view = view
            view.originalSize = PixelSize(width: Int(Double(view.stored.width) * sx), height: Int(Double(view.stored.height) * sy))
            return view
        }
        let result = try detector.analyze(resampled, samples: 0)
        #expect(!native.lesions.isEmpty && result.lesions.count == native.lesions.count)
        for (a, b) in zip(native.lesions, result.lesions) {
            #expect(a.view == b.view && a.score == b.score)
            for (ours, expected) in [(b.box.x, a.box.x * sx), (b.box.width, a.box.width * sx), (b.box.y, a.box.y * sy), (b.box.height, a.box.height * sy)] {
                #expect(abs(ours - expected) < 1e-6, "\(b.view.label): box \(b.box) against \(a.box) scaled")
            }
        }
        // Against the heatmap: each view's peak cell, mapped onto the file's pixels, lies in that view's top box.
        for (key, view) in result.views {
            guard let top = result.lesions.filter({ $0.view == key }).max(by: { $0.score < $1.score }) else { continue }
            let map = view.heatmap
            guard let peak = map.pixels.indices.max(by: { map.pixels[$0] < map.pixels[$1] }) else { continue }
            let size = try #require(resampled.first { $0.key == key }?.originalSize)
            let x = (Double(peak % map.width) + 0.5) * Double(size.width) / Double(map.width)
            let y = (Double(peak / map.width) + 0.5) * Double(size.height) / Double(map.height)
            #expect(top.box.x <= x && x <= top.box.maxX && top.box.y <= y && y <= top.box.y + top.box.height,
                    "\(key.label): peak at (\(x), \(y)) outside \(top.box) of a \(size.width)x\(size.height) file")
            #expect(top.box.maxX <= Double(size.width) && top.box.y + top.box.height <= Double(size.height))
        }
    }

    @Test func aNormalExamStaysBelowTheThreshold() throws {
        let detector = try LesionDetector.bundled()
        let views = try ViewKey.screening.map { try Self.view("samples/SYN-0009/20251014/\($0.label).dcm", $0) }
        let result = try detector.analyze(views, samples: 2)
        #expect(result.examProbability < result.examThreshold, "exam probability \(result.examProbability)")
    }

    @Test func peaksMatchTheirReference() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            let w = Int.random(in: 3...30, using: &rng), h = Int.random(in: 3...30, using: &rng)
            // Quantised values make ties and plateaus common.
            let map = GrayImage(width: w, height: h, pixels: (0..<(w * h)).map { _ in Float(Int.random(in: 0...8, using: &rng)) / 8 })
            #expect(HeatmapPeaks.find(map, floor: 0.1, nmsCells: 2) == HeatmapPeaks.reference(map, floor: 0.1, nmsCells: 2))
        }
        let plateau = GrayImage<Float>(width: 5, height: 1, pixels: [0, 1, 1, 1, 0])
        #expect(HeatmapPeaks.find(plateau, floor: 0.5, nmsCells: 2).map(\.column) == [1], "one peak per plateau within the suppression distance")
    }

    @Test func confidenceTableIsTheShareRightPerBinAndNeverFalls() {
        let fit = ConfidenceCalibration.fit(
            samples: 4, edges: [0, 0.5, 1],
            lesionCalls: [(0.25, false), (0.25, true), (0.5, false), (0.75, false), (1, true), (1, true), (1, false)],
            examCalls: [(1, true), (0.5, true), (0.5, false), (0, true)])
        // Lesions: [1/2, 0/2, 2/3] pooled where it falls: bins 0 and 1 become 1/4.
        #expect(fit.lesion == [0.25, 0.25, 2.0 / 3])
        #expect(fit.lesionCounts == [2, 2, 3])
        // Exam: [1/1, 1/2, 1/1] -> bins 0 and 1 pooled to 2/3.
        #expect(fit.exam == [2.0 / 3, 2.0 / 3, 1])
        #expect(fit.lesionConfidence(agreement: 0.9) == 0.25 && fit.lesionConfidence(agreement: 1) == 2.0 / 3)
    }
}

extension MammographyWrapperTests {
    @Test func monteCarloSamplesFromASharedPrefixEqualSeparateRuns() throws {
        let detector = try LesionDetector.bundled()
        let view = try Self.view("samples/SYN-0006/20250826/RCC.dcm", .rightCC)
        let (values, _) = try MammogramPreprocessor(card: detector.card).input(view)
        let input = try Tensor(shape: [1, 1, detector.card.inputRows, detector.card.inputColumns], data: values)
        let seeds: [UInt64] = [3, 4, 5]
        let shared = try detector.session.runMonteCarlo([detector.card.input.name: input], seeds: seeds).map(detector.heatmap)
        let separate = try seeds.map { try detector.heatmap(input, seed: $0) }
        #expect(shared.map(\.pixels) == separate.map(\.pixels), "each sample as if run alone")
        #expect(shared[0].pixels != shared[1].pixels, "different seeds drop different units")
        // And the deterministic map is untouched by the samples run before it.
        let plain = try detector.heatmap(input, seed: nil)
        #expect(plain.pixels == (try detector.heatmap(input, seed: nil)).pixels)
        #expect(plain.pixels != shared[0].pixels)
    }
}
