// Progress of a retrieve or a send, reported after each instance (and after each DIMSE
// pending response), for the command line's bar and the workstation's progress line.
public struct RetrieveProgress: Sendable, Equatable {
    /// Instances received (or sent) and accepted so far.
    public var completed: Int
    /// Instances refused by the sink or failed at the archive.
    public var failed: Int
    /// Instances still to come, when the archive says (C-GET/C-MOVE pending responses) or the
    /// count is known from a query; nil when unknown.
    public var remaining: Int?
    /// The instance just handled ("" for a bare status update).
    public var sopInstanceUID: String

    public init(completed: Int = 0, failed: Int = 0, remaining: Int? = nil, sopInstanceUID: String = "") {
        self.completed = completed
        self.failed = failed
        self.remaining = remaining
        self.sopInstanceUID = sopInstanceUID
    }
}

/// What a finished retrieve or send did.
public struct TransferCounts: Sendable, Equatable {
    public var completed: Int = 0
    public var failed: Int = 0
    /// Instances already in the library and not fetched again (retrieve only).
    public var alreadyPresent: Int = 0
    /// Reasons for the failed instances, "SOP UID: reason", for the command line to list.
    public var failures: [String] = []
    public var bytes: Int64 = 0

    public init(completed: Int = 0, failed: Int = 0, alreadyPresent: Int = 0, failures: [String] = [], bytes: Int64 = 0) {
        self.completed = completed
        self.failed = failed
        self.alreadyPresent = alreadyPresent
        self.failures = failures
        self.bytes = bytes
    }
}
