// A tiny HTTP/1.1 server on 127.0.0.1 for the DICOMweb fault tests: each connection's request
// (head and body, Content-Length or chunked, answering Expect: 100-continue) goes to a handler
// that writes whatever raw bytes it likes and may close mid-body: truncated responses, servers
// that never answer, crafted STOW-RS answers. Deterministic where a killed Orthanc is not.
import Archive
import ArchiveTestSupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif

final class DicomWebTestHTTPServer: @unchecked Sendable {
    struct Request: Sendable {
        var method: String
        var target: String
        var headers: [String: String]
        var body: Data
    }

    /// The accepted connection, for the handler to write to.
    struct Connection: Sendable {
        let fd: Int32
        func send(_ data: Data) {
            data.withUnsafeBytes { raw in
                guard let base = raw.baseAddress else { return }
                var sent = 0
                while sent < raw.count {
                    let n = Glibc.send(fd, base + sent, raw.count - sent, Int32(MSG_NOSIGNAL))
                    if n <= 0 { return }
                    sent += n
                }
            }
        }
        func send(_ text: String) { send(Data(text.utf8)) }
    }

    let port: Int
    var baseURL: URL { URL(string: "http://127.0.0.1:\(port)/dicom-web")! }
    private let listener: Int32
    private let handler: @Sendable (Request, Connection) -> Void
    private let lock = NSLock()
    private var requests: [Request] = []
    private var stopped = false

    /// Requests seen so far.
    var received: [Request] { lock.lock(); defer { lock.unlock() }; return requests }
    var isStopped: Bool { lock.lock(); defer { lock.unlock() }; return stopped }

    init(handler: @escaping @Sendable (Request, Connection) -> Void) throws {
        self.handler = handler
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestServerError("socket(): \(String(cString: strerror(errno)))") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            close(fd)
            throw TestServerError("bind/listen: \(String(cString: strerror(errno)))")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    deinit { stop() }

    func stop() {
        lock.lock()
        let wasStopped = stopped
        stopped = true
        lock.unlock()
        if !wasStopped {
            shutdown(listener, Int32(SHUT_RDWR))
            close(listener)
        }
    }

    private func acceptLoop() {
        while !isStopped {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if errno == EINTR { continue }
                return
            }
            let thread = Thread { [self] in
                defer { close(client) }
                guard let request = readRequest(client) else { return }
                lock.lock()
                requests.append(request)
                lock.unlock()
                handler(request, Connection(fd: client))
            }
            thread.start()
        }
    }

    private func readRequest(_ fd: Int32) -> Request? {
        var buffer = Data()
        var chunk = [UInt8](repeating: 0, count: 65536)
        func more() -> Bool {
            let n = recv(fd, &chunk, chunk.count, 0)
            guard n > 0 else { return false }
            buffer.append(contentsOf: chunk[0..<n])
            return true
        }
        let separator = Data("\r\n\r\n".utf8)
        var headEnd: Range<Data.Index>?
        while headEnd == nil {
            headEnd = buffer.range(of: separator)
            if headEnd == nil && !more() { return nil }
        }
        guard let headEnd else { return nil }
        let head = String(decoding: buffer[..<headEnd.lowerBound], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        if headers["expect"]?.lowercased() == "100-continue" { Connection(fd: fd).send("HTTP/1.1 100 Continue\r\n\r\n") }
        var body = Data(buffer[headEnd.upperBound...])
        if let length = headers["content-length"].flatMap({ Int($0) }) {
            while body.count < length {
                let before = buffer.count
                if !more() { break }
                body.append(buffer[before...])
            }
        } else if headers["transfer-encoding"]?.lowercased().contains("chunked") == true {
            var raw = body
            var decoded = Data()
            while true {
                guard let lineEnd = raw.range(of: Data("\r\n".utf8)) else {
                    let before = buffer.count
                    if !more() { break }
                    raw.append(buffer[before...])
                    continue
                }
                let sizeText = String(decoding: raw[..<lineEnd.lowerBound], as: UTF8.self).split(separator: ";").first ?? ""
                guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else { break }
                if size == 0 { break }
                while raw.count - (lineEnd.upperBound - raw.startIndex) < size + 2 {
                    let before = buffer.count
                    if !more() { return nil }
                    raw.append(buffer[before...])
                }
                let start = lineEnd.upperBound
                decoded.append(raw[start..<(start + size)])
                raw = Data(raw[(start + size + 2)...])
            }
            body = decoded
        }
        return Request(method: String(requestLine[0]), target: String(requestLine[1]), headers: headers, body: body)
    }

    /// Splits a multipart request body into its parts' bodies (for checking what a client sent).
    static func parts(of request: Request) -> [Data] {
        guard let type = request.headers["content-type"], let media = MediaType(type), let boundary = media.parameters["boundary"] else { return [] }
        var reader = MultipartReader(boundary: boundary)
        var parts: [Data] = []
        try? reader.feed(request.body) { event in
            switch event {
            case .partBegan: parts.append(Data())
            case .partData(let data): parts[parts.count - 1].append(data)
            case .partEnded: break
            }
        }
        return parts
    }
}

