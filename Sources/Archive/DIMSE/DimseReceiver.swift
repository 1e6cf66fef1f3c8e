// Where instances received over DIMSE go (C-GET stores, C-MOVE and `pacs listen` stores to
// our Storage SCP): the shim has already written each one to the spool (temporary name,
// fsync, rename); this hands the path to the sink, keeps the counts and answers the C-STORE
// status. Called on the shim's receiving thread, so everything here is under a lock.
import CDCMTK
import Foundation
import MammoCore

/// One received instance, as the Storage SCP reports it (for `pacs listen`'s one line per file).
public enum StorageEvent: Sendable, Equatable {
    /// The SCP listens (on `port`, with AE title `aeTitle`).
    case listening(port: Int, aeTitle: String)
    /// The sink took it.
    case received(sopInstanceUID: String, callingAET: String, bytes: Int64)
    /// The sink refused it (the peer got a failure status) or it could not be written.
    case refused(sopInstanceUID: String, callingAET: String, reason: String)
}

final class DimseReceiver: @unchecked Sendable {
    private let sink: any InstanceSink
    private let lock = NSLock()
    private var counts = TransferCounts()
    private var seen: [String] = []
    private let progress: (@Sendable (RetrieveProgress) -> Void)?
    private let onEvent: (@Sendable (StorageEvent) -> Void)?
    let cancel: CancellationFlag?
    /// Instances the archive said it would send in all (from pending responses or the request).
    private var expected: Int?
    /// The C-STORE status for a refusal: "cannot understand" (PS3.4 B.2.3).
    static let refusedStatus: UInt16 = 0xC000
    static let outOfResources: UInt16 = 0xA700

    init(sink: any InstanceSink, expected: Int? = nil, cancel: CancellationFlag? = nil,
         progress: (@Sendable (RetrieveProgress) -> Void)? = nil, onEvent: (@Sendable (StorageEvent) -> Void)? = nil) {
        self.sink = sink
        self.expected = expected
        self.cancel = cancel
        self.progress = progress
        self.onEvent = onEvent
    }

    var snapshot: TransferCounts { lock.withLock { counts } }
    /// SOP Instance UIDs handled so far (accepted or refused), in arrival order.
    var handled: [String] { lock.withLock { seen } }
    var expectedTotal: Int? { lock.withLock { expected } }

    func expect(total: Int) {
        lock.withLock { if expected == nil || total > (expected ?? 0) { expected = total } }
    }

    /// The shim's store callback body: returns the C-STORE status to answer.
    func handle(_ item: mt_received) -> UInt16 {
        let sop = dimseText(item.sop_instance_uid)
        let calling = dimseText(item.calling_aet)
        let verdict: InstanceVerdict
        var status: UInt16 = 0
        if let path = item.path {
            verdict = sink.receive(file: String(cString: path))
            if case .refused = verdict { status = Self.refusedStatus }
        } else {
            verdict = .refused(dimseText(item.error))
            status = Self.outOfResources
        }
        let (update, event): (RetrieveProgress, StorageEvent) = lock.withLock {
            seen.append(sop)
            let event: StorageEvent
            switch verdict {
            case .accepted:
                counts.completed += 1
                counts.bytes += item.bytes
                event = .received(sopInstanceUID: sop, callingAET: calling, bytes: item.bytes)
            case .refused(let reason):
                let cleaned = PrintableText.clean(reason)
                counts.failed += 1
                counts.failures.append("\(sop): \(cleaned)")
                event = .refused(sopInstanceUID: sop, callingAET: calling, reason: cleaned)
            }
            let remaining = expected.map { max($0 - seen.count, 0) }
            return (RetrieveProgress(completed: counts.completed, failed: counts.failed, remaining: remaining,
                                     sopInstanceUID: sop), event)
        }
        progress?(update)
        onEvent?(event)
        return status
    }

    /// Counts an instance the archive failed to send (not one we refused).
    func archiveFailed(_ sop: String, _ reason: String) {
        lock.withLock {
            counts.failed += 1
            counts.failures.append("\(PrintableText.clean(sop)): \(PrintableText.clean(reason))")
        }
    }

    /// A status update without an instance (a pending response).
    func report(remaining: Int?) {
        let update = lock.withLock {
            RetrieveProgress(completed: counts.completed, failed: counts.failed, remaining: remaining)
        }
        progress?(update)
    }

    var context: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    static func from(_ context: UnsafeMutableRawPointer?) -> DimseReceiver? {
        guard let context else { return nil }
        return Unmanaged<DimseReceiver>.fromOpaque(context).takeUnretainedValue()
    }

    /// The C store callback: context is a DimseReceiver.
    static let storeCallback: mt_store_callback = { context, item in
        guard let receiver = DimseReceiver.from(context), let item else { return DimseReceiver.outOfResources }
        return receiver.handle(item.pointee)
    }
}
