// The workstation's side of the archives: retrieving a remote study in the background (views
// appear as their instances are filed), cancelling it, and asking every archive for its
// studies. Blocking calls: run them from effects, never on the UI loop.
import Archive
import Foundation
import Ingest
import MammoCore
import Store
import Synchronization

public final class ArchiveService: Sendable {
    public let nodes: [PacsNode]
    public let priors: Int
    let database: Database
    let storage: ManagedStorage
    private let active = Mutex<[String: CancellationFlag]>([:])

    public init(nodes: [PacsNode], database: Database, storage: ManagedStorage, priors: Int) {
        self.nodes = nodes
        self.database = database
        self.storage = storage
        self.priors = priors
    }

    public func node(named name: String) -> PacsNode? { nodes.first { $0.name == name } }

    public func isRetrieving(_ studyUID: String) -> Bool { active.withLock { $0[studyUID] != nil } }

    /// Stops the study's retrieve at the next instance (what arrived stays in the library).
    public func cancel(_ studyUID: String) { active.withLock { $0[studyUID]?.cancel() } }

    /// Retrieves the study (C-GET) and its priors from `nodeName`; `onEvent` runs on the
    /// transfer's threads after each instance.
    public func retrieve(_ studyUID: String, from nodeName: String,
                         onEvent: @escaping @Sendable (StudyRetriever.Event) -> Void) -> Result<StudyRetriever.Report, ArchiveError> {
        guard let node = node(named: nodeName) else {
            return .failure(ArchiveError(node: nodeName, operation: "retrieve", reason: "no [[pacs]] entry of that name in config.toml"))
        }
        let flag = CancellationFlag()
        active.withLock { $0[studyUID] = flag }
        defer { active.withLock { _ = $0.removeValue(forKey: studyUID) } }
        do {
            let retriever = StudyRetriever(connection: try node.connection(via: .cget), database: database, storage: storage)
            return .success(try retriever.retrieve(studyInstanceUID: studyUID, priors: priors, cancel: flag, progress: onEvent))
        } catch {
            return .failure(error)
        }
    }

    /// Asks every archive for its MG studies in `dates` (all dates when nil) and keeps the
    /// answers in the library; returns how many studies answered and one line per archive that failed.
    public func refresh(dates: StudyDateRange?) -> (studies: Int, failures: [String]) {
        var count = 0
        var failures: [String] = []
        for node in nodes {
            do {
                var studies = try node.connection(via: .dimse).findStudies(StudyQuery(studyDate: dates?.dicomQuery))
                for index in studies.indices { studies[index].node = node.name }
                try database.saveRemoteStudies(studies, node: node.name)
                count += studies.count
            } catch let error as ArchiveError {
                failures.append(error.description)
            } catch {
                failures.append("\(node.name): \(error)")
            }
        }
        return (count, failures)
    }

    /// The library's studies, then the archives' studies not retrieved yet.
    public func worklist() throws(StoreError) -> [WorklistEntry] {
        try database.worklist() + database.remoteStudies().map(WorklistEntry.init(remote:))
    }
}
