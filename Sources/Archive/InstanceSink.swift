// Where a received instance goes. Every way an instance arrives (C-GET, C-MOVE, C-STORE to
// `pacs listen`, WADO-RS) first writes the whole file into a spool folder under a temporary
// name, syncs it and renames it (so a half-written file never has a final name), then hands
// the path to the sink. The sink checks it, files it into the library's storage and indexes
// it; or refuses it with a reason (the receiver then deletes the spool file and, over DIMSE,
// answers with a failure status).
public protocol InstanceSink: Sendable {
    func receive(file path: String) -> InstanceVerdict
}

public enum InstanceVerdict: Sendable, Equatable {
    /// The sink took the file (it is no longer at the spool path, or may be deleted).
    case accepted
    /// Not a usable image: the reason names what is wrong; the file is deleted.
    case refused(String)
}

/// A sink made of a closure (tests, the command line).
public struct ClosureSink: InstanceSink {
    let body: @Sendable (String) -> InstanceVerdict
    public init(_ body: @escaping @Sendable (String) -> InstanceVerdict) { self.body = body }
    public func receive(file path: String) -> InstanceVerdict { body(path) }
}
