// `mammoterm analyze [STUDY...|--all] [--model PATH]`: the lesion model over studies of the
// library, with a progress bar. Each result is stored with the model's id and version and a
// hash of what went in (the files and the model), so a rerun skips studies that are up to date
// and a different model or changed file analyses them again. A study that fails is reported
// and skipped; the rest go on.
import ArgumentParser
import DICOM
import Foundation
import Imaging
import Inference
import MammoCore
import Store

struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Run the lesion model on studies of the library and store its findings (research and demonstration only).",
        discussion: """
            The bundled model (models/mammoterm-lesion-v1.onnx, see models/MODEL_CARD.md) was trained on \
            synthetic exams from `mammoterm synth`; it is not for clinical use.
            """)

    @Argument(help: "Study Instance UIDs (see `mammoterm worklist`).") var studies: [String] = []
    @Flag(help: "Analyse every study of the library.") var all = false
    @Option(help: "An ONNX lesion model with its sidecar JSON beside it (default: the bundled model).",
            completion: .file(extensions: ["onnx"])) var model: String?
    @Option(help: "Monte-Carlo dropout samples for the confidence (default: the model card's).") var samples: Int?
    @Flag(help: "Analyse again even when the stored result is up to date.") var force = false
    @Option(help: "OpenBLAS threads.") var threads: Int = 1
    @OptionGroup var library: LibraryOptions

    func validate() throws {
        if all == !studies.isEmpty { throw ValidationError("give study UIDs or --all (not both)") }
        if let samples, !(0...64).contains(samples) { throw ValidationError("--samples must be between 0 and 64") }
        if !(1...64).contains(threads) { throw ValidationError("--threads must be between 1 and 64") }
    }

    func run() throws {
        guard library.exists else {
            Self.complain("there is no library at \(PrintableText.clean(library.path)); import exams first")
            throw ExitCode(1)
        }
        let database = try library.open()
        let detector: LesionDetector
        do {
            detector = try model.map { try LesionDetector(modelPath: $0) } ?? LesionDetector.bundled()
        } catch {
            Self.complain("\(error)")
            throw ExitCode(1)
        }
        InferenceSession.setThreadCount(threads)
        let entries = try database.worklist()
        let known = Set(entries.map(\.studyInstanceUID))
        var targets = all ? entries.map(\.studyInstanceUID) : studies
        var failures: [String] = []
        for uid in targets where !known.contains(uid) { failures.append("\(PrintableText.clean(uid)): not in the library") }
        targets = targets.filter(known.contains)

        let card = detector.card
        let sampleCount = samples ?? detector.defaultSamples
        let progress = ProgressBar(total: targets.count, label: "Analysing", unit: "studies")
        var analysed = 0, upToDate = 0
        var outOfDistribution: Set<String> = []
        for (index, uid) in targets.enumerated() {
            progress.update(done: index)
            do {
                let images = try database.images(studyInstanceUID: uid)
                let files = Self.screeningImages(images)
                guard !files.isEmpty else { throw ValidationError("none of the views RCC, LCC, RMLO, LMLO") }
                let hash = Self.inputHash(files.map(\.1), card: card, samples: sampleCount)
                if !force, let stored = try database.analysisInput(studyInstanceUID: uid, source: "mammoterm", model: card.modelID),
                   stored.version == card.modelVersion, stored.hash == hash {
                    upToDate += 1
                    continue
                }
                var views: [MammogramView] = []
                var measured: [(ViewKey, DicomHeader, InputStatistics?)] = []
                var problems: [(view: ViewKey, problem: String)] = []
                for (key, summary) in files {
                    let (view, resampled, header, statistics) = try Self.view(path: summary.path, as: key, for: detector)
                    if resampled { outOfDistribution.insert(uid) }
                    problems += Self.domainProblems(key, header: header, storedSize: view.originalSize ?? view.stored.size,
                                                    resampled: resampled, expects: card.preprocessing.expects)
                    views.append(view)
                    measured.append((key, header, statistics))
                }
                let result = try detector.analyze(views, samples: sampleCount)
                var analysis = Self.analysis(result, study: uid, card: card, hash: hash)
                analysis.inputs = Self.inputs(measured, result: result)
                analysis.outOfDomain = Self.outOfDomain(problems, views: files.map(\.0))
                try database.saveAnalysis(analysis)
                analysed += 1
            } catch {
                failures.append("\(PrintableText.clean(uid)): \(error)")
            }
        }
        progress.finish()
        for failure in failures { FileHandle.standardError.write(Data("failed \(failure)\n".utf8)) }
        if !outOfDistribution.isEmpty {
            FileHandle.standardError.write(Data("note: \(outOfDistribution.count) studies were resampled to \(detector.expectedSize.width)x\(detector.expectedSize.height): outside what the model card measured\n".utf8))
        }
        print("Analysed \(analysed) studies with \(card.modelID) \(card.modelVersion) (\(sampleCount) Monte-Carlo samples); \(upToDate) up to date, \(failures.count) failed.")
        print("Decision support for research and demonstration only; not for diagnosis.")
        // Any failed study is a non-zero exit, so a script can tell (the summary above says how many).
        if !failures.isEmpty { throw ExitCode(1) }
    }

    /// One view as the model takes it: its stored pixels and the card's flip rule; a size the
    /// model does not know is area-resampled to the one it does (`resampled` says so).
    /// Also what the pixels looked like as stored (before any resampling) and the header, for
    /// the monitor's record of the inputs.
    static func view(path: String, as key: ViewKey, for detector: LesionDetector)
        throws -> (view: MammogramView, resampled: Bool, header: DicomHeader, statistics: InputStatistics?) {
        let image = try DicomPixelReader.readChecked(path: path)
        var stored = image.stored
        let header = image.header
        let statistics = InputStatistics.measure(stored: stored, bitsStored: header.bitsStored,
                                                 monochrome1: header.photometricInterpretation == "MONOCHROME1",
                                                 spacing: header.imagerPixelSpacing ?? header.pixelSpacing)
        let resampled = !detector.accepts(stored.size)
        let original = stored.size
        if resampled { stored = AreaDownsample.resize(stored, to: detector.expectedSize).map { Int32($0.rounded()) } }
        let flip = MammogramView.needsFlip(patientOrientation: header.patientOrientation, side: key.side)
        // Boxes come back in the file's pixels, not the resampled frame (issue 19: off by 3.4–4.6x on CBIS-DDSM).
        let view = MammogramView(key: key, stored: stored, bitsStored: header.bitsStored, flip: flip,
                                 originalSize: resampled ? original : nil)
        return (view, resampled, header, statistics)
    }

    /// The acquisition context (from the first view's header: one exam, one visit) and each
    /// view's score and input statistics, for drift monitoring.
    static func inputs(_ measured: [(ViewKey, DicomHeader, InputStatistics?)], result: ExamResult) -> AnalysisInputs? {
        guard let first = measured.first?.1 else { return nil }
        let views = measured.map { key, header, statistics in
            ViewInputs(view: key, score: min(max(result.views[key]?.score ?? 0, 0), 1), p05: statistics?.p05, p50: statistics?.p50,
                       p95: statistics?.p95, noise: statistics?.noise, breastAreaMM2: statistics?.breastAreaMM2,
                       spacingMM: (header.imagerPixelSpacing ?? header.pixelSpacing)?.row, kvp: header.kvp,
                       exposureMAs: header.exposureMAs, thicknessMM: header.bodyPartThickness)
        }
        return AnalysisInputs(institution: first.institutionName, manufacturer: first.manufacturer,
                              manufacturerModelName: first.manufacturerModelName, softwareVersions: first.softwareVersions,
                              ageYears: first.ageYears, views: views)
    }

    /// The first image of each screening view.
    static func screeningImages(_ images: [ImageSummary]) -> [(ViewKey, ImageSummary)] {
        var seen: Set<ViewKey> = []
        var out: [(ViewKey, ImageSummary)] = []
        for image in images {
            guard let key = image.viewKey, ViewKey.screening.contains(key), seen.insert(key).inserted else { continue }
            out.append((key, image))
        }
        return out.sorted { (ViewKey.screening.firstIndex(of: $0.0) ?? 0) < (ViewKey.screening.firstIndex(of: $1.0) ?? 0) }
    }

    /// Identity of what went in: the model (id, version, file hash from its card, samples) and
    /// each file (path, size, modification time, SOP Instance UID). FNV-1a 64: an identity key
    /// for "has anything changed", not a security hash.
    static func inputHash(_ images: [ImageSummary], card: LesionModelCard, samples: Int) -> String {
        // The confidence table too: recalibrating the model changes what is stored.
        let table = card.confidence.map { "\($0.samples)\($0.edges)\($0.lesion)\($0.exam)" } ?? "-"
        var text = "\(card.modelID)|\(card.modelVersion)|\(card.onnxSHA256)|\(samples)|\(table)"
        for image in images { text += "|\(image.path)|\(image.fileSize)|\(image.fileModified)|\(image.sopInstanceUID)" }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(format: "%016llx", hash)
    }

    /// The library's record of a result: the calibrated exam probability against the card's
    /// exam threshold, lesions with their own score and confidence, maps as 0–255.
    static func analysis(_ r: ExamResult, study: String, card: LesionModelCard, hash: String) -> AIAnalysis {
        let findings = r.lesions.map { l in
            AIFinding(view: l.view, box: l.box, score: min(max(l.score, 0), 1), confidence: l.confidence, kind: nil, pair: l.pair)
        }
        let maps = ViewKey.screening.compactMap { key in
            r.views[key].map { v in
                AIHeatmap(view: key, width: v.heatmap.width, height: v.heatmap.height,
                          values: v.heatmap.pixels.map { UInt8(min(max($0, 0), 1) * 255 + 0.5) })
            }
        }
        return AIAnalysis(studyInstanceUID: study, model: card.modelID, modelVersion: card.modelVersion, source: "mammoterm",
                          inputHash: hash, examScore: min(max(r.examProbability, 0), 1), examConfidence: r.examConfidence,
                          threshold: r.examThreshold, findings: findings, heatmaps: maps,
                          createdAt: .now)
    }

    static func complain(_ text: String) {
        FileHandle.standardError.write(Data("mammoterm: \(text)\n".utf8))
    }
}
