// What `Database.verifyAudit()` found: how many read records it checked and the first bad one.

public struct AuditResult: Sendable, Hashable, Codable {
    public enum Problem: String, Sendable, Hashable, Codable {
        /// The row's content does not hash to its stored hash: it was changed after it was written.
        case hashMismatch = "hash mismatch"
        /// The row's previousHash is not the hash of the row before it: rows were changed, removed
        /// or inserted.
        case brokenChain = "broken chain"
        /// `revises` names a row that does not exist or is not earlier.
        case badRevision = "revises a missing or later row"
    }

    public struct BadRow: Sendable, Hashable, Codable {
        public var id: Int64
        public var reader: String
        public var studyInstanceUID: String
        public var problem: Problem
        /// Details a person can act on.
        public var reason: String

        public init(id: Int64, reader: String, studyInstanceUID: String, problem: Problem, reason: String) {
            self.id = id
            self.reader = reader
            self.studyInstanceUID = studyInstanceUID
            self.problem = problem
            self.reason = reason
        }
    }

    /// Rows checked up to and including the first bad one (all rows when none is bad).
    public var rowsChecked: Int
    /// The first bad row in id order, nil when the chain is intact.
    public var firstBadRow: BadRow?

    public init(rowsChecked: Int, firstBadRow: BadRow?) {
        self.rowsChecked = rowsChecked
        self.firstBadRow = firstBadRow
    }

    public var isIntact: Bool { firstBadRow == nil }
}
