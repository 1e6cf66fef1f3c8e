// `mammoterm findings STUDY [--json]`: the AI result stored for a study — the exam score with
// its confidence and threshold, and each lesion (view, box in image pixels, score, confidence),
// in the one reading order and with the numbers the workstation's panel and marks give them
// (NumberedAIFinding). The JSON is a contract for scripts: keep the field names.
import ArgumentParser
import DICOM
import Foundation
import MammoCore
import Store

struct FindingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "findings",
        abstract: "Print the AI findings stored for a study (run `mammoterm analyze` or `import-findings` first).")

    @Argument(help: "Study Instance UID.") var study: String
    @Flag(help: "Print JSON.") var json = false
    @Option(help: ArgumentHelp("The result of this system (as `source` names it, e.g. mammoterm); default: the newest.", valueName: "name"))
    var source: String?
    @OptionGroup var library: LibraryOptions

    /// `findings --json`: {"studyInstanceUID", "model", "modelVersion", "source", "createdAt",
    /// "examScore", "examConfidence", "threshold", "lesions": [{"number", "view", "box": {"x", "y",
    /// "width", "height"}, "score", "confidence", "kind", "pair", "sizeMM": {"width", "height"} or
    /// null, "location": {"side", "clock", "depth", "nippleDistanceMM", "aspect"}}], "outOfDomain": bool,
    /// "outOfDomainReason": text or null} (FindingsCommand+Lesion, FindingsCommand+Location), lesions in
    /// reading order, "number" from 1; outOfDomain: the exam lies outside what the model was made for.
    struct Report: Encodable {
        var studyInstanceUID: String
        var model: String
        var modelVersion: String
        var source: String
        var createdAt: Timestamp
        var examScore: Double
        var examConfidence: Double?
        var threshold: Double?
        var lesions: [Lesion]
        var outOfDomain: String?

        enum CodingKeys: String, CodingKey {
            case studyInstanceUID, model, modelVersion, source, createdAt, examScore, examConfidence, threshold, lesions
            case outOfDomain, outOfDomainReason
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(studyInstanceUID, forKey: .studyInstanceUID)
            try c.encode(model, forKey: .model)
            try c.encode(modelVersion, forKey: .modelVersion)
            try c.encode(source, forKey: .source)
            try c.encode(createdAt, forKey: .createdAt)
            try c.encode(examScore, forKey: .examScore)
            try c.encode(examConfidence, forKey: .examConfidence)   // null when unknown
            try c.encode(threshold, forKey: .threshold)
            try c.encode(lesions, forKey: .lesions)
            try c.encode(outOfDomain != nil, forKey: .outOfDomain)
            try c.encode(outOfDomain, forKey: .outOfDomainReason)
        }
    }

    /// The result's lesions in reading order, numbered (NumberedAIFinding), each with its size and location.
    static func lesions(_ analysis: AIAnalysis, spacings: [ViewKey: PixelSpacing], frames: [ViewKey: BreastFrame]) -> [Lesion] {
        let numbered = analysis.numberedFindings
        return zip(numbered, LesionLocation.locate(numbered.map(\.finding), frames: frames)).map { n, location in
            Lesion(number: n.number, finding: n.finding, sizeMM: Lesion.size(n.finding.box, spacing: spacings[n.finding.view]),
                   location: location)
        }
    }

    func run() throws {
        guard library.exists else {
            FileHandle.standardError.write(Data("mammoterm: there is no library at \(PrintableText.clean(library.path))\n".utf8))
            throw ExitCode(1)
        }
        let database = try library.open()
        let images = try database.images(studyInstanceUID: study)
        guard !images.isEmpty else {
            FileHandle.standardError.write(Data("mammoterm: no study \(PrintableText.clean(study)) in the library\n".utf8))
            throw ExitCode(1)
        }
        if let source {
            let sources = try database.analyses(studyInstanceUID: study).map(\.source)
            guard sources.contains(source) else {
                FileHandle.standardError.write(Data("mammoterm: study \(PrintableText.clean(study)) has no AI result from \(PrintableText.clean(source)); it has: \(sources.isEmpty ? "none" : sources.map(PrintableText.clean).joined(separator: ", "))\n".utf8))
                throw ExitCode(2)
            }
        }
        let chosen = try source.flatMap { name in try database.analyses(studyInstanceUID: study).first { $0.source == name } }
        guard let analysis = try chosen ?? database.analysis(studyInstanceUID: study) else {
            FileHandle.standardError.write(Data("mammoterm: study \(PrintableText.clean(study)) has no AI result yet: run `mammoterm analyze \(PrintableText.clean(study))`\n".utf8))
            throw ExitCode(2)
        }
        let spacings = Self.spacings(images)
        let report = Report(studyInstanceUID: analysis.studyInstanceUID, model: analysis.model, modelVersion: analysis.modelVersion,
                            source: analysis.source, createdAt: analysis.createdAt, examScore: analysis.examScore,
                            examConfidence: analysis.examConfidence, threshold: analysis.threshold,
                            lesions: Self.lesions(analysis, spacings: spacings,
                                                  frames: Self.frames(images, spacings: spacings, views: Set(analysis.findings.map(\.view)))),
                            outOfDomain: analysis.outOfDomain)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
            return
        }
        print(Self.table(report))
    }

    static func table(_ r: Report) -> String {
        func number(_ v: Double?) -> String { v.map { String(format: "%.2f", $0) } ?? "-" }
        var lines = ["AI result for \(PrintableText.clean(r.studyInstanceUID)) — \(PrintableText.clean(r.source)), model \(PrintableText.clean(r.model)) \(PrintableText.clean(r.modelVersion))",
                     "exam score \(number(r.examScore))  confidence \(number(r.examConfidence))  threshold \(number(r.threshold))"
                        + (r.threshold.map { r.examScore >= $0 ? "  (at or above: recall suggested)" : "  (below)" } ?? ""),
                     r.outOfDomain.map { "WARNING: outside what the model was made for; the score is not what its card measured: \(PrintableText.clean($0))" } ?? "",
                     "",
                     "  #  VIEW  X,Y (px)     W x H (px)   W x H (mm)   SCORE  CONF  KIND        LOCATION"]
        for lesion in r.lesions {
            let f = lesion.finding
            let c = f.box.center
            let mm = lesion.sizeMM.map { "\(String(format: "%.1f", $0.width))x\(String(format: "%.1f", $0.height))" } ?? "-"
            func pad(_ text: String, _ width: Int) -> String { text.padding(toLength: max(width, text.count), withPad: " ", startingAt: 0) }
            let position = "\(Int(c.x.rounded())),\(Int(c.y.rounded()))", size = "\(Int(f.box.width.rounded()))x\(Int(f.box.height.rounded()))"
            let numeral = String(lesion.number)
            lines.append("\(pad(String(repeating: " ", count: max(0, 3 - numeral.count)) + numeral, 3))  \(pad(f.view.label, 4))  "
                         + "\(pad(position, 11))  \(pad(size, 11))  \(pad(mm, 11))  \(pad(number(f.score), 5))  \(pad(number(f.confidence), 4))  "
                         + pad(f.kind?.rawValue ?? "", 10) + "  " + lesion.location.text)
        }
        if r.lesions.isEmpty { lines.append("  (no lesions above the model's reporting level)") }
        lines.append("Decision support for research and demonstration only; not for diagnosis.")
        return lines.joined(separator: "\n")
    }
}
