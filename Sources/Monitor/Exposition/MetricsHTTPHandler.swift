// One HTTP connection of the metrics server: GET/HEAD /metrics with the caller's text, a small
// index page at /, 404 elsewhere, 405 for other methods, 500 with the reason when the text fails.
import NIOCore
import NIOHTTP1
import NIOPosix

/// Lives on its channel's event loop. The metrics text is made on a thread pool, never on the
/// loop: the caller's closure may recompute figures or read the library.
final class MetricsHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    /// The exposition format Prometheus has scraped since 2.0 (what swift-prometheus emits).
    static let metricsContentType = "text/plain; version=0.0.4; charset=utf-8"
    static let metricsPath = "/metrics"

    private let body: MetricsServer.Body
    private let threadPool: NIOThreadPool
    private var request: HTTPRequestHead?

    init(body: @escaping MetricsServer.Body, threadPool: NIOThreadPool) {
        self.body = body
        self.threadPool = threadPool
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            request = head
        case .body:
            break  // a scrape has no body; whatever a client sends is read and dropped
        case .end:
            guard let head = request else { return }
            request = nil
            answer(head, context: context)
        }
    }

    /// What a request gets, decided from its method and path alone (the query string is ignored).
    enum Route: Equatable {
        case metrics, index, notFound, methodNotAllowed
    }

    static func route(method: HTTPMethod, uri: String) -> Route {
        guard method == .GET || method == .HEAD else { return .methodNotAllowed }
        let path = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? uri
        switch path {
        case metricsPath: return .metrics
        case "/": return .index
        default: return .notFound
        }
    }

    private func answer(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
        let headOnly = head.method == .HEAD
        switch Self.route(method: head.method, uri: head.uri) {
        case .index:
            respond(context: context, request: head, status: .ok, contentType: "text/html; charset=utf-8",
                    text: Self.indexPage, headOnly: headOnly)
        case .notFound:
            respond(context: context, request: head, status: .notFound, contentType: "text/plain; charset=utf-8",
                    text: "404 not found: the metrics are at \(Self.metricsPath)\n", headOnly: headOnly)
        case .methodNotAllowed:
            respond(context: context, request: head, status: .methodNotAllowed, contentType: "text/plain; charset=utf-8",
                    text: "405 method not allowed: use GET or HEAD\n", headOnly: false, extraHeaders: [("Allow", "GET, HEAD")])
        case .metrics:
            let body = self.body
            let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            threadPool.runIfActive(eventLoop: context.eventLoop) {
                Result { try body() }
            }.whenComplete { outcome in
                let (handler, context) = bound.value
                switch outcome {
                case .success(.success(let text)):
                    handler.respond(context: context, request: head, status: .ok, contentType: Self.metricsContentType,
                                    text: text, headOnly: headOnly)
                case .success(.failure(let error)), .failure(let error):
                    handler.respond(context: context, request: head, status: .internalServerError,
                                    contentType: "text/plain; charset=utf-8",
                                    text: "500 the metrics could not be made: \(error)\n", headOnly: headOnly)
                }
            }
        }
    }

    /// Writes one whole response; closes the connection afterwards unless the client keeps it alive.
    private func respond(context: ChannelHandlerContext, request: HTTPRequestHead, status: HTTPResponseStatus,
                         contentType: String, text: String, headOnly: Bool, extraHeaders: [(String, String)] = []) {
        guard context.channel.isActive else { return }
        var buffer = context.channel.allocator.buffer(capacity: text.utf8.count)
        buffer.writeString(text)
        var headers = HTTPHeaders([("Content-Type", contentType), ("Content-Length", String(buffer.readableBytes))])
        headers.add(contentsOf: extraHeaders)
        let keepAlive = request.isKeepAlive
        switch (request.version.major, request.version.minor, keepAlive) {
        case (1, 0, true): headers.add(name: "Connection", value: "keep-alive")
        case (1, 1, false): headers.add(name: "Connection", value: "close")
        default: break
        }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: request.version, status: status, headers: headers))), promise: nil)
        if !headOnly {
            context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        }
        let written = context.writeAndFlushWithPromise(wrapOutboundOut(.end(nil)))
        if !keepAlive {
            let channel = NIOLoopBound(context.channel, eventLoop: context.eventLoop)
            written.whenComplete { _ in channel.value.close(promise: nil) }
        }
    }

    static let indexPage = """
        <!doctype html>
        <html><head><meta charset="utf-8"><title>mammoterm monitor</title></head>
        <body><h1>mammoterm monitor</h1>
        <p>The deployed model's monitoring figures, in Prometheus' text format: <a href="\(metricsPath)">\(metricsPath)</a>.</p>
        <p>Decision support for research and demonstration only.</p>
        </body></html>

        """
}

extension ChannelHandlerContext {
    /// `writeAndFlush` returning its future (a promise made here), so a close can follow the last byte.
    fileprivate func writeAndFlushWithPromise(_ data: NIOAny) -> EventLoopFuture<Void> {
        let promise = eventLoop.makePromise(of: Void.self)
        writeAndFlush(data, promise: promise)
        return promise.futureResult
    }
}
