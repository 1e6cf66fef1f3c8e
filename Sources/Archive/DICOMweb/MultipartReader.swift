// Splits a multipart body (RFC 2046 5.1, as WADO-RS sends multipart/related) incrementally:
// feed it the bytes as they arrive, in any chunking, and it reports each part's headers, its
// body bytes (in pieces, never the whole part at once) and its end. It holds at most one
// delimiter's worth of unconsumed body, so a 100 MB study never sits in memory. `finish()`
// says whether the closing delimiter came: without it the response was cut short.
import Foundation

public struct MultipartReader {
    public enum Event {
        /// A part starts; header names lower-cased.
        case partBegan(headers: [String: String])
        /// The next bytes of the current part's body.
        case partData(Data)
        /// The current part is complete (its closing delimiter was seen).
        case partEnded
    }

    private enum State { case preamble, delimiterLine, headers, body, epilogue }

    /// "\r\n--" + boundary: what separates parts.
    private let delimiter: [UInt8]
    /// Unconsumed bytes; starts with a CRLF so that a delimiter at the very start of the body is found like any other.
    private var buffer: [UInt8] = [0x0D, 0x0A]
    private var state = State.preamble
    /// Parts begun so far.
    public private(set) var partCount = 0
    /// Whether the closing delimiter ("--boundary--") has been read.
    public var isComplete: Bool { state == .epilogue }

    /// Longest header block accepted for one part.
    static let maximumHeaderBytes = 64 * 1024

    public init(boundary: String) {
        delimiter = Array("\r\n--\(boundary)".utf8)
    }

    /// A reader for the body of a response with this Content-Type, or a reason why there is none.
    public static func forContentType(_ contentType: String) -> Result<MultipartReader, MultipartError> {
        guard let media = MediaType(contentType), media.type.hasPrefix("multipart/") else {
            return .failure(MultipartError("not a multipart response (Content-Type \(contentType.isEmpty ? "missing" : contentType))"))
        }
        guard let boundary = media.parameters["boundary"], !boundary.isEmpty, boundary.utf8.count <= 200 else {
            return .failure(MultipartError("multipart response without a usable boundary"))
        }
        return .success(MultipartReader(boundary: boundary))
    }

    /// Consumes the next bytes of the body, reporting events to `handle` in order.
    public mutating func feed(_ data: Data, _ handle: (Event) throws -> Void) throws {
        if state == .epilogue { return }
        buffer.append(contentsOf: data)
        var start = 0
        defer { if start > 0 { buffer.removeSubrange(0..<min(start, buffer.count)) } }
        parsing: while true {
            switch state {
            case .preamble:
                if let found = find(delimiter, from: start) {
                    start = found + delimiter.count
                    state = .delimiterLine
                } else {
                    start = max(start, buffer.count - (delimiter.count - 1))
                    break parsing
                }
            case .delimiterLine:
                // After the boundary: "--" closes the body; otherwise optional padding, then CRLF.
                guard buffer.count - start >= 2 else { break parsing }
                if buffer[start] == 0x2D && buffer[start + 1] == 0x2D {
                    state = .epilogue
                    start = buffer.count
                    break parsing
                }
                guard let lineEnd = find([0x0D, 0x0A], from: start) else {
                    if buffer.count - start > 1024 { throw MultipartError("malformed multipart delimiter line") }
                    break parsing
                }
                guard buffer[start..<lineEnd].allSatisfy({ $0 == 0x20 || $0 == 0x09 }) else {
                    throw MultipartError("malformed multipart delimiter line")
                }
                start = lineEnd + 2
                state = .headers
            case .headers:
                let headerEnd: Int
                if buffer.count - start >= 2 && buffer[start] == 0x0D && buffer[start + 1] == 0x0A {
                    headerEnd = start  // no headers at all
                } else if let end = find([0x0D, 0x0A, 0x0D, 0x0A], from: start) {
                    headerEnd = end + 2
                } else {
                    if buffer.count - start > Self.maximumHeaderBytes { throw MultipartError("multipart part headers longer than 64 KB") }
                    break parsing
                }
                let headers = Self.parseHeaders(buffer[start..<headerEnd])
                start = headerEnd + 2
                state = .body
                partCount += 1
                try handle(.partBegan(headers: headers))
            case .body:
                if let found = find(delimiter, from: start) {
                    if found > start { try handle(.partData(Data(buffer[start..<found]))) }
                    start = found + delimiter.count
                    state = .delimiterLine
                    try handle(.partEnded)
                } else {
                    // Everything but a possible beginning of the delimiter is body.
                    let safe = buffer.count - (delimiter.count - 1)
                    if safe > start {
                        try handle(.partData(Data(buffer[start..<safe])))
                        start = safe
                    }
                    break parsing
                }
            case .epilogue:
                start = buffer.count
                break parsing
            }
        }
    }

    /// The body has ended: throws when it ended before the closing delimiter.
    public func finish() throws {
        switch state {
        case .epilogue: return
        case .preamble where partCount == 0:
            throw MultipartError("the multipart body holds no boundary (empty or truncated response)")
        case .body, .headers:
            throw MultipartError("the response ended in the middle of part \(partCount) (truncated)")
        default:
            throw MultipartError("the response ended before the closing multipart boundary (truncated)")
        }
    }

    /// First index of `needle` in the buffer at or after `from`.
    private func find(_ needle: [UInt8], from: Int) -> Int? {
        guard let first = needle.first, buffer.count - from >= needle.count else { return nil }
        return buffer.withUnsafeBufferPointer { haystack -> Int? in
            guard let base = haystack.baseAddress else { return nil }
            var index = from
            let last = haystack.count - needle.count
            while index <= last {
                // memchr jumps to the next candidate first byte at C speed.
                guard let hit = memchr(base + index, Int32(first), last - index + 1) else { return nil }
                let position = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if memcmp(base + position, needle, needle.count) == 0 { return position }
                index = position + 1
            }
            return nil
        }
    }

    /// "Name: value" lines (folded lines joined), names lower-cased, values trimmed.
    static func parseHeaders(_ bytes: ArraySlice<UInt8>) -> [String: String] {
        let text = String(decoding: bytes, as: UTF8.self)
        var headers: [String: String] = [:]
        var lastName: String?
        for line in text.components(separatedBy: "\r\n") where !line.isEmpty {
            if let lastName, line.first == " " || line.first == "\t" {
                headers[lastName, default: ""] += " " + line.trimmingCharacters(in: .whitespaces)
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            lastName = name
        }
        return headers
    }
}

/// Why a multipart body could not be read.
public struct MultipartError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
