// C-STORE sending of local files (DCMTK's DcmStorageSCU behind the shim). A file that cannot
// be read, or that the archive refuses, is counted as failed with its reason; the rest goes on.
import CDCMTK
import Foundation
import MammoCore

extension DimseConnection {
    public func send(files: [String], progress: @escaping @Sendable (RetrieveProgress) -> Void,
                     cancel: CancellationFlag) throws(ArchiveError) -> TransferCounts {
        if cancel.isCancelled { throw node.error("C-STORE", "cancelled") }
        if files.isEmpty { return TransferCounts() }
        let box = SendResults(total: files.count, cancel: cancel, progress: progress)
        let cNode = DimseNode(node)
        let strings = DimseStrings()
        var paths: [UnsafePointer<CChar>?] = files.map { UnsafePointer(strings.keep($0)) }
        var status = mt_status()
        let callback: mt_send_callback = { context, item in
            guard let context, let item else { return 1 }
            let box = Unmanaged<SendResults>.fromOpaque(context).takeUnretainedValue()
            return box.handle(item.pointee) ? 1 : 0
        }
        let result = withExtendedLifetime((cNode, strings, box)) {
            paths.withUnsafeMutableBufferPointer { buffer in
                mt_net_send([cNode.raw], buffer.baseAddress, buffer.count, callback, Unmanaged.passUnretained(box).toOpaque(), &status)
            }
        }
        if result != MT_NET_OK { throw node.error("C-STORE", DimseFailure(result, status)) }
        // Files the shim never reported (no presentation context for them) were not sent.
        for path in files where !box.reported.contains(path) {
            box.counts.failed += 1
            box.counts.failures.append("\(PrintableText.clean(path)): not sent (the archive accepted no presentation context for it)")
        }
        return box.counts
    }
}

/// Per-file outcomes of a send (the callback runs on the calling thread).
private final class SendResults {
    var counts = TransferCounts()
    var reported = Set<String>()
    let total: Int
    let cancel: CancellationFlag
    let progress: @Sendable (RetrieveProgress) -> Void

    init(total: Int, cancel: CancellationFlag, progress: @escaping @Sendable (RetrieveProgress) -> Void) {
        self.total = total
        self.cancel = cancel
        self.progress = progress
    }

    /// Records one file; true asks the shim to stop.
    func handle(_ item: mt_sent) -> Bool {
        let path = item.path.map { String(cString: $0) } ?? ""
        reported.insert(path)
        let sop = dimseText(item.sop_instance_uid)
        if item.ok != 0 {
            counts.completed += 1
            let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber
            counts.bytes += size?.int64Value ?? 0
        } else {
            counts.failed += 1
            counts.failures.append("\(sop.isEmpty ? PrintableText.clean(path) : sop): \(dimseText(item.error))")
        }
        progress(RetrieveProgress(completed: counts.completed, failed: counts.failed,
                                  remaining: max(total - reported.count, 0), sopInstanceUID: sop))
        return cancel.isCancelled
    }
}
