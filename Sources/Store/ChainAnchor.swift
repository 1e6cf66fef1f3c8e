// The head of the decision chain kept outside the library: `<library>.chain`, rewritten after
// every commit of a decision. Deleting the last rows (with the library's delete trigger dropped)
// leaves an intact chain that only this file can show to be cut short.
//
// File format (UTF-8 text, one `key value` per line, `#` lines are comments; unknown keys are
// ignored so later versions can add some; a larger `mammoterm-chain-anchor` version is refused):
//
//     mammoterm-chain-anchor 1
//     rows 12                 # read_record rows in the chain when it was written
//     last-id 12              # id of the chain's last row (0 when there are none)
//     last-hash 3f9a…         # that row's hash (64 hex digits; empty when there are none)
//     written 2026-12-06T22:30:00Z
//
// `export reads --out FILE` writes the same keys to `FILE.chain` (plus `library`, `verified`,
// `forced` and `export-sha256`), so `audit verify --anchor FILE.chain` can check a copy later.
// Written atomically: a temporary file beside it, fsync, rename, fsync of the folder.
import Crypto
import Foundation
import MammoCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public struct ChainAnchor: Sendable, Hashable, Codable {
    public static let formatName = "mammoterm-chain-anchor"
    public static let version = 1

    public var rows: Int
    public var lastID: Int64
    public var lastHash: String
    /// When it was written (ISO 8601), informational.
    public var written: String
    /// Other keys (an export's sidecar adds some), kept in order for writing.
    public var extra: [(key: String, value: String)] = []

    public init(rows: Int, lastID: Int64, lastHash: String, written: String = Timestamp.now.text,
                extra: [(key: String, value: String)] = []) {
        self.rows = rows
        self.lastID = lastID
        self.lastHash = lastHash
        self.written = written
        self.extra = extra
    }

    /// Same head (rows, last id and hash); when and extras aside.
    public func sameHead(as other: ChainAnchor) -> Bool {
        rows == other.rows && lastID == other.lastID && lastHash == other.lastHash
    }

    public static func == (a: ChainAnchor, b: ChainAnchor) -> Bool { a.sameHead(as: b) && a.written == b.written }
    public func hash(into hasher: inout Hasher) { hasher.combine(rows); hasher.combine(lastID); hasher.combine(lastHash) }
    enum CodingKeys: String, CodingKey { case rows, lastID, lastHash, written }

    /// The file's text.
    public var text: String {
        var lines = ["\(Self.formatName) \(Self.version)", "rows \(rows)", "last-id \(lastID)", "last-hash \(lastHash)", "written \(written)"]
        lines += extra.map { "\($0.key) \($0.value)" }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Parses the file's text; throws naming what is wrong.
    public static func parse(_ text: String, path: String) throws(StoreError) -> ChainAnchor {
        var values: [String: String] = [:]
        var extra: [(key: String, value: String)] = []
        var version: Int?
        for raw in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            let key = parts[0], value = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
            if version == nil {
                guard key == formatName, let number = Int(value) else {
                    throw StoreError(path: path, reason: "is not a chain anchor (its first line is not \"\(formatName) 1\")")
                }
                guard number <= Self.version else {
                    throw StoreError(path: path, reason: "is a version \(number) chain anchor, newer than this build reads (\(Self.version)): use a newer mammoterm")
                }
                version = number
                continue
            }
            switch key {
            case "rows", "last-id", "last-hash", "written": values[key] = value
            default: extra.append((key, value))
            }
        }
        guard version != nil else { throw StoreError(path: path, reason: "is an empty chain anchor") }
        guard let rows = values["rows"].flatMap(Int.init), rows >= 0,
              let lastID = values["last-id"].flatMap(Int64.init), lastID >= 0,
              let lastHash = values["last-hash"], lastHash.isEmpty || (lastHash.count == 64 && lastHash.allSatisfy(\.isHexDigit)) else {
            throw StoreError(path: path, reason: "is a damaged chain anchor (rows, last-id or last-hash missing or malformed)")
        }
        return ChainAnchor(rows: rows, lastID: lastID, lastHash: lastHash, written: values["written"] ?? "", extra: extra)
    }

    /// SHA-256 of `data` in lowercase hex (an export's `export-sha256`).
    public static func sha256Hex(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// Reads the anchor at `path`; nil when there is no such file.
    public static func read(at path: String) throws(StoreError) -> ChainAnchor? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StoreError(path: path, reason: "cannot read the chain anchor: \(String(cString: strerror(errno)))")
        }
        return try parse(String(decoding: data, as: UTF8.self), path: path)
    }

    /// Writes `text` to `path` atomically and durably: temp file, fsync, rename, fsync the folder.
    public static func writeDurably(_ text: String, to path: String) throws(StoreError) {
        let folder = (path as NSString).deletingLastPathComponent
        let temporary = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        func fail(_ what: String) -> StoreError {
            StoreError(path: path, reason: "cannot write the chain anchor (\(what): \(String(cString: strerror(errno))))")
        }
        let fd = open(temporary, O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw fail("create") }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { let e = fail("write"); close(fd); unlink(temporary); throw e }
            written += n
        }
        if fsync(fd) != 0 { let e = fail("fsync"); close(fd); unlink(temporary); throw e }
        close(fd)
        if rename(temporary, path) != 0 { let e = fail("rename"); unlink(temporary); throw e }
        let dir = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dir >= 0 { _ = fsync(dir); close(dir) }
    }
}
