// What to retrieve: a whole study, or (to resume) only the listed instances of it.
public struct RetrieveRequest: Sendable, Equatable {
    public var studyInstanceUID: String
    /// nil: the whole study. Otherwise just these instances (the ones not yet in the library).
    public var instances: [RemoteInstance]?

    public init(studyInstanceUID: String, instances: [RemoteInstance]? = nil) {
        self.studyInstanceUID = studyInstanceUID
        self.instances = instances
    }
}
