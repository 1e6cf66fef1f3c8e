// The InstanceSink every archive receiver hands its files to: the same header triage as
// `import`, then the file is filed into managed storage and indexed at once. A file that is
// not a readable image is refused with the reader's reason and deleted from the spool, so
// nothing half-written or unreadable ever reaches the library.
// A structured report is filed too and its findings stored (CADReportImport); one whose study's
// images have not arrived yet waits and is tried again at drain().
import Archive
import DICOM
import Foundation
import MammoCore
import Store
import Synchronization

public final class LibrarySink: InstanceSink, Sendable {
    let database: Database
    let storage: ManagedStorage
    let onIndexed: @Sendable (ImageSummary) -> Void
    let batcher: IndexBatcher?
    let onReport: @Sendable (String, Result<CADReportImport.Outcome, CADReportImport.Failure>) -> Void
    /// Filed reports whose study was not in the library yet.
    private let waitingReports = Mutex<[String]>([])

    /// `onIndexed` runs on the receiver's thread after each instance is in the library. With
    /// `batching` (a Storage SCP taking many small instances) the file is checked and filed at once
    /// and its library row follows within milliseconds, many to a transaction; `onIndexed` then
    /// runs on the batch's thread, `onLateFailure` for a row the library refused (the file is
    /// removed), and `drain()` waits for the last batch.
    public init(database: Database, storage: ManagedStorage, batching: Bool = false,
                onIndexed: @escaping @Sendable (ImageSummary) -> Void = { _ in },
                onLateFailure: @escaping @Sendable (ImageSummary, String) -> Void = { _, _ in },
                onReport: @escaping @Sendable (String, Result<CADReportImport.Outcome, CADReportImport.Failure>) -> Void = { _, _ in }) {
        self.database = database
        self.storage = storage
        self.onIndexed = onIndexed
        self.onReport = onReport
        batcher = batching ? IndexBatcher(database: database, onIndexed: onIndexed, onFailed: onLateFailure) : nil
    }

    /// Waits until every instance accepted so far is in the library (batching only), then
    /// imports the reports that were waiting for their images; one still without them is
    /// reported (its file stays filed, so a later `import` of the storage takes it).
    public func drain() {
        batcher?.drain()
        let waiting = waitingReports.withLock { list in
            defer { list.removeAll() }
            return list
        }
        for path in waiting { onReport(path, CADReportImport.run(path: path, database: database)) }
    }

    public func receive(file path: String) -> InstanceVerdict {
        let triage = HeaderTriage.read(path, requireDICOM: true)
        if case .structuredReport = triage { return receiveReport(path) }
        switch accept(path, triage) {
        case .success(let summary):
            if batcher == nil { onIndexed(summary) }
            return .accepted
        case .failure(let refusal):
            try? FileManager.default.removeItem(atPath: path)
            return .refused(refusal.text)
        }
    }

    /// A structured report: filed under its study, its findings stored now or, when the study's
    /// images are not here yet, at drain(). One that cannot be read is refused and deleted.
    func receiveReport(_ path: String) -> InstanceVerdict {
        let header: DicomHeader
        do {
            header = try DicomHeaderReader.unchecked(path: path)
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            return .refused(SkipReason(error).text)
        }
        guard !header.studyInstanceUID.isEmpty, !header.sopInstanceUID.isEmpty else {
            try? FileManager.default.removeItem(atPath: path)
            return .refused("(0020,000D) a structured report without its Study or SOP Instance UID")
        }
        let destination = storage.destination(studyInstanceUID: header.studyInstanceUID, sopInstanceUID: header.sopInstanceUID)
        do {
            try storage.file(path, to: destination)
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            return .refused(error.reason)
        }
        batcher?.drain()
        let result = CADReportImport.run(path: destination, database: database)
        if case .failure(let failure) = result, failure.waitsForImages {
            waitingReports.withLock { $0.append(destination) }
            return .accepted
        }
        if case .failure(let failure) = result {
            try? FileManager.default.removeItem(atPath: destination)
            return .refused(failure.reason.text)
        }
        onReport(destination, result)
        return .accepted
    }

    func accept(_ path: String, _ triage: HeaderTriage.Outcome) -> Result<ImageSummary, RefusalReason> {
        var summary: ImageSummary
        switch triage {
        case .image(let read): summary = read
        case .structuredReport: return .failure(RefusalReason("a structured report, not an image"))
        case .unusable(let reason): return .failure(RefusalReason(reason.text))
        case .notDICOM: return .failure(RefusalReason("not a DICOM file"))
        }
        // The same instance already held (an earlier import of a folder, an earlier transfer): the
        // duplicate rule decides by content, as for `import`.
        var replacing: Set<String> = []
        do {
            if let held = try database.storedInstances([summary.sopInstanceUID])[summary.sopInstanceUID],
               DuplicateResolver.contests(summary, held) {
                switch try DuplicateResolver(database: database, rememberNewcomer: false).resolve(summary, against: held) {
                case .keepStored(let reason) where reason.code == .duplicate:
                    // The instance is in the library either way: drop this copy.
                    try? FileManager.default.removeItem(atPath: path)
                    summary.path = held.path
                    return .success(summary)
                case .keepStored(let reason):
                    return .failure(RefusalReason(reason.text))
                case .replaceStored:
                    replacing.insert(summary.sopInstanceUID)
                }
            }
        } catch {
            return .failure(RefusalReason(error.reason))
        }
        let destination = storage.destination(studyInstanceUID: summary.studyInstanceUID, sopInstanceUID: summary.sopInstanceUID)
        do {
            try storage.file(path, to: destination)
        } catch {
            return .failure(RefusalReason(error.reason))
        }
        guard let entry = FileWalk.entry(destination) else { return .failure(RefusalReason("the filed copy vanished")) }
        summary.path = destination
        summary.fileSize = entry.size
        summary.fileModified = entry.modified
        if let batcher, replacing.isEmpty {
            batcher.enqueue(summary)
            return .success(summary)
        }
        do {
            if case .failure(let error) = try database.add([summary], replacing: replacing).first
                ?? .failure(StoreError(path: destination, reason: "not added")) {
                try? FileManager.default.removeItem(atPath: destination)
                return .failure(RefusalReason(error.reason))
            }
        } catch {
            try? FileManager.default.removeItem(atPath: destination)
            return .failure(RefusalReason(error.reason))
        }
        return .success(summary)
    }

    public struct RefusalReason: Error {
        public var text: String
        init(_ text: String) { self.text = text }
    }
}
