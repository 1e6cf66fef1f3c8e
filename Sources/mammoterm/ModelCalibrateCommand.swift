// `mammoterm model calibrate MODEL.onnx --truth SET/ground-truth.json`: fits the confidence
// table of a lesion model on held-out synthetic exams and writes it into the model's sidecar
// (its `confidence` key; the format in Sources/Inference/Mammography/ConfidenceCalibration.swift).
// For each call the model makes — a lesion above the lesion threshold, the exam above the exam
// threshold — the share of Monte-Carlo dropout samples that keep it is binned, and each bin
// gets the share of its calls that were right: a lesion call is right when its centre lies in
// a malignant lesion's box grown by 8 px on that view (the card's hit rule); an exam call when
// it matches the exam's truth.
import ArgumentParser
import Foundation
import Inference
import MammoCore
import Study

struct ModelCalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Fit a lesion model's confidence table on synthetic exams with ground truth and store it in its sidecar.")

    @Argument(help: "The ONNX lesion model (its sidecar .json beside it is updated).", completion: .file(extensions: ["onnx"]))
    var model: String
    @Option(help: "ground-truth.json of a `mammoterm synth` set not used in training.", completion: .file(extensions: ["json"]))
    var truth: String
    @Option(help: "Monte-Carlo dropout samples per view.") var samples: Int = 8
    @Flag(help: "Print the table without writing the sidecar.") var dryRun = false

    static let edges = [0, 0.5, 0.75, 0.9, 1.0]

    func validate() throws {
        if !(2...64).contains(samples) { throw ValidationError("--samples must be between 2 and 64") }
    }

    func run() throws {
        let detector = try LesionDetector(modelPath: model)
        guard let data = FileManager.default.contents(atPath: truth) else { throw ValidationError("cannot read \(truth)") }
        let set = try GroundTruthFile.decode(data, path: truth)
        let folder = URL(fileURLWithPath: truth).deletingLastPathComponent()
        let exams = set.exams.filter { !$0.isPrior }
        var lesionCalls: [(Double, Bool)] = []
        var examCalls: [(Double, Bool)] = []
        let progress = ProgressBar(total: exams.count, label: "Calibrating", unit: "exams")
        for (index, exam) in exams.enumerated() {
            progress.update(done: index)
            var views: [MammogramView] = []
            for image in exam.images {
                views.append(try AnalyzeCommand.view(path: folder.appendingPathComponent(image.file).path, as: image.viewKey, for: detector).view)
            }
            let result = try detector.analyze(views, samples: samples)
            examCalls.append((result.examAgreement, (result.examProbability >= result.examThreshold) == exam.cancer))
            for lesion in result.lesions {
                let c = lesion.box.center
                let hit = exam.lesions.contains { truth in
                    guard truth.pathology == .malignant, let box = truth.view(lesion.view)?.box else { return false }
                    return c.x >= box.x - 8 && c.x <= box.maxX + 8 && c.y >= box.y - 8 && c.y <= box.maxY + 8
                }
                lesionCalls.append((lesion.agreement, hit))
            }
        }
        progress.finish()
        let table = ConfidenceCalibration.fit(samples: samples, edges: Self.edges, lesionCalls: lesionCalls, examCalls: examCalls)
        print("Confidence table from \(exams.count) exams (\(lesionCalls.count) lesion calls), \(samples) Monte-Carlo samples:")
        print("  agreement >=   lesion right (n)     exam right (n)")
        for (i, edge) in table.edges.enumerated() {
            print(String(format: "  %11.2f   %10.3f (%4d)   %10.3f (%4d)", edge, table.lesion[i], table.lesionCounts[i], table.exam[i], table.examCounts[i]))
        }
        guard !dryRun else { return }
        let sidecar = String(model.dropLast(model.hasSuffix(".onnx") ? 5 : 0)) + ".json"
        try Self.store(table, in: sidecar, truth: truth, examCount: exams.count)
        print("Wrote the table to \(sidecar) (key \"confidence\").")
    }

    /// Sets the sidecar's `confidence` key, keeping every other key as it was.
    static func store(_ table: ConfidenceCalibration, in path: String, truth: String, examCount: Int) throws {
        guard let data = FileManager.default.contents(atPath: path),
              var object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ValidationError("cannot read the sidecar \(path)")
        }
        let encoded = try JSONSerialization.jsonObject(with: JSONEncoder().encode(table))
        guard var entry = encoded as? [String: Any] else { throw ValidationError("cannot encode the table") }
        entry["fittedOn"] = "\(examCount) current exams of \(URL(fileURLWithPath: truth).deletingLastPathComponent().lastPathComponent) (synthetic, not used in training)"
        entry["definition"] = "agreement = share of Monte-Carlo dropout samples keeping a call (lesion peak >= the lesion threshold; exam probability >= the exam threshold); confidence = share of calls with that agreement that were right on the fitting set"
        object["confidence"] = entry
        let out = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        try (out + Data("\n".utf8)).write(to: URL(fileURLWithPath: path))
    }
}
