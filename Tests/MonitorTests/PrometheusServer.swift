// A real Prometheus for the exposition tests: Debian's /usr/bin/prometheus, started per test on a
// free port of 127.0.0.1 with a generated config scraping one target every second and its TSDB in
// a temp folder; stopped (and the folder removed) by stop() or deinit. Also promtool's linter.
//
// Missing binary: a skip with a note, or a failure under MAMMOTERM_REQUIRE_ARCHIVE=1 or
// MAMMOTERM_REQUIRE_TESTDATA=1 (make test). Start ~1-2 s. Never the system service.
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

final class PrometheusServer: @unchecked Sendable {
    static let executable = "/usr/bin/prometheus"
    static let promtool = "/usr/bin/promtool"

    /// Prometheus cannot run here; the test notes it and returns.
    struct Unavailable: Error, CustomStringConvertible {
        var reason: String
        var description: String { "Prometheus unavailable: \(reason)" }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    static var required: Bool {
        let environment = ProcessInfo.processInfo.environment
        return environment["MAMMOTERM_REQUIRE_ARCHIVE"] == "1" || environment["MAMMOTERM_REQUIRE_TESTDATA"] == "1"
    }

    static func unavailable(_ reason: String) -> Error {
        guard required else { return Unavailable(reason: reason) }
        return Failure("\(reason) (MAMMOTERM_REQUIRE_ARCHIVE/TESTDATA=1: must not skip; scripts/install-system-packages.sh installs prometheus)")
    }

    let port: Int
    let folder: URL
    /// The scrape job's name, for `up{job="..."}`.
    let job: String
    var logPath: String { folder.appendingPathComponent("prometheus.log").path }
    var url: URL { URL(string: "http://127.0.0.1:\(port)")! }
    var processIdentifier: Int32 { process.processIdentifier }

    private let process: Process
    private let lock = NSLock()
    private var stopped = false

    private init(process: Process, port: Int, folder: URL, job: String) {
        self.process = process; self.port = port; self.folder = folder; self.job = job
    }

    deinit { stop() }

    /// Starts Prometheus scraping `http://target/metrics` every second and waits for /-/ready.
    static func start(scraping target: String, job: String = "mammoterm_monitor") throws -> PrometheusServer {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw unavailable("\(executable) is not installed (apt-get install prometheus)")
        }
        var lastError: Error = Failure("Prometheus did not start")
        // A free port can be taken before Prometheus binds it: try again with another.
        for _ in 0..<3 {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mammoterm-prometheus-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("data"), withIntermediateDirectories: true)
            let config = folder.appendingPathComponent("prometheus.yml")
            try """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: \(job)
                    metrics_path: /metrics
                    static_configs:
                      - targets: ['\(target)']

                """.write(to: config, atomically: true, encoding: .utf8)
            let port = try freePort()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = [
                "--config.file=\(config.path)", "--storage.tsdb.path=\(folder.appendingPathComponent("data").path)",
                "--web.listen-address=127.0.0.1:\(port)", "--storage.tsdb.retention.time=1h", "--log.level=info",
            ]
            process.currentDirectoryURL = folder
            process.standardInput = FileHandle.nullDevice
            let logPath = folder.appendingPathComponent("prometheus.log").path
            _ = FileManager.default.createFile(atPath: logPath, contents: nil)
            let log = FileHandle(forWritingAtPath: logPath) ?? FileHandle.nullDevice
            process.standardOutput = log
            process.standardError = log
            try process.run()
            try? log.close()
            try watch(server: process.processIdentifier)
            let server = PrometheusServer(process: process, port: port, folder: folder, job: job)
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline && process.isRunning {
                if let (status, _) = try? server.get("/-/ready", timeout: 2), status == 200 { return server }
                usleep(100_000)
            }
            lastError = Failure("Prometheus did not get ready on 127.0.0.1:\(port); log \(logPath):\n\(tail(logPath))")
            server.stop()
        }
        throw lastError
    }

    /// The one sample of an instant query, nil while the series is absent (no scrape yet).
    func query(_ expression: String) throws -> (labels: [String: String], value: Double)? {
        var components = URLComponents(url: url.appendingPathComponent("api/v1/query"), resolvingAgainstBaseURL: false)
        components?.queryItems = [URLQueryItem(name: "query", value: expression)]
        guard let address = components?.url else { throw Failure("cannot make a query URL for \(expression)") }
        let (status, data) = try Self.http(address, timeout: 5)
        guard status == 200 else { throw Failure("query \(expression): HTTP \(status): \(String(decoding: data, as: UTF8.self))") }
        struct Answer: Decodable {
            struct Payload: Decodable {
                struct Sample: Decodable {
                    var metric: [String: String]
                    var value: [Value]
                }
                var resultType: String
                var result: [Sample]
            }
            enum Value: Decodable {
                case time(Double), text(String)
                init(from decoder: Decoder) throws {
                    let container = try decoder.singleValueContainer()
                    if let text = try? container.decode(String.self) { self = .text(text) } else { self = .time(try container.decode(Double.self)) }
                }
            }
            var status: String
            var data: Payload
        }
        let answer = try JSONDecoder().decode(Answer.self, from: data)
        guard answer.status == "success", answer.data.resultType == "vector" else {
            throw Failure("query \(expression): \(String(decoding: data, as: UTF8.self))")
        }
        guard let sample = answer.data.result.first else { return nil }
        guard answer.data.result.count == 1 else { throw Failure("query \(expression): \(answer.data.result.count) series, expected one") }
        // [ <unix time>, "<value as text>" ]
        guard sample.value.count == 2, case .text(let text) = sample.value[1], let value = Double(text) else {
            throw Failure("query \(expression): unreadable sample \(String(decoding: data, as: UTF8.self))")
        }
        return (sample.metric, value)
    }

    /// Polls `condition` every 100 ms until it holds or `seconds` pass; returns whether it held.
    @discardableResult
    static func poll(seconds: TimeInterval, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        repeat {
            if try condition() { return true }
            usleep(100_000)
        } while Date() < deadline
        return try condition()
    }

    func get(_ path: String, timeout: TimeInterval) throws -> (status: Int, body: Data) {
        try Self.http(URL(string: "http://127.0.0.1:\(port)\(path)")!, timeout: timeout)
    }

    /// SIGTERM, SIGKILL after 10 s, then removes the folder. Idempotent.
    func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        if !Self.waitForExit(process, seconds: 10) {
            kill(process.processIdentifier, SIGKILL)
            _ = Self.waitForExit(process, seconds: 10)
        }
        try? FileManager.default.removeItem(at: folder)
    }

    /// The last lines of Prometheus' log, for failure messages (before stop() removes it).
    func logTail() -> String { Self.tail(logPath) }

    // MARK: promtool

    /// `promtool check metrics` on `text` (its standard input): exit status and what it printed.
    static func checkMetrics(_ text: String) throws -> (status: Int32, output: String) {
        guard FileManager.default.isExecutableFile(atPath: promtool) else {
            throw unavailable("\(promtool) is not installed (apt-get install prometheus)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: promtool)
        process.arguments = ["check", "metrics"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: printed, as: UTF8.self))
    }

    // MARK: processes, ports, HTTP

    /// Stops Prometheus once this test process has ended, however it ended.
    static func watch(server: Int32) throws {
        let watcher = Process()
        watcher.executableURL = URL(fileURLWithPath: "/bin/sh")
        watcher.arguments = ["-c", "while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done; kill -TERM \(server) 2>/dev/null"]
        watcher.standardInput = FileHandle.nullDevice
        watcher.standardOutput = FileHandle.nullDevice
        watcher.standardError = FileHandle.nullDevice
        try watcher.run()
    }

    static func waitForExit(_ process: Process, seconds: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning {
            if Date() > deadline { return false }
            usleep(20_000)
        }
        return true
    }

    static func tail(_ path: String, lines: Int = 30) -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return "(no log at \(path))" }
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }

    /// A port nothing listens on right now on 127.0.0.1 (asked of the kernel: bind to port 0).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure("socket(): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw Failure("bind/getsockname: \(String(cString: strerror(errno)))") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// One blocking GET (URLSession, no cache, no proxy).
    static func http(_ url: URL, method: String = "GET", timeout: TimeInterval) throws -> (status: Int, body: Data) {
        let (status, _, body) = try request(url, method: method, timeout: timeout)
        return (status, body)
    }

    /// One blocking request; status, response headers (names lowercased) and body.
    static func request(_ url: URL, method: String = "GET", timeout: TimeInterval) throws -> (status: Int, headers: [String: String], body: Data) {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.httpMethod = method
        final class Box: @unchecked Sendable {
            var data: Data?
            var response: URLResponse?
            var error: Error?
        }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let task = session.dataTask(with: request) { data, response, error in
            box.data = data; box.response = response; box.error = error
            done.signal()
        }
        task.resume()
        if done.wait(timeout: .now() + timeout + 5) == .timedOut {
            task.cancel()
            throw Failure("\(method) \(url.absoluteString): no answer in \(Int(timeout)) s")
        }
        if let error = box.error { throw Failure("\(method) \(url.absoluteString): \(error.localizedDescription)") }
        guard let response = box.response as? HTTPURLResponse else { throw Failure("\(method) \(url.absoluteString): no HTTP response") }
        var headers: [String: String] = [:]
        for (name, value) in response.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
        }
        return (response.statusCode, headers, box.data ?? Data())
    }

    private static let session: URLSession = {
        // Everything here is on 127.0.0.1: never through a proxy the environment names (libcurl reads no_proxy).
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
