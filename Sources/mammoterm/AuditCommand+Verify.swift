// `mammoterm audit verify [--library PATH] [--json]`: recomputes every read record's hash and the
// chain. Prints "N rows checked: OK" and exits 0, or names the first bad row (id, reader, study,
// what is wrong) and exits 1. `--json`: {"rowsChecked", "intact", "firstBadRow": {"id", "reader",
// "studyInstanceUID", "problem", "reason"} | null}.
import ArgumentParser
import Foundation
import MammoCore
import Store

extension AuditCommand {
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Verify every recorded decision against its hash and the chain; name the first bad row.")

        @OptionGroup var library: LibraryOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let result = try library.openExisting().verifyAudit()
            if json {
                struct Out: Encodable {
                    var rowsChecked: Int
                    var intact: Bool
                    var firstBadRow: AuditResult.BadRow?
                    func encode(to encoder: any Encoder) throws {
                        var c = encoder.container(keyedBy: CodingKeys.self)
                        try c.encode(rowsChecked, forKey: .rowsChecked)
                        try c.encode(intact, forKey: .intact)
                        try c.encode(firstBadRow, forKey: .firstBadRow)
                    }
                    enum CodingKeys: String, CodingKey { case rowsChecked, intact, firstBadRow }
                }
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                print(String(decoding: try encoder.encode(Out(rowsChecked: result.rowsChecked, intact: result.isIntact,
                                                             firstBadRow: result.firstBadRow)), as: UTF8.self))
            } else if let bad = result.firstBadRow {
                print("FAILED at row \(bad.id) (reader \(PrintableText.clean(bad.reader)), study \(PrintableText.clean(bad.studyInstanceUID))): \(bad.problem.rawValue): \(bad.reason)")
                print("\(result.rowsChecked) rows checked; rows before \(bad.id) are intact.")
            } else {
                print("\(result.rowsChecked) rows checked: OK")
            }
            if !result.isIntact { throw ExitCode(1) }
        }
    }
}
