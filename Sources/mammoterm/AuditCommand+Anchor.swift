// `mammoterm audit anchor [--force] [--library PATH]`: writes the decision chain's anchor
// (`<library>.chain`) from the chain as it is. Without --force it only moves an anchor that the
// chain agrees with on to newer rows (a process stopped between its commit and the anchor
// update); a missing or disagreeing anchor is replaced only with --force, deliberately, after
// finding out why (a library copied without its .chain file, a restore from backup).
import ArgumentParser
import Foundation
import MammoCore
import Store

extension AuditCommand {
    struct Anchor: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "anchor",
            abstract: "Write the decision chain's anchor (<library>.chain) from the chain as it is now.")

        @OptionGroup var library: LibraryOptions
        @Flag(help: "Replace a missing, unreadable or disagreeing anchor (after finding out why it disagrees).") var force = false

        func run() throws {
            let database = try library.openChecked()
            let chain = try database.verifyAudit()
            if let bad = chain.firstBadRow {
                FileHandle.standardError.write(Data("mammoterm: the chain itself is broken at row \(bad.id) (\(bad.problem.rawValue)); an anchor cannot vouch for it (see `mammoterm audit verify`)\n".utf8))
                throw ExitCode(1)
            }
            let check = try database.checkAnchor()
            switch check.status {
            case .matches, .empty:
                print("Anchor (\(PrintableText.clean(check.path))): already \(check.status.rawValue): \(check.message)")
                return
            case .behind:
                break
            case .cut, .changed, .missing, .unreadable:
                guard force else {
                    FileHandle.standardError.write(Data("mammoterm: anchor \(check.status.rawValue): \(PrintableText.clean(check.message))\nmammoterm: left as it is; `mammoterm audit anchor --force` replaces it once you know why\n".utf8))
                    throw ExitCode(1)
                }
            }
            try database.writeAnchor()
            let head = try database.chainHead()
            print("Anchored \(head.rows) rows at row \(head.lastID) (\(head.lastHash.prefix(12))…) in \(PrintableText.clean(check.path))\(check.status == .behind ? "" : " (was \(check.status.rawValue))")")
        }
    }
}
