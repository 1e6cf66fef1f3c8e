// Our Storage SCP: receives C-STORE requests (from `storescu`, a modality, or an archive
// answering our C-MOVE) into a spool folder and hands each file to a sink; answers C-ECHO.
// `pacs listen` runs it until Ctrl-C; DimseConnection runs one on a thread for C-MOVE.
// It listens on all interfaces (DCMTK 3.6.7 has no bind address).
import CDCMTK
import Foundation
import MammoCore

public final class StorageSCP: @unchecked Sendable {
    public let port: Int
    public let aeTitle: String
    public let spool: String
    /// Refuse associations whose called AE title is not ours.
    public let checkCalledAETitle: Bool
    /// Seconds to wait for each message inside an association.
    public let timeout: Double
    private let receiver: DimseReceiver

    public init(port: Int, aeTitle: String, spool: String, sink: any InstanceSink, checkCalledAETitle: Bool = false,
                timeout: Double = PacsNode.defaultTimeout, onEvent: (@Sendable (StorageEvent) -> Void)? = nil) {
        self.port = port
        self.aeTitle = aeTitle
        self.spool = spool
        self.checkCalledAETitle = checkCalledAETitle
        self.timeout = timeout
        self.onEvent = onEvent
        receiver = DimseReceiver(sink: sink, onEvent: onEvent)
    }

    init(port: Int, aeTitle: String, spool: String, receiver: DimseReceiver, timeout: Double) {
        self.port = port
        self.aeTitle = aeTitle
        self.spool = spool
        self.checkCalledAETitle = false
        self.timeout = timeout
        self.onEvent = nil
        self.receiver = receiver
    }

    private let onEvent: (@Sendable (StorageEvent) -> Void)?

    /// Accepted and refused instances so far (`failures` lists "SOP: reason").
    public var counts: TransferCounts { receiver.snapshot }

    /// Listens and serves until `stop` is set (polled every 0.1 s; the association in progress
    /// ends at its next message). Throws when the port cannot be opened.
    public func run(stop: CancellationFlag) throws(ArchiveError) {
        let listener = try open()
        onEvent?(.listening(port: port, aeTitle: aeTitle))
        let finished = CancellationFlag()
        let watcher = Thread {
            while !finished.isCancelled {
                if stop.isCancelled {
                    listener.stop()
                    break
                }
                usleep(100_000)
            }
        }
        watcher.start()
        let outcome = listener.serve()
        finished.cancel()
        if let outcome { throw error(outcome) }
    }

    /// Opens the listening port (so a busy port fails before anything is sent).
    func open() throws(ArchiveError) -> DimseListener {
        do {
            return try DimseListener(port: port, aeTitle: aeTitle, spool: spool, checkCalled: checkCalledAETitle,
                                     timeout: timeout, receiver: receiver)
        } catch let failure {
            throw error(failure)
        }
    }

    private func error(_ failure: DimseFailure) -> ArchiveError {
        ArchiveError(node: "\(aeTitle)@\(port)", operation: "listen", reason: failure.message)
    }
}

/// An opened mt_scp: serve() blocks until stop() (from another thread).
final class DimseListener: @unchecked Sendable {
    private let handle: OpaquePointer
    private let receiver: DimseReceiver
    private let strings = DimseStrings()

    init(port: Int, aeTitle: String, spool: String, checkCalled: Bool, timeout: Double,
         receiver: DimseReceiver) throws(DimseFailure) {
        self.receiver = receiver
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: spool, isDirectory: &isFolder), isFolder.boolValue else {
            throw DimseFailure(MT_NET_FAILED, message: "the spool folder \(spool) does not exist")
        }
        var config = mt_scp_config()
        config.port = Int32(clamping: port)
        config.aet = UnsafePointer(strings.keep(aeTitle))
        config.spool = UnsafePointer(strings.keep(spool))
        config.check_called_aet = checkCalled ? 1 : 0
        config.timeout = timeout
        var status = mt_status()
        guard let handle = mt_scp_open(&config, DimseReceiver.storeCallback, receiver.context, &status) else {
            throw DimseFailure(MT_NET_FAILED, status)
        }
        self.handle = handle
    }

    deinit { mt_scp_close(handle) }

    /// Serves until stop(); nil when it ended because it was asked to.
    func serve() -> DimseFailure? {
        var status = mt_status()
        let result = withExtendedLifetime(receiver) { mt_scp_run(handle, &status) }
        return result == MT_NET_OK ? nil : DimseFailure(result, status)
    }

    func stop() { mt_scp_stop(handle) }
}
