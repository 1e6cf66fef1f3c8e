// `mammoterm export reads --format csv|imrmc|json [--out FILE] [--force]`.
// First the library is checked: its pages (quick_check), every decision's hash and the chain,
// and the chain's tail against its anchor (`audit verify`'s checks). A failure refuses the export
// (exit 1, saying why) unless --force; a forced export is marked: "verified": false and the
// problem in the JSON's "chain", `verified no` and `forced yes` in the sidecar, a warning on
// stderr. The chain's head goes with every export: "chain" in JSON, and `FILE.chain` beside
// `--out FILE` (anchor format, Sources/Store/ChainAnchor.swift, plus library, verified, forced,
// export-sha256), so `audit verify --anchor FILE.chain` checks a copy of the library later.
// Records that cannot be read back are left out, counted on stderr, and the exit status is 1.
import ArgumentParser
import Foundation
import MammoCore
import Store
import Study

extension ExportCommand {
    struct Reads: ParsableCommand {
        enum Format: String, ExpressibleByArgument, CaseIterable { case csv, imrmc, json }

        static let configuration = CommandConfiguration(
            commandName: "reads",
            abstract: "Reader decisions as CSV (one row per reader x case x protocol x stage), iMRMC input or JSON (every record).")

        @Option(help: "csv, imrmc or json.") var format: Format = .csv
        @Option(help: "Write to this file instead of standard output (and the chain's head to FILE.chain).") var out: String?
        @Flag(help: "Export even when the audit fails (the export is marked unverified).") var force = false
        @OptionGroup var library: LibraryOptions

        func run() throws {
            let database = try library.openChecked()
            let problem = try ExportCommand.auditProblem(database)
            if let problem, !force {
                FileHandle.standardError.write(Data("mammoterm: not exported: the decisions fail the audit: \(PrintableText.clean(problem))\nmammoterm: see `mammoterm audit verify`; --force exports anyway, marked unverified\n".utf8))
                throw ExitCode(1)
            }
            if let problem {
                FileHandle.standardError.write(Data("mammoterm: WARNING: exporting decisions that fail the audit (--force): \(PrintableText.clean(problem))\n".utf8))
            }
            let (records, bad) = try database.readsReportingBad()
            let head = try database.chainHead()
            let facts = ReadExport.ChainFacts(rows: head.rows, lastID: head.lastID, lastHash: head.lastHash,
                                              verified: problem == nil, problem: problem)
            let text: String
            switch format {
            case .csv: text = try ReadExport.readsCSV(records)
            case .json: text = try ReadExport.readsJSON(records, chain: facts)
            case .imrmc: text = ReadExport.imrmc(records, info: try StudyCaseInfo.all(in: database))
            }
            try ExportCommand.write(text, to: out)
            let sidecar = ChainAnchor(rows: head.rows, lastID: head.lastID, lastHash: head.lastHash, extra: [
                ("library", library.path), ("verified", problem == nil ? "yes" : "no"), ("forced", problem == nil ? "no" : "yes"),
                ("export-sha256", ChainAnchor.sha256Hex(Data(text.utf8))),
            ])
            if let out {
                do { try ChainAnchor.writeDurably(sidecar.text, to: out + ".chain") } catch {
                    FileHandle.standardError.write(Data("mammoterm: \(error)\n".utf8))
                    throw ExitCode(1)
                }
                FileHandle.standardError.write(Data("Exported \(records.count) records to \(PrintableText.clean(out)); chain head (\(head.rows) rows, row \(head.lastID)) in \(PrintableText.clean(out)).chain\n".utf8))
            } else {
                FileHandle.standardError.write(Data("Chain head: \(head.rows) rows, last row \(head.lastID), hash \(head.lastHash)\(problem == nil ? "" : " (UNVERIFIED)")\n".utf8))
            }
            try ExportCommand.failIfBad(bad, exported: records.count)
        }
    }
}
