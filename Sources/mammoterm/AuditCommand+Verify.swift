// `mammoterm audit verify [--library PATH] [--anchor FILE] [--json]`: checks the library file's
// pages (SQLite quick_check), recomputes every read record's hash and the chain, and compares
// the chain's tail with its anchor outside the library (`<library>.chain`, format in
// Sources/Store/ChainAnchor.swift; `--anchor` names another, e.g. an export's `.chain` sidecar).
// Prints "N rows checked: OK" and "Anchor: ..." and exits 0, or names the first bad row (id,
// reader, study, what is wrong) or what the anchor shows (a cut tail, a changed and rehashed row,
// a missing anchor) and exits 1. `--json`: {"rowsChecked", "intact", "firstBadRow": {"id",
// "reader", "studyInstanceUID", "problem", "reason"} | null, "anchor": {"status", "path",
// "message", "rows", "lastID", "lastHash"}}; "intact" is false when either check fails.
import ArgumentParser
import Foundation
import MammoCore
import Store

extension AuditCommand {
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Verify every recorded decision against its hash, the chain and its anchor; name the first bad row.")

        @OptionGroup var library: LibraryOptions
        @Option(help: ArgumentHelp("Compare the chain's tail with this anchor file instead of <library>.chain (e.g. an export's .chain sidecar).", valueName: "file"))
        var anchor: String?
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let database = try library.openChecked()
            let result = try database.verifyAudit()
            let anchorCheck = try database.checkAnchor(anchor.map { URL(fileURLWithPath: $0).standardizedFileURL.path })
            let intact = result.isIntact && anchorCheck.isSound
            if json {
                struct AnchorOut: Encodable {
                    var status: String, path: String, message: String
                    var rows: Int?, lastID: Int64?, lastHash: String?
                }
                struct Out: Encodable {
                    var rowsChecked: Int
                    var intact: Bool
                    var firstBadRow: AuditResult.BadRow?
                    var anchor: AnchorOut
                    func encode(to encoder: any Encoder) throws {
                        var c = encoder.container(keyedBy: CodingKeys.self)
                        try c.encode(rowsChecked, forKey: .rowsChecked)
                        try c.encode(intact, forKey: .intact)
                        try c.encode(firstBadRow, forKey: .firstBadRow)
                        try c.encode(anchor, forKey: .anchor)
                    }
                    enum CodingKeys: String, CodingKey { case rowsChecked, intact, firstBadRow, anchor }
                }
                let a = anchorCheck.anchor
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                print(String(decoding: try encoder.encode(Out(
                    rowsChecked: result.rowsChecked, intact: intact, firstBadRow: result.firstBadRow,
                    anchor: AnchorOut(status: anchorCheck.status.rawValue, path: anchorCheck.path, message: anchorCheck.message,
                                      rows: a?.rows, lastID: a?.lastID, lastHash: a?.lastHash))), as: UTF8.self))
            } else {
                if let bad = result.firstBadRow {
                    print("FAILED at row \(bad.id) (reader \(PrintableText.clean(bad.reader)), study \(PrintableText.clean(bad.studyInstanceUID))): \(bad.problem.rawValue): \(bad.reason)")
                    print("\(result.rowsChecked) rows checked; rows before \(bad.id) are intact.")
                } else if anchorCheck.isSound {
                    print("\(result.rowsChecked) rows checked: OK")
                } else {
                    print("\(result.rowsChecked) rows checked: each row and the chain between them are intact, but the chain does not match its anchor.")
                }
                let where_ = PrintableText.clean(anchorCheck.path)
                if anchorCheck.isSound {
                    print("Anchor (\(where_)): \(anchorCheck.status.rawValue): \(anchorCheck.message)")
                } else {
                    print("FAILED: anchor (\(where_)): \(anchorCheck.status.rawValue): \(PrintableText.clean(anchorCheck.message))")
                }
            }
            if !intact { throw ExitCode(1) }
        }
    }
}
