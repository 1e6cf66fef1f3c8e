// Reader decisions in the library: appended (never updated) with a hash chain, read back by
// reader, protocol and study, and the chain verified. The bytes hashed are documented in
// MammoCore/Reading/ReadRecord+Canonical.swift; hashes are SHA-256 (swift-crypto).
import Crypto
import Foundation
import GRDB
import MammoCore

extension Database {
    /// Appends `record` as a new row and returns it with its id, previousHash and hash set
    /// (`appendReads` says more, and also returns a failed anchor update, which this drops).
    @discardableResult
    public func appendRead(_ record: ReadRecord) throws(StoreError) -> ReadRecord {
        let outcome = try appendReads([record])
        guard let saved = outcome.saved.first else { throw StoreError(path: path, reason: "cannot save the decision: nothing was written") }
        return saved
    }

    /// Appends `records` as new rows, all in one IMMEDIATE transaction (all or none), and returns
    /// them with their id, previousHash and hash set, and a failure to update the chain anchor
    /// (`<library>.chain`, `ChainAnchor`) afterwards when there was one: the rows are committed
    /// by then, so that is a warning to show, not a reason to submit again.
    ///
    /// The last row is read and the new ones written with the write lock taken before reading,
    /// so processes appending at once queue up and each links to the row committed just before
    /// it. Once this returns, the rows are committed (a process killed afterwards loses nothing).
    public func appendReads(_ records: [ReadRecord]) throws(StoreError) -> (saved: [ReadRecord], anchorProblem: StoreError?) {
        var encoded: [(ReadRecord, String)] = []
        for record in records {
            do { try record.validate() } catch {
                throw StoreError(path: location, reason: "cannot save the decision: \(error)")
            }
            do { encoded.append((record, try ReadRecord.canonicalJSON(record.decision))) } catch {
                throw StoreError(path: location, reason: "cannot encode the decision: \(error)")
            }
        }
        let saved = try appendSession(doing: "cannot save the decision") { session in
            var saved: [ReadRecord] = []
            var last = try Self.chainTail(session)
            for (record, decisionJSON) in encoded {
                let id = (last?.id ?? 0) + 1
                if let revises = record.revises {
                    let exists = try session.fetchInt("""
                        SELECT COUNT(*) FROM read_record WHERE id = ? AND reader = ? AND studyInstanceUID = ? AND "protocol" = ? AND stage = ?
                        """, [revises, record.reader, record.studyInstanceUID, record.readingProtocol.rawValue, record.stage.rawValue]) ?? 0
                    guard exists > 0 else {
                        throw StoreError(path: location, reason: "cannot save the decision: it revises record \(revises), which is not an earlier decision of the same reader, study, protocol and stage")
                    }
                }
                var row = record
                row.id = id
                row.previousHash = last?.hash ?? ""
                row.hash = Self.sha256Hex(row.canonicalContent(decisionJSON: decisionJSON))
                try session.execute("""
                    INSERT INTO read_record (id, reader, session, studyInstanceUID, "protocol", stage, aiVisibility,
                        aiScore, aiModel, safetyNetAlert, openedAt, submittedAt, readingSeconds, decision, revises,
                        previousHash, hash)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, [id, row.reader, row.session, row.studyInstanceUID, row.readingProtocol.rawValue,
                          row.stage.rawValue, row.aiVisibility.rawValue, row.aiScore, row.aiModel,
                          row.safetyNetAlert, row.openedAt.text, row.submittedAt.text, row.readingSeconds,
                          decisionJSON, row.revises, row.previousHash, row.hash])
                saved.append(row)
                last = (id, row.hash)
            }
            return saved
        }
        do { try advanceAnchor(appended: saved.count) } catch { return (saved, error) }
        return (saved, nil)
    }

    /// Runs an append in a transaction that holds the chain head until it commits: SQLite's
    /// write lock taken before reading (BEGIN IMMEDIATE), or on PostgreSQL the chain-head row
    /// locked by `mammoterm_chain_head()` (PostgresSchema). Appenders queue; none forks the chain.
    private func appendSession<T>(doing what: String, _ body: (any SQLSession) throws -> T) throws(StoreError) -> T {
        if let postgres { return try postgres.transaction(readOnly: false, doing: what) { try body($0) } }
        let writer = try sqliteWriter(doing: what)
        return try storeGuard(path: path, doing: what) {
            var value: T?
            try writer.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    value = try body(GRDBSession(db: db))
                    return .commit
                }
            }
            guard let value else { throw StoreError(path: path, reason: "\(what): the transaction returned nothing") }
            return value
        }
    }

    /// The chain's last row (id and hash), nil when there is none. On PostgreSQL from the chain
    /// head, which a reader may read although row-level security hides other readers' rows.
    static func chainTail(_ session: any SQLSession) throws -> (id: Int64, hash: String)? {
        let row: Row? = switch session.dialect {
        case .sqlite: try session.fetchOne("SELECT id, hash FROM read_record ORDER BY id DESC LIMIT 1")
        case .postgres: try session.fetchOne("SELECT headID AS id, headHash AS hash FROM mammoterm_chain_head() WHERE headID > 0")
        }
        return row.map { (id: $0["id"] as Int64, hash: $0["hash"] as String) }
    }

    /// Read records in id order, filtered by reader, protocol and study when given (all revisions;
    /// `ReadRecord.latest(_:)` keeps the current one per reader, study, protocol and stage).
    public func reads(reader: String? = nil, protocol readingProtocol: ReadingProtocol? = nil,
                      study: String? = nil) throws(StoreError) -> [ReadRecord] {
        var conditions: [String] = []
        var arguments: SQLArguments = []
        if let reader { conditions.append("reader = ?"); arguments.append(reader) }
        if let readingProtocol { conditions.append(#""protocol" = ?"#); arguments.append(readingProtocol.rawValue) }
        if let study { conditions.append("studyInstanceUID = ?"); arguments.append(study) }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try readSession(doing: "cannot read the decisions") { session in
            try session.fetchAll("SELECT * FROM read_record \(filter) ORDER BY id", arguments).map(Self.readRecord)
        }
    }

    /// Per study, how far `reader` got under `readingProtocol`: `.final` once a final decision is
    /// recorded, `.initial` while only the first call is (a second-look or referral read left
    /// half way). Studies without a decision are absent. The worklist's Read column.
    public func readStages(reader: String, protocol readingProtocol: ReadingProtocol) throws(StoreError) -> [String: ReadStage] {
        try readSession(doing: "cannot read the decisions") { session in
            let rows = try session.fetchAll("""
                SELECT studyInstanceUID, MAX(CASE WHEN stage = 'final' THEN 1 ELSE 0 END) AS isFinal FROM read_record
                WHERE reader = ? AND "protocol" = ? GROUP BY studyInstanceUID
                """, [reader, readingProtocol.rawValue])
            var stages: [String: ReadStage] = [:]
            for row in rows { stages[row["studyInstanceUID"]] = ((row["isFinal"] as Int64?) ?? 0) != 0 ? .final : .initial }
            return stages
        }
    }

    /// All read records in id order, each decoded on its own: rows that cannot be read back
    /// (a damaged or hand-edited decision) come back as problems instead of failing the rest,
    /// for batch commands that export what they can and then exit non-zero with a summary.
    public func readsReportingBad() throws(StoreError) -> (records: [ReadRecord], bad: [StoreError]) {
        try readSession(doing: "cannot read the decisions") { session in
            var records: [ReadRecord] = [], bad: [StoreError] = []
            for row in try session.fetchAll("SELECT * FROM read_record ORDER BY id") {
                do { records.append(try Self.readRecord(row)) } catch {
                    bad.append(StoreError(path: location, reason: "read record \((row["id"] as Int64?) ?? -1) cannot be read: \(error)"))
                }
            }
            return (records, bad)
        }
    }

    /// Checks every row in id order: its hash against its content, its previousHash against the
    /// row before, its `revises` against earlier rows. Stops at the first bad row.
    public func verifyAudit() throws(StoreError) -> AuditResult {
        guard try isAdministrator() else {
            throw StoreError(path: location, reason: "audit verify needs the study administrator's role: a reader sees only their own decisions, so the chain cannot be checked from here",
                             summary: "needs the administrator's role")
        }
        return try readSession(doing: "cannot verify the decisions") { session in
            var checked = 0
            var previous: (id: Int64, hash: String)? = nil
            var seen = Set<Int64>()
            for row in try session.fetchAll("SELECT * FROM read_record ORDER BY id") {
                checked += 1
                let id: Int64 = row["id"]
                func bad(_ problem: AuditResult.Problem, _ reason: String) -> AuditResult {
                    let reader = (row["reader"] as String?) ?? "", study = (row["studyInstanceUID"] as String?) ?? ""
                    return AuditResult(rowsChecked: checked, firstBadRow: .init(id: id, reader: reader, studyInstanceUID: study,
                                                                               problem: problem, reason: reason))
                }
                let values = ReadRecord.canonicalFieldOrder.map { Self.canonicalText(row[$0] as DatabaseValue) }
                let stored = (row["hash"] as String?) ?? ""
                let previousHash = (row["previousHash"] as String?) ?? ""
                let expectedPrevious = previous?.hash ?? ""
                if previousHash != expectedPrevious {
                    let gap = previous.map { $0.id + 1 == id ? "row \($0.id) was changed or rehashed" : "rows \($0.id + 1)–\(id - 1) are missing" }
                        ?? (id == 1 ? "the first row must have an empty previousHash" : "rows 1–\(id - 1) are missing")
                    return bad(.brokenChain, "previousHash does not match the hash of the row before (\(gap))")
                }
                if Self.sha256Hex(ReadRecord.canonicalContent(values: values)) != stored {
                    return bad(.hashMismatch, "the row's content does not match its hash: it was changed after it was written")
                }
                if let revises = row["revises"] as Int64? {
                    if revises >= id { return bad(.badRevision, "it revises row \(revises), which is not earlier") }
                    if !seen.contains(revises) { return bad(.badRevision, "it revises row \(revises), which does not exist") }
                }
                seen.insert(id)
                previous = (id, stored)
            }
            return AuditResult(rowsChecked: checked, firstBadRow: nil)
        }
    }

    /// A stored value as the canonical serialisation writes it.
    static func canonicalText(_ value: DatabaseValue) -> String? {
        switch value.storage {
        case .null: nil
        case .int64(let v): String(v)
        case .double(let v): ReadRecord.canonicalReal(v)
        case .string(let v): v
        case .blob(let v): String(decoding: v, as: UTF8.self)
        }
    }

    static func sha256Hex(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func readRecord(_ row: Row) throws -> ReadRecord {
        func value<T: RawRepresentable>(_ type: T.Type, _ column: String) throws -> T where T.RawValue == String {
            let text: String = row[column]
            guard let value = T(rawValue: text) else { throw StoreError(reason: "read record \(row["id"] as Int64): bad \(column) \"\(PrintableText.clean(text))\"") }
            return value
        }
        let decision = try JSONDecoder().decode(ReaderDecision.self, from: Data((row["decision"] as String).utf8))
        return try ReadRecord(
            id: row["id"], reader: row["reader"], session: row["session"], studyInstanceUID: row["studyInstanceUID"],
            readingProtocol: value(ReadingProtocol.self, "protocol"), stage: value(ReadStage.self, "stage"),
            aiVisibility: value(AIVisibility.self, "aiVisibility"), aiScore: row["aiScore"], aiModel: row["aiModel"],
            safetyNetAlert: row["safetyNetAlert"], openedAt: row.timestamp("openedAt", in: "read_record"), submittedAt: row.timestamp("submittedAt", in: "read_record"),
            readingSeconds: row["readingSeconds"], decision: decision, revises: row["revises"],
            previousHash: row["previousHash"], hash: row["hash"])
    }
}
