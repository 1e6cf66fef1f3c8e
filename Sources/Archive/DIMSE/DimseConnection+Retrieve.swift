// Retrieval over DIMSE: a whole study in one STUDY-level C-GET / C-MOVE, or (to resume) one
// IMAGE-level request per listed instance on a single association. C-GET stores arrive on
// that association; for C-MOVE our Storage SCP runs on a thread for the duration.
import CDCMTK
import Foundation
import MammoCore

extension DimseConnection {
    var retrieveOperation: String { retrieveMode == .cget ? "C-GET" : "C-MOVE" }

    public func retrieve(_ request: RetrieveRequest, spool: String, sink: any InstanceSink,
                         progress: @escaping @Sendable (RetrieveProgress) -> Void,
                         cancel: CancellationFlag) throws(ArchiveError) -> TransferCounts {
        let op = retrieveOperation
        if cancel.isCancelled { throw node.error(op, "cancelled") }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: spool, isDirectory: &isFolder), isFolder.boolValue else {
            throw node.error(op, "the spool folder \(spool) does not exist")
        }
        let receiver = DimseReceiver(sink: sink, expected: request.instances?.count, cancel: cancel, progress: progress)

        // C-MOVE: our Storage SCP must listen before the archive is asked to connect to it.
        var scp: (listener: DimseListener, done: DispatchSemaphore)?
        if retrieveMode == .cmove {
            guard let port = node.storagePort else {
                throw node.error(op, "no storage port configured for C-MOVE (set storage_port, or use C-GET)")
            }
            let server = StorageSCP(port: port, aeTitle: node.callingAET, spool: spool, receiver: receiver, timeout: node.timeout)
            let listener: DimseListener
            do { listener = try server.open() } catch { throw node.error(op, "our Storage SCP: \(error.reason)") }
            let done = DispatchSemaphore(value: 0)
            let thread = Thread {
                _ = listener.serve()
                done.signal()
            }
            thread.start()
            scp = (listener, done)
        }
        defer {
            if let scp {
                scp.listener.stop()
                scp.done.wait()
            }
        }

        let association = try DimseAssociation(connection: self, spool: spool, receiver: receiver)
        defer { association.close() }
        if let instances = request.instances {
            for instance in instances {
                if cancel.isCancelled { throw node.error(op, "cancelled") }
                var keys = DimseKeys()
                keys.add(.studyInstanceUID, request.studyInstanceUID)
                keys.add(.seriesInstanceUID, instance.seriesInstanceUID)
                keys.add(.sopInstanceUID, instance.sopInstanceUID)
                let before = receiver.handled.count
                let final = try association.run(level: .image, keys)
                let arrived = receiver.handled.count > before
                if !arrived {
                    receiver.archiveFailed(instance.sopInstanceUID, final.failureText ?? "the archive sent nothing for it")
                    receiver.report(remaining: max(instances.count - receiver.handled.count - receiver.snapshot.failed, 0))
                }
            }
        } else {
            var keys = DimseKeys()
            keys.add(.studyInstanceUID, request.studyInstanceUID)
            let final = try association.run(level: .study, keys)
            try account(final, receiver: receiver, op: op)
        }
        return receiver.snapshot
    }

    /// Adds the archive's own failures (beyond the sink's refusals) to the counts; throws when
    /// the archive refused the whole request.
    private func account(_ final: DimseFinalResponse, receiver: DimseReceiver, op: String) throws(ArchiveError) {
        let counts = receiver.snapshot
        let handled = Set(receiver.handled)
        if final.isFailure && counts.completed == 0 && counts.failed == 0 {
            if final.status == 0xA801 {
                throw node.error(op, "the archive does not know the move destination \(node.callingAET): register it there (AE title, host, port \(node.storagePort.map(String.init) ?? "?"))")
            }
            throw node.error(op, final.failureText ?? "the archive answered status \(final.statusCode)")
        }
        let archiveFailures = max(final.failed - counts.failed, 0)
        guard archiveFailures > 0 else { return }
        let listed = final.failedUIDs.filter { !handled.contains($0) }
        for index in 0..<archiveFailures {
            let sop = index < listed.count ? listed[index] : "(unknown instance)"
            receiver.archiveFailed(sop, final.failureText ?? "the archive could not send it")
        }
    }
}

/// The final response of one C-GET / C-MOVE, cleaned.
struct DimseFinalResponse {
    var status: UInt16
    var statusText: String
    var completed: Int
    var failed: Int
    var warning: Int
    var failedUIDs: [String]
    var errorComment: String

    var statusCode: String { "0x" + String(format: "%04X", status) }
    /// Failure (0xA..., 0xC...) or cancel, not success or warning.
    var isFailure: Bool { status != 0 && status != 0xB000 && (status & 0xF000) != 0xB000 }

    /// "status 0xA702 (Refused: OutOfResourcesSubOperations): comment", or nil on success.
    var failureText: String? {
        guard status != 0 else { return nil }
        var text = "the archive answered status \(statusCode)"
        if !statusText.isEmpty { text += " (\(statusText))" }
        if !errorComment.isEmpty { text += ": \(errorComment)" }
        return text
    }
}

/// One open retrieve association (mt_retrieve) with its callbacks bound to a receiver.
final class DimseAssociation {
    private let handle: OpaquePointer
    private let connection: DimseConnection
    private let cNode: DimseNode
    private let strings = DimseStrings()
    private let receiver: DimseReceiver
    private var op: String { connection.retrieveOperation }

    init(connection: DimseConnection, spool: String, receiver: DimseReceiver) throws(ArchiveError) {
        self.connection = connection
        self.receiver = receiver
        let cNode = DimseNode(connection.node)
        self.cNode = cNode
        var status = mt_status()
        var result = MT_NET_FAILED
        let progressCallback: mt_progress_callback = { context, progress in
            guard let receiver = DimseReceiver.from(context), let progress else { return 1 }
            let p = progress.pointee
            if p.final == 0 {
                if p.remaining >= 0 { receiver.expect(total: Int(p.remaining + p.completed + p.failed + p.warning)) }
                receiver.report(remaining: p.remaining >= 0 ? Int(p.remaining) : nil)
            }
            return receiver.cancel?.isCancelled == true ? 1 : 0
        }
        let cancelCallback: mt_cancel_callback = { context in
            guard let receiver = DimseReceiver.from(context) else { return 1 }
            return receiver.cancel?.isCancelled == true ? 1 : 0
        }
        let opened = withExtendedLifetime(cNode) {
            mt_retrieve_open([cNode.raw], connection.retrieveMode == .cmove ? 1 : 0, spool, DimseReceiver.storeCallback,
                             progressCallback, cancelCallback, receiver.context, &result, &status)
        }
        guard let opened else { throw connection.node.error(connection.retrieveOperation, DimseFailure(result, status)) }
        handle = opened
    }

    /// One request; throws on a broken association (with how far it got), a timeout or cancel.
    func run(level: QueryLevel, _ keys: DimseKeys) throws(ArchiveError) -> DimseFinalResponse {
        var out = mt_retrieve_result()
        var status = mt_status()
        let destination = connection.retrieveMode == .cmove ? connection.node.callingAET : ""
        let result = withExtendedLifetime((cNode, receiver)) {
            keys.withAttributes { attributes, count in
                mt_retrieve_run(handle, level.rawValue, attributes, count, destination, &out, &status)
            }
        }
        guard result == MT_NET_OK else {
            let failure = DimseFailure(result, status)
            if failure.isCancelled { throw connection.node.error(op, "cancelled") }
            if result == MT_NET_CLOSED {
                let got = receiver.handled.count
                let total = receiver.expectedTotal
                let noun = (total ?? got) == 1 ? "instance" : "instances"
                let of = total.map { " of \($0)" } ?? ""
                throw connection.node.error(op, "the archive ended the association after \(got)\(of) \(noun)")
            }
            throw connection.node.error(op, failure)
        }
        let uids = dimseText(tuple: out.failed_uids).split(separator: "\\").map { PrintableText.clean(String($0)) }
        return DimseFinalResponse(status: out.status, statusText: dimseText(tuple: out.status_text),
                                  completed: Int(out.completed), failed: Int(out.failed), warning: Int(out.warning),
                                  failedUIDs: uids.filter { !$0.isEmpty }, errorComment: dimseText(tuple: out.error_comment))
    }

    func close() { mt_retrieve_close(handle) }
}
