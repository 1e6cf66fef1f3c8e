// Serving until the operator stops it: `monitor --serve` runs until Ctrl-C or a service manager's
// SIGTERM, then closes its socket cleanly instead of dying mid-scrape.
import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension MetricsServer {
    /// Starts the server (unless started), tells `onStart` where it listens, and serves until one of
    /// `signals` arrives or `stop()` is called elsewhere; then stops it and returns the signal
    /// received (nil when stopped otherwise). While it serves, those signals are caught instead of
    /// ending the process; their previous dispositions come back after. One caller at a time.
    ///
    /// Why not SIG_IGN plus a DispatchSource signal source: on Linux, libdispatch reads signals
    /// through a signalfd on its own thread, and the kernel drops a process-directed signal whose
    /// disposition is SIG_IGN before any signalfd sees it (seen here: the source never fired). So a
    /// real handler writes the signal's number to a pipe (write(2) is async-signal-safe) and a
    /// DispatchSource reads that pipe.
    @discardableResult
    public func serveUntilSignalled(
        _ signals: [Int32] = [SIGINT, SIGTERM],
        onStart: (_ host: String, _ port: Int) -> Void = { _, _ in }
    ) throws(MonitorError) -> Int32? {
        let pipe = try SignalPipe.open()
        defer { pipe.closeWriteEnd() }
        let received = ReceivedSignal()
        let queue = DispatchQueue(label: "mammoterm.monitor.signals")
        let source = DispatchSource.makeReadSource(fileDescriptor: pipe.readEnd, queue: queue)
        source.setEventHandler { [weak self] in
            var byte: UInt8 = 0
            guard read(pipe.readEnd, &byte, 1) == 1 else { return }
            received.record(Int32(byte))
            self?.stop()
        }
        // The read end closes once the source lets go of it (closing it under a live source is undefined).
        source.setCancelHandler { pipe.closeReadEnd() }
        source.resume()
        defer { source.cancel() }
        var previous: [(Int32, sigaction)] = []
        for number in signals {
            var catching = sigaction()
            var old = sigaction()
            #if canImport(Glibc)
            catching.__sigaction_handler.sa_handler = signalPipeHandler
            #else
            catching.__sigaction_u.__sa_handler = signalPipeHandler
            #endif
            sigemptyset(&catching.sa_mask)
            catching.sa_flags = Int32(SA_RESTART)
            sigaction(number, &catching, &old)
            previous.append((number, old))
        }
        defer {
            for (number, old) in previous {
                var old = old
                sigaction(number, &old, nil)
            }
        }
        let bound = try start()
        onStart(bound.host, bound.port)
        try wait()
        stop()
        return received.signal
    }
}

/// The pipe the signal handler writes to. A global because a C signal handler captures nothing;
/// set before any handler is installed and cleared after they are all restored.
nonisolated(unsafe) private var signalPipeWriteEnd: Int32 = -1

/// Runs in signal context: only write(2) on a descriptor set beforehand.
private func signalPipeHandler(_ number: Int32) {
    var byte = UInt8(truncatingIfNeeded: number)
    let descriptor = signalPipeWriteEnd
    if descriptor >= 0 { _ = write(descriptor, &byte, 1) }
}

/// The two ends of the signal pipe, non-blocking on the write end so a handler never stalls.
private struct SignalPipe: Sendable {
    let readEnd: Int32
    let writeEnd: Int32
    private static let lock = NSLock()

    static func open() throws(MonitorError) -> SignalPipe {
        lock.lock()
        defer { lock.unlock() }
        guard signalPipeWriteEnd < 0 else {
            throw MonitorError(context: "metrics server", reason: "already serving until a signal; one such server per process")
        }
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else {
            throw MonitorError(context: "metrics server", reason: "cannot make the signal pipe: \(String(cString: strerror(errno)))")
        }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        _ = fcntl(ends[1], F_SETFL, fcntl(ends[1], F_GETFL) | O_NONBLOCK)
        signalPipeWriteEnd = ends[1]
        return SignalPipe(readEnd: ends[0], writeEnd: ends[1])
    }

    /// After the handlers are restored: no handler writes any more, another caller may open a pipe.
    func closeWriteEnd() {
        Self.lock.lock()
        defer { Self.lock.unlock() }
        signalPipeWriteEnd = -1
        Self.closeDescriptor(writeEnd)
    }

    func closeReadEnd() { Self.closeDescriptor(readEnd) }

    private static func closeDescriptor(_ descriptor: Int32) {
        #if canImport(Glibc)
        _ = Glibc.close(descriptor)
        #else
        _ = Darwin.close(descriptor)
        #endif
    }
}

/// The first signal that stopped the server, written on the signal queue and read after wait().
private final class ReceivedSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var first: Int32?

    func record(_ number: Int32) {
        lock.lock()
        defer { lock.unlock() }
        if first == nil { first = number }
    }

    var signal: Int32? {
        lock.lock()
        defer { lock.unlock() }
        return first
    }
}
