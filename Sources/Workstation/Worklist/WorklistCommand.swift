// What a key on the worklist asks for (WorklistKeymap binds them); the table's own movement and
// sort keys stay with TableView.
public enum WorklistCommand: Hashable, Sendable {
    case search
    /// Open the selected study (a remote one is retrieved first).
    case open
    case nextFilter
    case askArchives
    case dates
    case flag
    case report
    /// The monitor of the deployed model: drift, rates, estimated AUC and alarms per stratum.
    case monitor
    /// Import a ground-truth file found beside studies that have no truth in the library.
    case importTruth
    case help
    case quit
}
