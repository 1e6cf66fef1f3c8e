// One HTTP exchange over URLSession, made synchronous for the ArchiveConnection protocol:
// the session's delegate queues what arrives (the response head, body chunks, the end), and
// the calling thread takes it off the queue and handles it, polling the cancellation flag
// between events. A body consumer (WADO-RS) instead takes the body on the delegate's serial
// queue as it arrives, writing it to disk, and queues only what it produced (whole files):
// then a slow caller (a sink decoding each image) never makes the body pile up in memory.
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import MammoCore

struct HTTPTransfer {
    /// The status line and headers of a response (header names lower-cased).
    struct Head: Sendable {
        var status: Int
        var headers: [String: String]
        var contentType: String { headers["content-type"] ?? "" }

        init(status: Int, headers: [String: String]) {
            self.status = status
            self.headers = headers
        }

        init(response: HTTPURLResponse) {
            var headers: [String: String] = [:]
            for (key, value) in response.allHeaderFields {
                if let name = key as? String, let text = value as? String { headers[name.lowercased()] = text }
            }
            self.init(status: response.statusCode, headers: headers)
        }
    }

    /// What is sent as the request body.
    enum Body {
        case none
        case data(Data)
        /// Streamed from this file by URLSession (STOW-RS batches).
        case file(URL)
    }

    let node: PacsNode
    let operation: String

    /// Runs the request. `onHead` sees the response head first, then `onData` each chunk of the
    /// body (or, with a `consumer`, `onOutput` each thing the consumer produced), all on this
    /// thread; any may throw to abandon the exchange (the task is cancelled). Outputs produced
    /// but not handed to `onOutput` (abandoned exchanges) go to `onDiscard`.
    /// Throws `cancelled` when `cancel` is set, and a reason a user can act on for network errors.
    func run(_ request: URLRequest, body: Body = .none, cancel: CancellationFlag? = nil,
             consumer: (any HTTPBodyConsumer)? = nil,
             onHead: (Head) throws(ArchiveError) -> Void,
             onData: (Data) throws(ArchiveError) -> Void = { _ in },
             onOutput: (any Sendable) throws(ArchiveError) -> Void = { _ in },
             onDiscard: (any Sendable) -> Void = { _ in }) throws(ArchiveError) -> Head {
        var request = request
        // URLSession on Linux arms an idle timer of whole seconds (reset by every read and write).
        let idleSeconds = max(1, node.timeout.rounded(.up))
        request.timeoutInterval = idleSeconds
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = idleSeconds
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        let inbox = TransferInbox(consumer: consumer)
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        let session = URLSession(configuration: configuration, delegate: inbox, delegateQueue: queue)
        let task: URLSessionTask
        switch body {
        case .none: task = session.dataTask(with: request)
        case .data(let data): task = session.uploadTask(with: request, from: data)
        case .file(let url): task = session.uploadTask(with: request, fromFile: url)
        }
        task.resume()
        // From here every way out ends the task and the session (which holds the delegate).
        var finished = false
        var pending: [TransferInbox.Event] = []
        defer {
            if !finished {
                task.cancel()
                pending += inbox.waitForEnd(seconds: 5)
            }
            for case .output(let output) in pending { onDiscard(output) }
            session.finishTasksAndInvalidate()
        }

        let started = Date()
        var head: Head?
        while true {
            pending = inbox.take(waitingUpTo: 0.05)
            while !pending.isEmpty {
                let event = pending.removeFirst()
                switch event {
                case .head(let response):
                    let received = Head(response: response)
                    head = received
                    try onHead(received)
                case .data(let chunk):
                    try onData(chunk)
                case .output(let output):
                    try onOutput(output)
                case .failed(let error):
                    throw error
                case .end(let error):
                    finished = true
                    if let error { throw describe(error, url: request.url) }
                    guard let head else { throw node.error(operation, "no HTTP response from \(Self.location(request.url))") }
                    return head
                }
            }
            if cancel?.isCancelled == true { throw node.error(operation, "cancelled") }
            // A backstop for a connection that never opens (URLSession's idle timer covers the rest).
            if head == nil, Date().timeIntervalSince(started) > node.connectTimeout + idleSeconds + 2 {
                throw node.error(operation, "no response within \(Self.seconds(node.connectTimeout + node.timeout)) s from \(Self.location(request.url))")
            }
        }
    }

    /// Runs the request and collects the body (at most `limit` bytes: QIDO-RS answers, STOW-RS responses, error bodies).
    func collect(_ request: URLRequest, body: Body = .none, limit: Int = 256 << 20,
                 cancel: CancellationFlag? = nil) throws(ArchiveError) -> (head: Head, data: Data) {
        var data = Data()
        let head = try run(request, body: body, cancel: cancel, onHead: { _ in }, onData: { chunk throws(ArchiveError) in
            guard data.count + chunk.count <= limit else {
                throw node.error(operation, "answer larger than \(limit >> 20) MB from \(Self.location(request.url))")
            }
            data.append(chunk)
        })
        return (head, data)
    }

    /// "HTTP 404 from http://host/path: <start of the body>" with the body cleaned and cut short.
    func statusError(_ head: Head, body: Data, url: URL?, hint: String = "") -> ArchiveError {
        var reason = "HTTP \(head.status) from \(Self.location(url))"
        if !hint.isEmpty { reason += ": \(hint)" }
        let text = Self.excerpt(body)
        if !text.isEmpty { reason += " (\(text))" }
        return node.error(operation, reason)
    }

    /// The first ~200 printable characters of a body.
    static func excerpt(_ body: Data, limit: Int = 200) -> String {
        let text = PrintableText.clean(String(decoding: body.prefix(4 * limit), as: UTF8.self))
        return text.count > limit ? String(text.prefix(limit)) + "…" : text
    }

    /// A URL without its query (queries carry patient IDs: keep them out of messages and logs).
    static func location(_ url: URL?) -> String {
        guard let url else { return "?" }
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return "?" }
        components.query = nil
        components.user = nil
        components.password = nil
        return PrintableText.clean(components.string ?? "?")
    }

    static func seconds(_ value: Double) -> String {
        value.rounded() == value ? String(Int(value)) : String(format: "%.1f", value)
    }

    /// A network error as one line: "cannot connect to 127.0.0.1:8042 (connection refused)".
    private func describe(_ error: any Error, url: URL?) -> ArchiveError {
        let hostPort = url.map { "\($0.host ?? "?"):\($0.port.map(String.init) ?? ($0.scheme == "https" ? "443" : "80"))" } ?? "?"
        let code = (error as? URLError)?.code.rawValue ?? (error as NSError).code
        let reason: String
        switch code {
        case NSURLErrorCannotConnectToHost: reason = "cannot connect to \(hostPort) (connection refused)"
        case NSURLErrorTimedOut: reason = "no response within \(Self.seconds(node.timeout)) s from \(Self.location(url))"
        case NSURLErrorCannotFindHost, NSURLErrorDNSLookupFailed: reason = "cannot find host \(url?.host ?? "?")"
        case NSURLErrorNetworkConnectionLost: reason = "connection to \(hostPort) lost mid-transfer"
        case NSURLErrorNotConnectedToInternet: reason = "no network to reach \(hostPort)"
        case NSURLErrorCancelled: reason = "cancelled"
        case NSURLErrorBadURL, NSURLErrorUnsupportedURL: reason = "not a usable URL: \(Self.location(url))"
        case NSURLErrorSecureConnectionFailed, NSURLErrorServerCertificateUntrusted, NSURLErrorServerCertificateHasBadDate,
             NSURLErrorServerCertificateHasUnknownRoot, NSURLErrorServerCertificateNotYetValid:
            reason = "TLS connection to \(hostPort) failed"
        case NSURLErrorFileDoesNotExist, NSURLErrorNoPermissionsToReadFile: reason = "cannot read the request body file"
        default:
            let text = PrintableText.clean(error.localizedDescription)
            reason = text.isEmpty ? "network error \(code) talking to \(hostPort)" : "\(text) (\(hostPort))"
        }
        return node.error(operation, reason)
    }
}

/// Takes a response body as it arrives, on the session's serial delegate queue: one call at a
/// time, in order, never concurrently with itself. What it returns goes to the caller's `onOutput`.
protocol HTTPBodyConsumer: AnyObject, Sendable {
    func head(_ head: HTTPTransfer.Head) throws(ArchiveError)
    func data(_ chunk: Data) throws(ArchiveError) -> [any Sendable]
    /// The transfer is over (`error` nil: the body ended normally). Called once, last.
    func end(error: (any Error)?)
}

/// The session delegate: queues events under a lock and wakes the waiting caller.
final class TransferInbox: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    enum Event {
        case head(HTTPURLResponse)
        case data(Data)
        case output(any Sendable)
        case failed(ArchiveError)
        case end((any Error)?)
    }

    /// Touched only on the delegate queue.
    private let consumer: (any HTTPBodyConsumer)?
    /// Set when the consumer failed: the rest of the body is ignored (the task is being cancelled).
    private var consumerFailed = false

    init(consumer: (any HTTPBodyConsumer)?) { self.consumer = consumer }

    private let lock = NSLock()
    private let signal = DispatchSemaphore(value: 0)
    private var events: [Event] = []
    private var ended = false

    private func post(_ event: Event) {
        lock.lock()
        if case .end = event { ended = true }
        events.append(event)
        lock.unlock()
        signal.signal()
    }

    /// Events that arrived, waiting up to `seconds` for the first one.
    func take(waitingUpTo seconds: Double) -> [Event] {
        lock.lock()
        var taken = events
        events.removeAll()
        lock.unlock()
        if !taken.isEmpty { return taken }
        _ = signal.wait(timeout: .now() + seconds)
        lock.lock()
        taken = events
        events.removeAll()
        lock.unlock()
        return taken
    }

    /// Waits for the task's end (after a cancel); returns the events that arrived meanwhile.
    func waitForEnd(seconds: Double) -> [Event] {
        let deadline = Date().addingTimeInterval(seconds)
        var drained: [Event] = []
        while Date() < deadline {
            lock.lock()
            let done = ended
            drained += events
            events.removeAll()
            lock.unlock()
            if done { break }
            _ = signal.wait(timeout: .now() + 0.05)
        }
        return drained
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @Sendable @escaping (URLSession.ResponseDisposition) -> Void) {
        if let http = response as? HTTPURLResponse {
            if let consumer {
                do { try consumer.head(HTTPTransfer.Head(response: http)) } catch {
                    consumerFailed = true
                    post(.head(http))
                    post(.failed(error))
                    completionHandler(.cancel)
                    return
                }
            }
            post(.head(http))
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard let consumer else { post(.data(data)); return }
        guard !consumerFailed else { return }
        do {
            for output in try consumer.data(data) { post(.output(output)) }
        } catch {
            consumerFailed = true
            post(.failed(error))
            dataTask.cancel()
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        consumer?.end(error: error ?? (consumerFailed ? URLError(.cancelled) : nil))
        post(.end(error))
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @Sendable @escaping (URLRequest?) -> Void) {
        completionHandler(request)
    }
}
