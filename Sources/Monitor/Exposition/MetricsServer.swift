// `monitor --serve ADDR`: a small HTTP/1.1 server (SwiftNIO) that answers Prometheus' scrapes of
// /metrics with text the caller makes afresh for every request.
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// Serves `GET /metrics` (and HEAD) with `Content-Type: text/plain; version=0.0.4; charset=utf-8`
/// and the text `body` returns, called once per request on a worker thread (never on the network
/// loop, so it may block: recompute the figures, read the library, or emit a registry). A throwing
/// `body` answers 500 with the error's text; the server goes on. `GET /` is a page linking to
/// /metrics, other paths are 404, other methods 405. Keep-alive and pipelining as NIO does them.
///
/// Thread-safe: `start`, `stop` and `wait` may be called from any thread but a NIO event loop's
/// (they block), and not from inside `body` (`stop` waits for the thread that runs it).
///
///     let server = try MetricsServer(address: ":9464") { registry.emitToString() }
///     let bound = try server.start()          // (host: "127.0.0.1", port: 9464)
///     try server.wait()                       // until stop() (or use serveUntilSignalled())
public final class MetricsServer: @unchecked Sendable {
    /// Makes the exposition text of one scrape.
    public typealias Body = @Sendable () throws -> String

    public let address: ListenAddress
    private let body: Body
    // Guards everything below; the NIO objects are thread-safe themselves, the lock only keeps
    // start/stop from racing each other.
    private let lock = NSLock()
    private var group: MultiThreadedEventLoopGroup?
    private var threadPool: NIOThreadPool?
    private var channel: Channel?
    private var bound: (host: String, port: Int)?
    private var stopped = false

    /// `address`: `HOST:PORT`, `[IPv6]:PORT` or `:PORT` (127.0.0.1); port 0 picks a free one.
    /// Throws when the address does not parse; nothing is bound until `start()`.
    public convenience init(address: String, body: @escaping Body) throws(MonitorError) {
        self.init(address: try ListenAddress(parsing: address), body: body)
    }

    public init(address: ListenAddress, body: @escaping Body) {
        self.address = address
        self.body = body
    }

    deinit { stop() }

    /// Binds and starts answering; returns the address actually bound (the kernel's port for port 0).
    /// Calling it again returns the same address; after `stop()` it throws.
    @discardableResult
    public func start() throws(MonitorError) -> (host: String, port: Int) {
        lock.lock()
        defer { lock.unlock() }
        if let bound { return bound }
        guard !stopped else { throw MonitorError(context: "metrics server", reason: "stopped; make a new one to serve again") }
        // One loop is plenty for a scrape every few seconds; the text is made on the pool's thread.
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let threadPool = NIOThreadPool(numberOfThreads: 1)
        threadPool.start()
        let body = self.body
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 64)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(MetricsHTTPHandler(body: body, threadPool: threadPool))
                }
            }
            .childChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 1)
        do {
            let channel = try bootstrap.bind(host: address.host, port: address.port).wait()
            guard let local = channel.localAddress, let port = local.port else {
                throw MonitorError(context: "metrics server", reason: "bound \(address) but the socket has no local address")
            }
            let result = (host: local.ipAddress ?? address.host, port: port)
            self.group = group
            self.threadPool = threadPool
            self.channel = channel
            self.bound = result
            return result
        } catch {
            try? group.syncShutdownGracefully()
            try? threadPool.syncShutdownGracefully()
            if let error = error as? MonitorError { throw error }
            throw MonitorError(context: "metrics server", reason: "cannot listen on \(address): \(Self.describe(error))")
        }
    }

    /// The bound address once started, nil before `start()` and after `stop()`.
    public var boundAddress: (host: String, port: Int)? {
        lock.lock()
        defer { lock.unlock() }
        return bound
    }

    /// Blocks until the server stops (`stop()` from another thread, or a signal through
    /// `serveUntilSignalled`). Returns at once when it was never started or has stopped.
    public func wait() throws(MonitorError) {
        lock.lock()
        let channel = self.channel
        lock.unlock()
        guard let channel else { return }
        do { try channel.closeFuture.wait() } catch {
            throw MonitorError(context: "metrics server", reason: "\(Self.describe(error))")
        }
    }

    /// Stops listening, closes open connections and ends the server's threads. Idempotent.
    public func stop() {
        lock.lock()
        stopped = true
        let channel = self.channel, group = self.group, threadPool = self.threadPool
        self.channel = nil; self.group = nil; self.threadPool = nil; self.bound = nil
        lock.unlock()
        // Close the listener first so wait() returns; the group's shutdown closes the connections.
        try? channel?.close().wait()
        try? group?.syncShutdownGracefully()
        try? threadPool?.syncShutdownGracefully()
    }

    /// NIO's errors describe themselves; the errno ones say "bind(descriptor:ptr:bytes:): Address already in use (errno: 98)".
    static func describe(_ error: any Error) -> String {
        if let error = error as? IOError { return error.description }
        return String(describing: error)
    }
}
