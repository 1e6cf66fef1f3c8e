// `mammoterm export ...`: reader decisions for outside analysis (formats in Sources/Study/ReadExport.swift).
import Archive
import ArgumentParser
import Foundation
import MammoCore
import Store

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export reader decisions (CSV, iMRMC, JSON, joined with truth, report SR), annotations and AI results (CAD SR).",
        subcommands: [Reads.self, TruthJoined.self, Annotations.self, CADSR.self, ReportSR.self]
    )

    /// Why the library's decisions fail `audit verify` (a bad row, or a tail that does not match
    /// the anchor), or nil when they pass.
    static func auditProblem(_ database: Database) throws -> String? {
        let chain = try database.verifyAudit()
        if let bad = chain.firstBadRow { return "row \(bad.id): \(bad.problem.rawValue): \(bad.reason)" }
        let anchor = try database.checkAnchor()
        return anchor.isSound ? nil : "anchor \(anchor.status.rawValue): \(anchor.message)"
    }

    /// After a batch: when some items failed, each on stderr, a summary line, and exit 1.
    static func failIfBad(_ bad: [StoreError], exported: Int, noun: String = "records") throws {
        guard !bad.isEmpty else { return }
        for problem in bad { FileHandle.standardError.write(Data("mammoterm: \(PrintableText.clean(problem.description))\n".utf8)) }
        FileHandle.standardError.write(Data("mammoterm: \(exported) \(noun)\(noun == "records" ? " exported" : ""), \(bad.count) could not be read and were left out\n".utf8))
        throw ExitCode(1)
    }

    /// A file name part: ASCII letters, digits, '-' and inner '.' kept, anything else '_' (a reader id or UID
    /// must not climb out of the folder or hide a control character).
    static func sanitized(_ text: String) -> String {
        let kept = String(text.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") ? $0 : "_" })
        let name = kept.trimmingCharacters(in: CharacterSet(charactersIn: "."))
        return name.isEmpty ? "_" : String(name.prefix(120))
    }

    /// After writing DICOM files (CAD SR, report SR): the problems on stderr, the count, the send
    /// to `node` when given (C-STORE or STOW-RS), and exit 1 when anything failed.
    static func finishDICOMExport(written: [String], problems: [String], noun: String, folder: String, node: PacsNode?,
                                  via: PacsSendCommand.SendTransport) throws {
        for problem in problems { PacsCommand.complain("not exported: \(PrintableText.clean(problem))") }
        print("Wrote \(written.count) \(noun) file\(written.count == 1 ? "" : "s") into \(PrintableText.clean(folder)).")
        if let node, !written.isEmpty {
            let counts: TransferCounts
            do throws(ArchiveError) {
                counts = try node.connection(via: via == .dicomweb ? .dicomweb : .dimse).send(files: written, progress: { _ in }, cancel: CancellationFlag())
            } catch {
                PacsCommand.complain(error.description)
                throw ExitCode(1)
            }
            for failure in counts.failures { PacsCommand.complain("failed: \(PrintableText.clean(failure))") }
            print("Sent \(counts.completed) of \(written.count) to \(node.name) via \(via == .dicomweb ? "STOW-RS" : "C-STORE").")
            if counts.failed > 0 { throw ExitCode(1) }
        }
        if !problems.isEmpty { throw ExitCode(1) }
    }

    /// Writes `text` to `path`, or to standard output when nil.
    static func write(_ text: String, to path: String?) throws {
        guard let path else { print(text, terminator: ""); return }
        do { try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
            FileHandle.standardError.write(Data("mammoterm: cannot write \(PrintableText.clean(path)): \(error.localizedDescription)\n".utf8))
            throw ExitCode(1)
        }
    }
}
