// What the reading screen shows while a remote study is being retrieved: from which archive,
// how far this study is, and which of its priors follow.
import Ingest

public struct RetrievalProgress: Equatable, Sendable {
    public var node: String
    public var completed = 0
    public var failed = 0
    public var total: Int?
    /// 1 for the study itself, 2... for its priors.
    public var studyNumber = 1
    public var studyCount = 1

    public init(node: String) { self.node = node }

    init(_ event: StudyRetriever.Event, node: String) {
        self.node = node
        completed = event.completed
        failed = event.failed
        total = event.total
        studyNumber = event.studyNumber
        studyCount = event.studyCount
    }

    /// "Retrieving from orthanc: 2/4 instances", "… prior 1 of 2: 3/4 instances · 1 failed" (q cancels).
    public var line: String {
        let counts = total.map { "\(completed)/\($0) instances" } ?? "\(completed) instances"
        let which = studyNumber > 1 ? " prior \(studyNumber - 1) of \(studyCount - 1):" : ":"
        return "Retrieving from \(node)\(which) \(counts)" + (failed > 0 ? " · \(failed) failed" : "") + " · q cancels"
    }
}
