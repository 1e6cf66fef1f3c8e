// `mammoterm export ...`: reader decisions for outside analysis (formats in Sources/Study/ReadExport.swift).
import ArgumentParser
import Foundation
import MammoCore

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export reader decisions: CSV, iMRMC, JSON, or joined with ground truth.",
        subcommands: [Reads.self, TruthJoined.self, Annotations.self]
    )

    /// Writes `text` to `path`, or to standard output when nil.
    static func write(_ text: String, to path: String?) throws {
        guard let path else { print(text, terminator: ""); return }
        do { try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
            FileHandle.standardError.write(Data("mammoterm: cannot write \(PrintableText.clean(path)): \(error.localizedDescription)\n".utf8))
            throw ExitCode(1)
        }
    }
}
