// AI results from other systems, read by `mammoterm import-findings FILE.json` and shown
// exactly like our own. This comment is the format's documentation (also in the README).
//
// Format "mammoterm-ai-results", version 1. UTF-8 JSON:
//
//     {
//       "format": "mammoterm-ai-results",
//       "version": 1,
//       "system": "Vendor CAD",          // who made the results (shown as the source)
//       "model": "vx-mammo",             // model id
//       "modelVersion": "2.1",           // optional, default ""
//       "threshold": 0.5,                // optional: the operating point scores are compared with
//       "studies": [{
//         "studyInstanceUID": "1.2.3...",
//         "score": 0.87,                 // exam suspicion 0-1
//         "confidence": 0.9,             // optional, 0-1: how far the system trusts its estimate
//         "findings": [{
//           "view": "RCC",               // RCC | LCC | RMLO | LMLO
//           "box": {"x": 310, "y": 402, "width": 50, "height": 44},   // stored-image pixels, x right, y down
//           "score": 0.81,               // 0-1
//           "confidence": 0.7,           // optional
//           "kind": "mass",              // optional: mass | calcification-cluster | distortion | asymmetry
//           "pair": 1                    // optional: same number on the CC and MLO view of one lesion
//         }]
//       }]
//     }
//
// Scores given as 0-100 must be divided by 100 before writing the file. A study that breaks a
// rule is reported with its index and skipped; the rest are read. Unknown keys are ignored.
// A file with a higher `version` is refused with a hint.
import Foundation
import MammoCore

public struct AIResultsFile: Sendable {
    public static let formatName = "mammoterm-ai-results"
    public static let currentVersion = 1

    /// The studies that were read, each as an analysis from `system`.
    public var analyses: [AIAnalysis]
    /// "studies[3] (1.2.3): findings[0].view: \"XCC\" is not RCC, LCC, RMLO or LMLO"
    public var problems: [String]

    struct File: Decodable {
        var format: String?
        var version: Int?
        var system: String?
        var model: String?
        var modelVersion: String?
        var threshold: Double?
        var studies: [StudyEntry]?
    }

    struct StudyEntry: Decodable {
        var studyInstanceUID: String?
        var score: Double?
        var confidence: Double?
        var findings: [FindingEntry]?
    }

    struct FindingEntry: Decodable {
        var view: String?
        var box: PixelBox?
        var score: Double?
        var confidence: Double?
        var kind: String?
        var pair: Int?
    }

    public static func read(path: String, createdAt: Timestamp) throws(StudyError) -> AIResultsFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StudyError(context: "AI results", path: path, reason: "cannot read the file")
        }
        return try parse(data, path: path, createdAt: createdAt)
    }

    public static func parse(_ data: Data, path: String, createdAt: Timestamp) throws(StudyError) -> AIResultsFile {
        func fail(_ reason: String) -> StudyError { StudyError(context: "AI results", path: path, reason: reason) }
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: data)
        } catch {
            throw fail("not a mammoterm-ai-results JSON file: \(Self.describe(error))")
        }
        guard file.format == formatName else {
            throw fail("\"format\" must be \"\(formatName)\" (found \(file.format.map { "\"\(PrintableText.clean($0))\"" } ?? "none"))")
        }
        guard let version = file.version else { throw fail("\"version\" is missing") }
        guard version <= currentVersion else {
            throw fail("version \(version) is newer than this mammoterm reads (\(currentVersion)); update mammoterm")
        }
        guard let system = file.system.map(PrintableText.clean), !system.isEmpty else { throw fail("\"system\" is missing or empty") }
        guard let model = file.model.map(PrintableText.clean), !model.isEmpty else { throw fail("\"model\" is missing or empty") }
        guard let studies = file.studies else { throw fail("\"studies\" is missing") }
        if let t = file.threshold, !(0...1).contains(t) { throw fail("\"threshold\" must be between 0 and 1") }

        var analyses: [AIAnalysis] = []
        var problems: [String] = []
        for (index, study) in studies.enumerated() {
            let uid = study.studyInstanceUID.map(PrintableText.clean) ?? ""
            let place = uid.isEmpty ? "studies[\(index)]" : "studies[\(index)] (\(uid))"
            do throws(StudyError) {
                let findings = try Self.findings(study, system: system)
                guard !uid.isEmpty else { throw fail("\"studyInstanceUID\" is missing") }
                guard let score = study.score, (0...1).contains(score) else { throw fail("\"score\" must be a number from 0 to 1") }
                if let c = study.confidence, !(0...1).contains(c) { throw fail("\"confidence\" must be between 0 and 1") }
                analyses.append(AIAnalysis(studyInstanceUID: uid, model: model, modelVersion: PrintableText.clean(file.modelVersion ?? ""),
                                           source: system, inputHash: "", examScore: score, examConfidence: study.confidence,
                                           threshold: file.threshold, findings: findings, createdAt: createdAt))
            } catch {
                problems.append("\(place): \(error.reason)")
            }
        }
        return AIResultsFile(analyses: analyses, problems: problems)
    }

    static func findings(_ study: StudyEntry, system: String) throws(StudyError) -> [AIFinding] {
        var out: [AIFinding] = []
        for (index, f) in (study.findings ?? []).enumerated() {
            func fail(_ reason: String) -> StudyError { StudyError(context: "AI results", reason: "findings[\(index)].\(reason)") }
            guard let label = f.view, let view = ViewKey(label: label), ViewKey.screening.contains(view), view.label == label else {
                throw fail("view: \(f.view.map { "\"\(PrintableText.clean($0))\"" } ?? "missing"), not RCC, LCC, RMLO or LMLO")
            }
            guard let box = f.box, box.x.isFinite, box.y.isFinite, box.width > 0, box.height > 0, box.x >= 0, box.y >= 0 else {
                throw fail("box: needs x, y >= 0 and width, height > 0 in image pixels")
            }
            guard let score = f.score, (0...1).contains(score) else { throw fail("score: must be a number from 0 to 1") }
            if let c = f.confidence, !(0...1).contains(c) { throw fail("confidence: must be between 0 and 1") }
            var kind: FindingCategory?
            if let name = f.kind {
                guard let category = FindingCategory(name: name) else {
                    throw fail("kind: \"\(PrintableText.clean(name))\" is not mass, calcification-cluster, distortion or asymmetry")
                }
                kind = category
            }
            out.append(AIFinding(view: view, box: box, score: score, confidence: f.confidence, kind: kind, pair: f.pair))
        }
        return out
    }

    /// DecodingError as a short sentence with the path of keys.
    static func describe(_ error: Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func at(_ context: DecodingError.Context) -> String {
            let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return path.isEmpty ? "" : " at \(path.hasPrefix(".") ? String(path.dropFirst()) : path)"
        }
        switch error {
        case .typeMismatch(_, let c), .valueNotFound(_, let c): return "wrong type\(at(c))"
        case .keyNotFound(let key, let c): return "\"\(key.stringValue)\" missing\(at(c))"
        case .dataCorrupted(let c): return "\(c.debugDescription)\(at(c))"
        @unknown default: return "\(error)"
        }
    }
}
