// Retrieving a study from an archive into the library, resumably, with the patient's priors:
// ask the archive which instances the study has, fetch only those the library lacks (all of
// them in one request when it has none), each filed and indexed as it arrives (LibrarySink);
// then the same for up to N previous MG studies of the patient, newest first, because the
// hanging protocol compares with them. Used by `pacs retrieve` and the workstation.
import Archive
import Foundation
import MammoCore
import Store
import Synchronization

public final class StudyRetriever: Sendable {
    /// One step of a retrieve, for a progress bar or line.
    public struct Event: Sendable {
        /// The study being fetched now, and whether it is a prior of the one asked for.
        public var studyInstanceUID: String
        public var isPrior: Bool
        /// 1-based position of this study among those fetched, and how many there are (known once priors are found).
        public var studyNumber: Int
        public var studyCount: Int
        /// This study's progress; `total` is its instance count when the archive said.
        public var completed: Int
        public var failed: Int
        public var total: Int?
        /// The instance just filed, when one was.
        public var indexed: ImageSummary?
    }

    /// What one retrieve did, study by study.
    public struct Report: Sendable {
        public var studies: [(studyInstanceUID: String, isPrior: Bool, counts: TransferCounts)] = []
        public var completed: Int { studies.reduce(0) { $0 + $1.counts.completed } }
        public var failed: Int { studies.reduce(0) { $0 + $1.counts.failed } }
        public var alreadyPresent: Int { studies.reduce(0) { $0 + $1.counts.alreadyPresent } }
        public var bytes: Int64 { studies.reduce(0) { $0 + $1.counts.bytes } }
        public var failures: [String] { studies.flatMap(\.counts.failures) }
    }

    let connection: any ArchiveConnection
    let database: Database
    let storage: ManagedStorage

    public init(connection: any ArchiveConnection, database: Database, storage: ManagedStorage) {
        self.connection = connection
        self.database = database
        self.storage = storage
    }

    /// Retrieves `studyInstanceUID` and up to `priors` previous MG studies of its patient.
    /// Throws when the study itself cannot be fetched; a prior that fails is reported in its
    /// counts and the rest goes on.
    public func retrieve(studyInstanceUID: String, priors: Int, cancel: CancellationFlag,
                         progress: @escaping @Sendable (Event) -> Void = { _ in }) throws(ArchiveError) -> Report {
        do {
            try storage.prepare()
        } catch {
            throw connection.node.error("retrieve", error.description)
        }
        var report = Report()
        var priorStudies: [RemoteStudy] = []
        if priors > 0 {
            priorStudies = try findPriors(of: studyInstanceUID, count: priors)
        }
        let count = 1 + priorStudies.count
        let main = try fetch(studyInstanceUID, isPrior: false, number: 1, of: count, cancel: cancel, progress: progress)
        report.studies.append((studyInstanceUID, false, main))
        for (offset, prior) in priorStudies.enumerated() {
            if cancel.isCancelled { throw connection.node.error("retrieve", "cancelled") }
            do {
                let counts = try fetch(prior.studyInstanceUID, isPrior: true, number: offset + 2, of: count, cancel: cancel, progress: progress)
                report.studies.append((prior.studyInstanceUID, true, counts))
            } catch where error.reason == "cancelled" {
                throw error
            } catch {
                report.studies.append((prior.studyInstanceUID, true, TransferCounts(failed: 1, failures: ["prior study \(prior.studyInstanceUID): \(error.reason)"])))
            }
        }
        return report
    }

    /// The patient's other MG studies dated before this one (or undated), newest first.
    func findPriors(of studyInstanceUID: String, count: Int) throws(ArchiveError) -> [RemoteStudy] {
        let current = try connection.findStudies(StudyQuery(studyInstanceUID: studyInstanceUID, modality: nil)).first
        guard let current, !current.patientID.isEmpty else { return [] }
        let others = try connection.findStudies(StudyQuery(patientID: current.patientID))
            .filter { $0.studyInstanceUID != studyInstanceUID && $0.patientID == current.patientID }
            .filter { current.studyDate.isEmpty || $0.studyDate.isEmpty || $0.studyDate < current.studyDate }
            .sorted { ($0.studyDate, $0.studyTime) > ($1.studyDate, $1.studyTime) }
        return Array(others.prefix(count))
    }

    func fetch(_ studyInstanceUID: String, isPrior: Bool, number: Int, of count: Int, cancel: CancellationFlag,
               progress: @escaping @Sendable (Event) -> Void) throws(ArchiveError) -> TransferCounts {
        let present: Set<String>
        do {
            present = try database.presentInstances(studyInstanceUID: studyInstanceUID)
        } catch {
            throw connection.node.error("retrieve", error.description)
        }
        // Which instances the archive has: lets a second try fetch only what is missing. Nothing of
        // the study here yet: fetch it whole without asking (the listing costs a C-FIND per series).
        // When the archive cannot list them, fetch it whole too (instances already here are filed again).
        let listed = present.isEmpty ? nil : try? connection.findInstances(studyInstanceUID: studyInstanceUID, seriesInstanceUID: nil)
        var request = RetrieveRequest(studyInstanceUID: studyInstanceUID)
        var alreadyPresent = 0
        var total: Int?
        if let listed, !listed.isEmpty {
            let missing = listed.filter { !present.contains($0.sopInstanceUID) }
            alreadyPresent = listed.count - missing.count
            total = missing.count
            if missing.isEmpty {
                progress(Event(studyInstanceUID: studyInstanceUID, isPrior: isPrior, studyNumber: number, studyCount: count,
                               completed: 0, failed: 0, total: 0, indexed: nil))
                return TransferCounts(alreadyPresent: alreadyPresent)
            }
            if !present.isEmpty { request.instances = missing }
        } else if listed != nil {
            throw connection.node.error("retrieve", "the archive has no instances of study \(studyInstanceUID)")
        }
        let fixedTotal = total
        let tracker = ProgressTracker()
        let event = { @Sendable (completed: Int, failed: Int, remaining: Int?, indexed: ImageSummary?) in
            progress(Event(studyInstanceUID: studyInstanceUID, isPrior: isPrior, studyNumber: number, studyCount: count,
                           completed: completed, failed: failed, total: fixedTotal ?? remaining.map { completed + failed + $0 },
                           indexed: indexed))
        }
        // Each filed instance is reported at once (the workstation shows the view), the archive's
        // own counts in between (C-GET pending responses, refusals).
        let sink = LibrarySink(database: database, storage: storage) { summary in
            let (completed, failed, remaining) = tracker.indexed()
            event(completed, failed, remaining, summary)
        }
        var counts = try connection.retrieve(request, spool: storage.spool, sink: sink, progress: { step in
            let (completed, failed, remaining) = tracker.step(step)
            event(completed, failed, remaining, nil)
        }, cancel: cancel)
        // Reports that came before their study's images are read now that the images are here.
        sink.drain()
        counts.alreadyPresent += alreadyPresent
        if request.instances == nil && counts.completed == 0 && counts.failed == 0 && alreadyPresent == 0 {
            throw connection.node.error("retrieve", "the archive has no instances of study \(studyInstanceUID)")
        }
        return counts
    }
}

/// The counts of one study's retrieve, fed by the sink (each filed instance) and by the
/// archive's progress reports, which may come from different threads.
final class ProgressTracker: Sendable {
    private let state = Mutex<(indexed: Int, completed: Int, failed: Int, remaining: Int?)>((0, 0, 0, nil))

    func indexed() -> (Int, Int, Int?) {
        state.withLock { s in
            s.indexed += 1
            return (max(s.indexed, s.completed), s.failed, s.remaining.map { max(0, $0 - 1) })
        }
    }

    func step(_ step: RetrieveProgress) -> (Int, Int, Int?) {
        state.withLock { s in
            s.completed = max(s.completed, step.completed)
            s.failed = max(s.failed, step.failed)
            s.remaining = step.remaining
            return (max(s.indexed, s.completed), s.failed, s.remaining)
        }
    }
}
