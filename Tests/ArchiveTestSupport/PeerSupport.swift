// What the archive peers (Orthanc, pynetdicom) share: the skip-or-fail policy, the loopback
// bind shim, TCP probes, HTTP, and stopping a child process.
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

/// A peer cannot run on this machine (its program or a module is missing). Tests turn it into a
/// skip: `catch let error as ArchivePeerUnavailable { throw XCTSkip(error.reason) }`. With
/// MAMMOTERM_REQUIRE_ARCHIVE=1 (set by `make test`) the peers throw a `TestServerError` instead.
public struct ArchivePeerUnavailable: Error, CustomStringConvertible {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { "archive peer unavailable: \(reason)" }
}

enum PeerSupport {
    /// CI (make test) sets MAMMOTERM_REQUIRE_ARCHIVE=1: a missing peer is then a failure, never a skip.
    static var required: Bool { ProcessInfo.processInfo.environment["MAMMOTERM_REQUIRE_ARCHIVE"] == "1" }

    static func unavailable(_ reason: String) -> Error {
        if required {
            return TestServerError("\(reason) (MAMMOTERM_REQUIRE_ARCHIVE=1: the archive tests must not skip; run scripts/install-system-packages.sh and make venv)")
        }
        return ArchivePeerUnavailable(reason)
    }

    // MARK: the loopback bind shim

    private static let shimLock = NSLock()

    /// Path of scripts/loopback-bind.c compiled into a shared object (cached under .build, rebuilt when
    /// the source is newer). Servers started with LD_PRELOAD=<it> bind 127.0.0.1 / ::1 only.
    static func loopbackShim() throws -> String {
        shimLock.lock()
        defer { shimLock.unlock() }
        let fileManager = FileManager.default
        let source = ArchiveTestData.repositoryRoot.appendingPathComponent("scripts/loopback-bind.c").path
        guard fileManager.fileExists(atPath: source) else { throw TestServerError("missing \(source)") }
        var cacheFolder = ArchiveTestData.repositoryRoot.appendingPathComponent(".build/test-support")
        if (try? fileManager.createDirectory(at: cacheFolder, withIntermediateDirectories: true)) == nil
            || !fileManager.isWritableFile(atPath: cacheFolder.path) {
            cacheFolder = fileManager.temporaryDirectory.appendingPathComponent("mammoterm-test-support-\(getuid())")
            try fileManager.createDirectory(at: cacheFolder, withIntermediateDirectories: true)
        }
        let library = cacheFolder.appendingPathComponent("loopback-bind.so").path
        if let built = modificationDate(library), let edited = modificationDate(source), built >= edited {
            return library
        }
        // Compile into a private name, then rename: another test process may be doing the same.
        let partial = library + ".\(getpid()).tmp"
        var failures: [String] = []
        for compiler in ["cc", "gcc", "clang"] {
            let result = try? runCapturing("/usr/bin/env", [compiler, "-shared", "-fPIC", "-O2", "-o", partial, source, "-ldl", "-lpthread"])
            if let result, result.status == 0 {
                guard rename(partial, library) == 0 else {
                    throw TestServerError("rename \(partial) -> \(library): \(String(cString: strerror(errno)))")
                }
                return library
            }
            failures.append("\(compiler): \(result.map { $0.output } ?? "not runnable")")
        }
        unlink(partial)
        throw unavailable("no C compiler could build \(source) (needed to keep test servers on 127.0.0.1): \(failures.joined(separator: "; "))")
    }

    static func modificationDate(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }

    // MARK: processes

    /// Runs a program to its end; returns its exit status and stdout+stderr.
    static func runCapturing(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("mammoterm-run-\(UUID().uuidString).out")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let handle = try FileHandle(forWritingTo: output)
        defer { try? handle.close() }
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        return (process.terminationStatus, text)
    }

    /// SIGTERM, wait up to `grace` seconds, then SIGKILL and wait for the end.
    static func terminate(_ process: Process, grace: TimeInterval = 10) {
        guard process.processIdentifier > 0 else { return }
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGTERM) }
        if !waitForExit(process, seconds: grace) {
            Glibc.kill(process.processIdentifier, SIGKILL)
            _ = waitForExit(process, seconds: 10)
        }
    }

    @discardableResult
    static func waitForExit(_ process: Process, seconds: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning {
            if Date() > deadline { return false }
            usleep(20_000)
        }
        return true
    }

    /// The last `lines` lines of a log file, for error messages.
    static func tail(_ path: String, lines: Int = 30) -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return "(no log at \(path))" }
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }

    // MARK: network

    /// Whether something accepts TCP connections on 127.0.0.1:port (connects, then closes at once).
    static func accepts(port: Int, host: String = "127.0.0.1") -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr(host)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return connected == 0
    }

    /// One blocking HTTP request (URLSession; no cache, no cookies).
    static func http(_ method: String, _ url: URL, body: Data? = nil, contentType: String? = nil,
                     timeout: TimeInterval = 60) throws -> (status: Int, body: Data) {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.httpMethod = method
        request.httpBody = body
        if let contentType { request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
        final class Box: @unchecked Sendable {
            var data: Data?
            var response: URLResponse?
            var error: Error?
        }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let task = session.dataTask(with: request) { data, response, error in
            box.data = data
            box.response = response
            box.error = error
            done.signal()
        }
        task.resume()
        if done.wait(timeout: .now() + timeout + 5) == .timedOut {
            task.cancel()
            throw TestServerError("\(method) \(url.absoluteString): no answer in \(Int(timeout)) s")
        }
        if let error = box.error { throw TestServerError("\(method) \(url.absoluteString): \(error.localizedDescription)") }
        guard let response = box.response as? HTTPURLResponse else {
            throw TestServerError("\(method) \(url.absoluteString): no HTTP response")
        }
        return (response.statusCode, box.data ?? Data())
    }

    private static let session: URLSession = {
        // The peers are on 127.0.0.1: never through a proxy a developer's environment names (libcurl reads no_proxy).
        for name in ["no_proxy", "NO_PROXY"] {
            let current = ProcessInfo.processInfo.environment[name] ?? ""
            if !current.contains("127.0.0.1") { setenv(name, current.isEmpty ? "127.0.0.1,localhost" : current + ",127.0.0.1,localhost", 1) }
        }
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.httpShouldSetCookies = false
        configuration.connectionProxyDictionary = [:]
        return URLSession(configuration: configuration)
    }()
}

/// The TCP sockets a process listens on, read from /proc (no `ss` needed): to check that a test
/// server is on loopback only.
public enum ListeningSockets {
    public struct Socket: Equatable, CustomStringConvertible {
        public var address: String   // "127.0.0.1", "::1", "0.0.0.0", "::", ...
        public var port: Int
        public var isLoopback: Bool { address.hasPrefix("127.") || address == "::1" || address.hasPrefix("::ffff:127.") }
        public var description: String { address.contains(":") ? "[\(address)]:\(port)" : "\(address):\(port)" }
    }

    /// Listening TCP sockets (IPv4 and IPv6) held by process `pid`.
    public static func of(pid: Int32) -> [Socket] {
        let fdFolder = "/proc/\(pid)/fd"
        var inodes = Set<String>()
        for name in (try? FileManager.default.contentsOfDirectory(atPath: fdFolder)) ?? [] {
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: fdFolder + "/" + name),
                  target.hasPrefix("socket:[") else { continue }
            inodes.insert(String(target.dropFirst("socket:[".count).dropLast()))
        }
        var sockets: [Socket] = []
        for (table, v6) in [("/proc/net/tcp", false), ("/proc/net/tcp6", true)] {
            guard let text = try? String(contentsOfFile: table, encoding: .utf8) else { continue }
            for line in text.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: " ", omittingEmptySubsequences: true)
                // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
                guard fields.count > 9, fields[3] == "0A", inodes.contains(String(fields[9])) else { continue }
                let parts = fields[1].split(separator: ":")
                guard parts.count == 2, let port = Int(parts[1], radix: 16) else { continue }
                sockets.append(Socket(address: v6 ? ipv6(String(parts[0])) : ipv4(String(parts[0])), port: port))
            }
        }
        return sockets
    }

    /// /proc/net/tcp writes the address as one little-endian 32-bit hex word.
    static func ipv4(_ hex: String) -> String {
        guard let value = UInt32(hex, radix: 16) else { return hex }
        return [value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff, value >> 24].map(String.init).joined(separator: ".")
    }

    /// /proc/net/tcp6 writes four 32-bit words, each in host (little-endian) order.
    static func ipv6(_ hex: String) -> String {
        guard hex.count == 32 else { return hex }
        var bytes: [UInt8] = []
        let characters = Array(hex)
        for word in 0..<4 {
            let chunk = String(characters[(word * 8)..<(word * 8 + 8)])
            guard let value = UInt32(chunk, radix: 16) else { return hex }
            bytes += [UInt8(value & 0xff), UInt8((value >> 8) & 0xff), UInt8((value >> 16) & 0xff), UInt8(value >> 24)]
        }
        if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xff && bytes[11] == 0xff {
            return "::ffff:" + bytes[12...].map(String.init).joined(separator: ".")
        }
        var storage = in6_addr()
        withUnsafeMutableBytes(of: &storage) { $0.copyBytes(from: bytes) }
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        guard inet_ntop(AF_INET6, &storage, &buffer, socklen_t(buffer.count)) != nil else { return hex }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
