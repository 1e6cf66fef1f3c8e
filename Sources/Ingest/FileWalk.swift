// Finding the files an import reads: every regular file under the given roots, each once,
// with the stat values that let the next import skip it unchanged.
import Foundation
import MammoCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public enum FileWalk {
    /// A regular file found by the walk, with the stat values used to skip it next time.
    public struct Entry: Sendable, Equatable {
        public var path: String
        public var size: Int64
        public var modified: Double

        public init(path: String, size: Int64, modified: Double) {
            self.path = path
            self.size = size
            self.modified = modified
        }
    }

    /// All regular files under `roots`, by canonical path (symbolic links resolved, each file
    /// once), sorted for a stable order. Hidden entries inside folders are skipped; a root named
    /// explicitly is taken even when hidden. Folders already visited are not entered again, which
    /// stops symbolic-link loops. The library's own files are never taken.
    public static func collect(_ roots: [String], ignoring libraryPath: String) -> (files: [Entry], problems: [(path: String, reason: String)]) {
        var files: [String: Entry] = [:]
        var problems: [(path: String, reason: String)] = []
        var visitedFolders: Set<String> = []
        let libraryFiles: Set<String> = Set(["", "-wal", "-shm", "-journal", ".lock"].map { libraryPath + $0 })

        func visit(_ path: String) {
            guard let canonical = realPath(path) else {
                problems.append((path: path, reason: "cannot resolve the path: \(String(cString: strerror(errno)))"))
                return
            }
            var info = stat()
            guard FileName.bytes(canonical).withUnsafeBufferPointer({ stat($0.baseAddress!, &info) }) == 0 else {
                problems.append((path: path, reason: "cannot read: \(String(cString: strerror(errno)))"))
                return
            }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                guard visitedFolders.insert(canonical).inserted else { return }
                // readdir: Foundation's listing replaces bytes that are not UTF-8, losing such files.
                guard let names = FileName.contents(ofFolder: canonical) else {
                    problems.append((path: canonical, reason: "cannot list the folder: \(String(cString: strerror(errno)))"))
                    return
                }
                for name in names where !name.hasPrefix(".") {
                    visit(canonical == "/" ? "/" + name : canonical + "/" + name)
                }
            case S_IFREG:
                if libraryFiles.contains(canonical) || files[canonical] != nil { return }
                files[canonical] = Entry(path: canonical, size: Int64(info.st_size), modified: modifiedSeconds(info))
            default:
                break  // sockets, fifos, devices: never images
            }
        }

        for root in roots { visit(URL(fileURLWithPath: root).standardizedFileURL.path) }
        return (files.values.sorted { $0.path < $1.path }, problems)
    }

    /// The entry for one file (its stat values), or nil when it cannot be read.
    public static func entry(_ path: String) -> Entry? {
        var info = stat()
        guard FileName.bytes(path).withUnsafeBufferPointer({ stat($0.baseAddress!, &info) }) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return Entry(path: path, size: Int64(info.st_size), modified: modifiedSeconds(info))
    }

    public static func realPath(_ path: String) -> String? {
        guard let resolved = FileName.bytes(path).withUnsafeBufferPointer({ realpath($0.baseAddress!, nil) }) else { return nil }
        defer { free(resolved) }
        return FileName.string(bytes: UnsafeBufferPointer(start: resolved, count: strlen(resolved)).map { UInt8(bitPattern: $0) })
    }

    /// st_mtime with nanoseconds as seconds since 1970: the value stored and compared on re-import.
    public static func modifiedSeconds(_ info: stat) -> Double {
        #if canImport(Darwin)
        Double(info.st_mtimespec.tv_sec) + Double(info.st_mtimespec.tv_nsec) / 1e9
        #else
        Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
        #endif
    }
}
