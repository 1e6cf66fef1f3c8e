// Where `monitor --serve` listens: `HOST:PORT`, `[IPv6]:PORT` or `:PORT` (loopback), parsed and
// checked before anything binds, so a typo is a clear error rather than a socket failure.

/// A host and TCP port to listen on. Only what is written is bound: an empty host means
/// 127.0.0.1, never every interface; `0.0.0.0` or `[::]` must be asked for explicitly.
public struct ListenAddress: Sendable, Equatable, CustomStringConvertible {
    /// The host as written (brackets of an IPv6 literal removed): "127.0.0.1", "::1", "localhost".
    public var host: String
    /// 0 lets the kernel pick a free port (the bound one is what `MetricsServer.start()` returns).
    public var port: Int

    public static let defaultHost = "127.0.0.1"

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `127.0.0.1:9464`, `[::1]:9464`, `localhost:9464` or `:9464` (meaning 127.0.0.1).
    public init(parsing text: String) throws(MonitorError) {
        func refuse(_ why: String) -> MonitorError {
            MonitorError(context: "listen address \"\(text)\"", reason: "\(why); expected HOST:PORT such as 127.0.0.1:9464, [::1]:9464 or :9464")
        }
        guard !text.isEmpty else { throw refuse("empty") }
        guard !text.contains(where: { $0.isWhitespace }) else { throw refuse("contains a space") }
        let host: String
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw refuse("no closing ] after the IPv6 address") }
            host = String(text[text.index(after: text.startIndex)..<close])
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { throw refuse("no :PORT after the bracketed address") }
            portText = rest.dropFirst()
            guard Self.isIPv6Literal(host) else { throw refuse("\"\(host)\" in brackets is not an IPv6 address") }
        } else {
            guard let colon = text.lastIndex(of: ":") else { throw refuse("no port") }
            let written = text[..<colon]
            // "::1:9464" cannot say where the address ends: IPv6 goes in brackets.
            guard !written.contains(":") else { throw refuse("an IPv6 address must be in brackets") }
            host = written.isEmpty ? Self.defaultHost : String(written)
            portText = text[text.index(after: colon)...]
            guard Self.isIPv4Literal(host) || Self.isHostName(host) else { throw refuse("\"\(host)\" is not an IPv4 address or host name") }
        }
        guard !portText.isEmpty else { throw refuse("no port") }
        guard portText.allSatisfy({ $0.isASCII && $0.isNumber }), portText.count <= 5, let port = Int(portText), port <= 65535 else {
            throw refuse("port \"\(portText)\" is not a number from 0 to 65535")
        }
        self.init(host: host, port: port)
    }

    /// `host:port`, with IPv6 literals in brackets: the form `init(parsing:)` reads back.
    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// Four dot-separated decimal numbers 0...255 (the form inet_pton accepts, no leading zeros beyond "0").
    static func isIPv4Literal(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in
            !part.isEmpty && part.count <= 3 && part.allSatisfy { $0.isASCII && $0.isNumber }
                && (part.count == 1 || part.first != "0") && (Int(part) ?? 256) <= 255
        }
    }

    /// Hex groups and colons (at most one "::"), optionally an IPv4 tail; the kernel has the last word at bind.
    static func isIPv6Literal(_ text: String) -> Bool {
        guard text.contains(":"), text.count <= 45 else { return false }
        var groups = text.components(separatedBy: ":")
        if let last = groups.last, last.contains(".") {
            guard isIPv4Literal(last) else { return false }
            groups.removeLast()
            groups.append("0")
            groups.append("0")
        }
        let compressions = text.components(separatedBy: "::").count - 1
        guard compressions <= 1, !text.contains(":::") else { return false }
        let named = groups.filter { !$0.isEmpty }
        guard named.allSatisfy({ $0.count <= 4 && $0.allSatisfy(\.isHexDigit) }) else { return false }
        return compressions == 1 ? named.count <= 7 : (groups.count == 8 && named.count == 8)
    }

    /// RFC 1123 labels: letters, digits and inner hyphens, dot-separated, not all digits.
    static func isHostName(_ text: String) -> Bool {
        guard !text.isEmpty, text.count <= 253 else { return false }
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        let wellFormed = labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && label.first != "-" && label.last != "-"
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
        // "1.2.3" or "999.1.1.1" are mistyped IPv4 addresses, not names.
        return wellFormed && !labels.allSatisfy { $0.allSatisfy(\.isNumber) }
    }
}
