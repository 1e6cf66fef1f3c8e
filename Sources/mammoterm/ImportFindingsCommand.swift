// `mammoterm import-findings FILE.json`: AI results from another system (format in
// Sources/Study/AIResultsFile.swift and the README) into the library, shown like our own.
// A study that is not in the library, or a finding on a view it does not have or outside its
// image, is reported and skipped; the rest are saved.
import ArgumentParser
import Foundation
import MammoCore
import Store
import Study

struct ImportFindingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-findings",
        abstract: "Import per-lesion AI results from another system (mammoterm-ai-results JSON).")

    @Argument(help: "The results file.", completion: .file(extensions: ["json"])) var file: String
    @OptionGroup var library: LibraryOptions

    func run() throws {
        let createdAt = Timestamp.now
        let results: AIResultsFile
        do {
            results = try AIResultsFile.read(path: file, createdAt: createdAt)
        } catch {
            FileHandle.standardError.write(Data("mammoterm: \(error)\n".utf8))
            throw ExitCode(1)
        }
        guard library.exists else {
            FileHandle.standardError.write(Data("mammoterm: there is no library at \(PrintableText.clean(library.path)); import the exams first\n".utf8))
            throw ExitCode(1)
        }
        let database = try library.open()
        var problems = results.problems
        var saved = 0
        for analysis in results.analyses {
            let images = try database.images(studyInstanceUID: analysis.studyInstanceUID)
            guard !images.isEmpty else {
                problems.append("\(analysis.studyInstanceUID): not in the library")
                continue
            }
            if let problem = Self.check(analysis.findings, against: images) {
                problems.append("\(analysis.studyInstanceUID): \(problem)")
                continue
            }
            try database.saveAnalysis(analysis)
            saved += 1
        }
        for problem in problems { FileHandle.standardError.write(Data("skipped \(PrintableText.clean(problem))\n".utf8)) }
        print("Imported AI results for \(saved) of \(saved + problems.count) studies from \(PrintableText.clean(file)).")
        // Any study skipped is a non-zero exit (the others are saved): scripts can tell.
        if !problems.isEmpty { throw ExitCode(1) }
    }

    /// A finding on a view the study lacks, or outside its image, makes the study's results
    /// suspect (another exam's, or another pixel grid's): refuse them whole.
    static func check(_ findings: [AIFinding], against images: [ImageSummary]) -> String? {
        for (index, finding) in findings.enumerated() {
            guard let image = images.first(where: { $0.viewKey == finding.view }) else {
                return "findings[\(index)]: the study has no \(finding.view.label) view"
            }
            if finding.box.maxX > Double(image.columns) + 0.5 || finding.box.maxY > Double(image.rows) + 0.5 {
                return "findings[\(index)]: the box reaches past the \(finding.view) image (\(image.columns)x\(image.rows) px)"
            }
        }
        return nil
    }
}
