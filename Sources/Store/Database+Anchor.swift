// The decision chain's anchor outside the library (`ChainAnchor`, `<library>.chain`): written
// after every commit of decisions, compared with the chain's tail by `audit verify`.
import Foundation
import GRDB

extension Database {
    /// The anchor file beside this library, nil in memory.
    public var anchorPath: String? { path.map { $0 + ".chain" } }

    /// The chain's head in the library now: row count, last row id and hash.
    public func chainHead() throws(StoreError) -> ChainAnchor {
        try readSession(doing: "cannot read the decision chain's head") { session in try Self.chainHead(session) }
    }

    static func chainHead(_ session: any SQLSession) throws -> ChainAnchor {
        let rows = Int(try session.fetchInt("SELECT count(*) FROM read_record") ?? 0)
        let last = try session.fetchOne("SELECT id, hash FROM read_record ORDER BY id DESC LIMIT 1")
        return ChainAnchor(rows: rows, lastID: last.map { $0["id"] as Int64 } ?? 0, lastHash: last.map { $0["hash"] as String } ?? "")
    }

    /// A PostgreSQL library's own anchor: the chain-head row the insert trigger keeps, compared
    /// with the chain's last row. There a cut tail cannot happen short of disabling the triggers
    /// that refuse DELETE and TRUNCATE, and the head then still names the row that went missing.
    func checkServerChainHead() throws(StoreError) -> AnchorCheck {
        let place = "chain_head (in the library)"
        let (head, stored) = try readSession(doing: "cannot read the decision chain's head") { session in
            (try Self.chainHead(session), try session.fetchOne("SELECT lastID, lastHash FROM chain_head"))
        }
        let anchor = ChainAnchor(rows: head.rows, lastID: stored.map { $0["lastID"] as Int64 } ?? 0, lastHash: stored.map { $0["lastHash"] as String } ?? "")
        if anchor.lastID == head.lastID && anchor.lastHash == head.lastHash {
            return AnchorCheck(status: head.rows == 0 ? .empty : .matches, path: place, anchor: anchor, head: head,
                               message: head.rows == 0 ? "no decisions" : "row \(head.lastID), \(head.rows) rows: matches the server's chain head")
        }
        return AnchorCheck(status: anchor.lastID > head.lastID ? .cut : .changed, path: place, anchor: anchor, head: head,
                           message: "the server's chain head records row \(anchor.lastID) but the chain ends at row \(head.lastID) with hash \(head.lastHash.prefix(12))…: rows were removed or changed behind the triggers")
    }

    /// Rewrites the anchor from the chain's head as it is now. Held under the library's lock file
    /// so that two processes appending at once cannot leave the older head last.
    public func writeAnchor() throws(StoreError) {
        guard let path, let anchorPath else { return }
        do {
            try FileLock.withExclusiveLock(at: path + ".lock") {
                let head = try chainHead()
                try ChainAnchor.writeDurably(head.text, to: anchorPath)
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(path: anchorPath, reason: "cannot write the chain anchor: \(error)")
        }
    }

    /// After `appended` rows were committed: moves the anchor to the chain's head when the anchor
    /// agrees with the chain below them (matches, behind, empty, or a new chain); otherwise leaves
    /// it as it is, so a later decision cannot paper over a cut or changed tail, and throws why.
    func advanceAnchor(appended: Int) throws(StoreError) {
        guard let path, let anchorPath else { return }
        do {
            try FileLock.withExclusiveLock(at: path + ".lock") {
                let check = try checkAnchor()
                guard check.isSound || (check.status == .missing && check.head.rows == appended) else {
                    throw StoreError(path: anchorPath, reason: "the decision is recorded, but the chain anchor was left as it is because the chain no longer matches it (\(check.message))")
                }
                try ChainAnchor.writeDurably(check.head.text, to: anchorPath)
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(path: anchorPath, reason: "cannot write the chain anchor: \(error)")
        }
    }

    static func lastRows(_ n: Int) -> String { n == 1 ? "the last row was" : "the last \(n) rows were" }

    /// Compares the chain's tail with the anchor at `anchorFile` (default: the library's own).
    public func checkAnchor(_ anchorFile: String? = nil) throws(StoreError) -> AnchorCheck {
        if anchorFile == nil, postgres != nil { return try checkServerChainHead() }
        let file = anchorFile ?? anchorPath ?? ""
        let head = try chainHead()
        let anchor: ChainAnchor?
        do { anchor = try ChainAnchor.read(at: file) } catch {
            return AnchorCheck(status: .unreadable, path: file, anchor: nil, head: head,
                               message: "\(error.description); if you know why, `mammoterm audit anchor --force` writes a new one from the chain as it is")
        }
        guard let anchor else {
            if head.rows == 0 { return AnchorCheck(status: .empty, path: file, anchor: nil, head: head, message: "no decisions and no anchor") }
            return AnchorCheck(status: .missing, path: file, anchor: nil, head: head, message:
                "the library has \(head.rows) decisions but no chain anchor at \(file): it was removed, or the library was copied without it, so a cut tail cannot be ruled out; if you know why, `mammoterm audit anchor --force` anchors the chain as it is now")
        }
        let atAnchor = try readSession(doing: "cannot compare the chain with its anchor") { session -> (hash: String?, rows: Int) in
            let hash = try session.fetchStrings("SELECT hash FROM read_record WHERE id = ?", [anchor.lastID]).first
            let rows = Int(try session.fetchInt("SELECT count(*) FROM read_record WHERE id <= ?", [anchor.lastID]) ?? 0)
            return (hash, rows)
        }
        let since = anchor.written.isEmpty ? "" : " (anchor written \(anchor.written))"
        if anchor.lastID == 0 && anchor.rows == 0 {
            if head.rows == 0 { return AnchorCheck(status: .matches, path: file, anchor: anchor, head: head, message: "no decisions, as anchored") }
            return AnchorCheck(status: .behind, path: file, anchor: anchor, head: head, message:
                "\(head.rows) rows after the anchor\(since), which recorded none: a process stopped between its commit and the anchor update? `mammoterm audit anchor` moves the anchor on")
        }
        guard let hash = atAnchor.hash else {
            let tail = head.rows == 0 ? "the chain is empty" : "the chain ends at row \(head.lastID) (\(head.rows) rows)"
            return AnchorCheck(status: .cut, path: file, anchor: anchor, head: head, message:
                "\(tail) but its anchor records row \(anchor.lastID) with \(anchor.rows) rows\(since): \(Self.lastRows(max(anchor.rows - head.rows, 1))) deleted")
        }
        guard hash == anchor.lastHash else {
            return AnchorCheck(status: .changed, path: file, anchor: anchor, head: head, message:
                "row \(anchor.lastID)'s hash \(hash.prefix(12))… differs from its anchor's \(anchor.lastHash.prefix(12))…\(since): rows were changed and the chain rehashed after them")
        }
        guard atAnchor.rows == anchor.rows else {
            return AnchorCheck(status: .changed, path: file, anchor: anchor, head: head, message:
                "the chain has \(atAnchor.rows) rows up to row \(anchor.lastID), its anchor \(anchor.rows)\(since): rows were removed or inserted")
        }
        if head.lastID != anchor.lastID {
            return AnchorCheck(status: .behind, path: file, anchor: anchor, head: head, message:
                "\(head.rows - anchor.rows) rows after the anchor's row \(anchor.lastID)\(since): a process stopped between its commit and the anchor update? `mammoterm audit anchor` moves the anchor on")
        }
        return AnchorCheck(status: .matches, path: file, anchor: anchor, head: head, message: "row \(anchor.lastID), \(anchor.rows) rows: matches")
    }
}
