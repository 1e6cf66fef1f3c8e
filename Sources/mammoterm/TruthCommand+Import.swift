// `mammoterm truth import FILE`: synth's ground-truth.json (Sources/Study/GroundTruthFile.swift)
// or a CSV with a header and columns studyInstanceUID,cancer[,birads,density] (Sources/Study/
// TruthCSV.swift) into the library's study_truth. Studies not in the library are reported and
// skipped; a study's earlier truth is replaced.
import ArgumentParser
import Foundation
import MammoCore
import Store
import Study

extension TruthCommand {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import ground truth from synth's ground-truth.json or a CSV (studyInstanceUID,cancer[,birads,density]).")

        @Argument(help: "ground-truth.json or a .csv file.", completion: .file(extensions: ["json", "csv"])) var file: String
        @OptionGroup var library: LibraryOptions

        func run() throws {
            let importedAt = Timestamp.now
            let truths: [StudyTruth]
            do {
                let data = try Data(contentsOf: URL(fileURLWithPath: file))
                let name = URL(fileURLWithPath: file).lastPathComponent
                let isJSON = file.lowercased().hasSuffix(".json") || data.first(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }) == UInt8(ascii: "{")
                if isJSON {
                    truths = try GroundTruthFile.decode(data, path: file).studyTruths(fileName: name, importedAt: importedAt)
                } else {
                    truths = try TruthCSV.parse(String(decoding: data, as: UTF8.self), path: file, source: name, importedAt: importedAt)
                }
            } catch let error as StudyError {
                // Its description already names the file.
                FileHandle.standardError.write(Data("mammoterm: \(error)\n".utf8))
                throw ExitCode(1)
            } catch {
                FileHandle.standardError.write(Data("mammoterm: \(PrintableText.clean(file)): \(error)\n".utf8))
                throw ExitCode(1)
            }
            let database = try library.openExisting(hint: "; import the exams first")
            let known = try database.studyInstanceUIDs()
            let kept = truths.filter { known.contains($0.studyInstanceUID) }
            for t in truths where !known.contains(t.studyInstanceUID) {
                FileHandle.standardError.write(Data("skipped \(PrintableText.clean(t.studyInstanceUID)): not in the library\n".utf8))
            }
            try database.saveTruth(kept)
            let cancers = kept.filter(\.cancer).count
            print("Imported ground truth for \(kept.count) of \(truths.count) studies (\(cancers) cancers) from \(PrintableText.clean(file)).")
            // Any study skipped is a non-zero exit (the others are saved): scripts can tell.
            if kept.count < truths.count { throw ExitCode(1) }
        }
    }
}
