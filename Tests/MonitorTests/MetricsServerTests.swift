// `monitor --serve`'s HTTP server: addresses, answers (200/HEAD/404/405/500, keep-alive), stopping on
// a signal, promtool's linter on swift-prometheus' text, and a real Prometheus scraping it.
import Foundation
import Prometheus
import Testing
@testable import Monitor
#if canImport(Glibc)
import Glibc
#endif

@Suite("Metrics server", .serialized, .timeLimit(.minutes(2))) struct MetricsServerTests {
    // MARK: addresses

    @Test func parsesTheAddressFormsAndDefaultsToLoopback() throws {
        #expect(try ListenAddress(parsing: "127.0.0.1:9464") == ListenAddress(host: "127.0.0.1", port: 9464))
        #expect(try ListenAddress(parsing: ":9464") == ListenAddress(host: "127.0.0.1", port: 9464))
        #expect(try ListenAddress(parsing: "[::1]:9464") == ListenAddress(host: "::1", port: 9464))
        #expect(try ListenAddress(parsing: "[::]:80") == ListenAddress(host: "::", port: 80))
        #expect(try ListenAddress(parsing: "0.0.0.0:0") == ListenAddress(host: "0.0.0.0", port: 0))
        #expect(try ListenAddress(parsing: "localhost:65535") == ListenAddress(host: "localhost", port: 65535))
        #expect(try ListenAddress(parsing: "[::1]:9464").description == "[::1]:9464")
        #expect(try ListenAddress(parsing: ":1").description == "127.0.0.1:1")
    }

    @Test(arguments: ["", "9464", "127.0.0.1", "127.0.0.1:", "127.0.0.1:65536", "127.0.0.1:-1", "127.0.0.1:94a",
                      "::1:9464", "[::1]9464", "[::1:9464", "[127.0.0.1]:9464", "256.1.1.1:9464", "1.2.3:9464",
                      "host name:9464", "-bad-.example:9464", "127.0.0.1:123456"])
    func refusesABadAddressSayingWhatIsExpected(_ text: String) {
        #expect {
            _ = try ListenAddress(parsing: text)
        } throws: { error in
            guard let error = error as? MonitorError else { return false }
            return error.context.contains("listen address") && error.reason.contains("HOST:PORT")
        }
        #expect(throws: MonitorError.self) { _ = try MetricsServer(address: text) { "" } }
    }

    // MARK: answers

    @Test func answersMetricsWithTheBodyMadeForEachRequest() throws {
        let scrapes = Counter()
        let server = try MetricsServer(address: ":0") { "mammoterm_test_scrapes \(scrapes.next())\n" }
        defer { server.stop() }
        let bound = try server.start()
        #expect(bound.host == "127.0.0.1")
        #expect(bound.port > 0)
        let metrics = URL(string: "http://127.0.0.1:\(bound.port)/metrics")!

        let first = try PrometheusServer.request(metrics, timeout: 10)
        #expect(first.status == 200)
        #expect(first.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8")
        #expect(String(decoding: first.body, as: UTF8.self) == "mammoterm_test_scrapes 1\n")
        let second = try PrometheusServer.request(metrics, timeout: 10)
        #expect(String(decoding: second.body, as: UTF8.self) == "mammoterm_test_scrapes 2\n")
        // A query string (Prometheus' params) reaches the same text.
        let withQuery = try PrometheusServer.request(URL(string: "http://127.0.0.1:\(bound.port)/metrics?x=1")!, timeout: 10)
        #expect(withQuery.status == 200 && String(decoding: withQuery.body, as: UTF8.self) == "mammoterm_test_scrapes 3\n")

        let head = try PrometheusServer.request(metrics, method: "HEAD", timeout: 10)
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
        #expect(head.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8")
        #expect(head.headers["content-length"] == String("mammoterm_test_scrapes 4\n".utf8.count))
    }

    @Test func answersTheIndexNotFoundAndWrongMethods() throws {
        let server = try MetricsServer(address: "127.0.0.1:0") { "up_test 1\n" }
        defer { server.stop() }
        let port = try server.start().port
        let base = "http://127.0.0.1:\(port)"

        let index = try PrometheusServer.request(URL(string: base + "/")!, timeout: 10)
        #expect(index.status == 200)
        #expect(index.headers["content-type"]?.hasPrefix("text/html") == true)
        #expect(String(decoding: index.body, as: UTF8.self).contains("href=\"/metrics\""))

        let missing = try PrometheusServer.request(URL(string: base + "/metrics/extra")!, timeout: 10)
        #expect(missing.status == 404)
        #expect(try PrometheusServer.request(URL(string: base + "/favicon.ico")!, timeout: 10).status == 404)

        for method in ["POST", "PUT", "DELETE"] {
            let refused = try PrometheusServer.request(URL(string: base + "/metrics")!, method: method, timeout: 10)
            #expect(refused.status == 405, "\(method)")
            #expect(refused.headers["allow"] == "GET, HEAD", "\(method)")
        }
    }

    @Test func aFailingBodyAnswers500WithItsReasonAndTheServerGoesOn() throws {
        let failing = Flag(true)
        let server = try MetricsServer(address: ":0") {
            if failing.value { throw MonitorError(context: "population stability index", reason: "empty reference window") }
            return "mammoterm_monitor_psi 0.02\n"
        }
        defer { server.stop() }
        let metrics = URL(string: "http://127.0.0.1:\(try server.start().port)/metrics")!
        let failed = try PrometheusServer.request(metrics, timeout: 10)
        #expect(failed.status == 500)
        #expect(String(decoding: failed.body, as: UTF8.self).contains("population stability index: empty reference window"))
        failing.value = false
        let recovered = try PrometheusServer.request(metrics, timeout: 10)
        #expect(recovered.status == 200)
        #expect(String(decoding: recovered.body, as: UTF8.self) == "mammoterm_monitor_psi 0.02\n")
    }

    @Test func keepsAConnectionAliveForPipelinedRequestsAndClosesWhenAsked() throws {
        let server = try MetricsServer(address: ":0") { "mammoterm_test_gauge 7\n" }
        defer { server.stop() }
        let port = try server.start().port
        let requests = "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n" + "HEAD /metrics HTTP/1.1\r\nHost: x\r\n\r\n"
            + "GET /nowhere HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        // Read until the server closes: it must, after the third (Connection: close) answer.
        let answer = try Self.exchange(port: port, requests)
        // A body ends in "\n" and the next answer follows at once; "\r\n" is one Character to Swift.
        let statusLines = answer.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")
            .filter { $0.hasPrefix("HTTP/1.1 ") }
        #expect(statusLines == ["HTTP/1.1 200 OK", "HTTP/1.1 200 OK", "HTTP/1.1 404 Not Found"])
        #expect(answer.components(separatedBy: "mammoterm_test_gauge 7\n").count == 2, "one body (GET), none for HEAD: \(answer)")
        #expect(answer.lowercased().contains("connection: close"))
    }

    @Test func bindsOnlyWhatItIsGivenAndSaysWhyABindFails() throws {
        let first = try MetricsServer(address: ":0") { "" }
        defer { first.stop() }
        let port = try first.start().port
        #expect(try first.start().port == port, "start() twice returns the same address")
        #expect(Self.listens(port: port, host: "127.0.0.1"))
        let second = try MetricsServer(address: "127.0.0.1:\(port)") { "" }
        #expect {
            _ = try second.start()
        } throws: { error in
            guard let error = error as? MonitorError else { return false }
            return error.reason.contains("127.0.0.1:\(port)") && error.reason.lowercased().contains("in use")
        }
        first.stop()
        #expect(first.boundAddress == nil)
        #expect(!Self.listens(port: port, host: "127.0.0.1"), "stop() closes the socket")
        #expect(throws: MonitorError.self) { _ = try first.start() }
        try first.wait()  // returns at once once stopped
    }

    @Test func servesIPv6LoopbackWhenTheMachineHasIt() throws {
        let server = try MetricsServer(address: "[::1]:0") { "mammoterm_test_gauge 1\n" }
        defer { server.stop() }
        let bound: (host: String, port: Int)
        do { bound = try server.start() } catch {
            print("skipped: no IPv6 loopback here (\(error))")
            return
        }
        #expect(bound.host == "::1")
        // Over a raw socket: FoundationNetworking refuses a bracketed IPv6 URL here (NSURLErrorDomain -1000).
        let answer = try Self.exchange(port: bound.port, "GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", ipv6: true)
        #expect(answer.hasPrefix("HTTP/1.1 200 OK"))
        #expect(answer.hasSuffix("\r\n\r\nmammoterm_test_gauge 1\n"))
        #expect(!Self.listens(port: bound.port, host: "127.0.0.1"), "[::1] only, not IPv4 too")
    }

    /// SIGUSR2 stands in for SIGINT/SIGTERM (the defaults, same path): a stray SIGTERM would end
    /// the whole test process if anything went wrong, and nothing else here uses SIGUSR2.
    @Test func servesUntilSignalledThenStopsAndRestoresTheSignal() throws {
        let server = try MetricsServer(address: ":0") { "mammoterm_test_gauge 3\n" }
        let seen = Flag(false)
        let port = Box()
        let signal = try server.serveUntilSignalled([SIGUSR2]) { _, bound in
            port.value = bound
            // Served while waiting for the signal.
            if let answer = try? PrometheusServer.request(URL(string: "http://127.0.0.1:\(bound)/metrics")!, timeout: 10) {
                seen.value = answer.status == 200
            }
            kill(getpid(), SIGUSR2)
        }
        #expect(signal == SIGUSR2)
        #expect(seen.value)
        #expect(server.boundAddress == nil)
        #expect(port.value > 0 && !Self.listens(port: port.value, host: "127.0.0.1"))
        var current = sigaction()
        sigaction(SIGUSR2, nil, &current)
        #expect(current.__sigaction_handler.sa_handler == nil, "SIG_DFL (0), the default action, is back")
    }

    // MARK: promtool and a real Prometheus

    /// A registry like the monitor's: gauges with labels whose values carry spaces and '='.
    static func registryText() -> (PrometheusCollectorRegistry, String) {
        let registry = PrometheusCollectorRegistry()
        let psi = MetricNameDescriptor(namespace: "mammoterm", subsystem: "monitor", metricName: "psi", unitName: "",
                                       helpText: "Population stability index of the AI score against the reference window")
        registry.makeGauge(descriptor: psi, labels: [("stratum", "site=Site A")]).set(0.12)
        registry.makeGauge(descriptor: psi, labels: [("stratum", "vendor=Hologic")]).set(0.03)
        registry.makeGauge(descriptor: MetricNameDescriptor(namespace: "mammoterm", subsystem: "monitor", metricName: "recall_rate", unitName: "",
                                                            helpText: "Share of screens recalled, last window"),
                           labels: [("stratum", "all")]).set(0.094)
        registry.makeCounter(descriptor: MetricNameDescriptor(namespace: "mammoterm", subsystem: "monitor", metricName: "reads", unitName: "total",
                                                              helpText: "Reads counted"),
                             labels: [("site", "Site A")]).increment(by: Int64(42))
        return (registry, registry.emitToString())
    }

    @Test func promtoolAcceptsTheRegistrysTextAndRejectsBrokenText() throws {
        let (_, text) = Self.registryText()
        #expect(text.contains("mammoterm_monitor_psi{stratum=\"site=Site A\"} 0.12"))
        let checked: (status: Int32, output: String)
        do { checked = try PrometheusServer.checkMetrics(text) } catch let unavailable as PrometheusServer.Unavailable {
            print("skipped: \(unavailable.reason)")
            return
        }
        #expect(checked.status == 0, "promtool: \(checked.output)\n\(text)")
        // The linter does reject: a sample line that is not the format.
        let broken = try PrometheusServer.checkMetrics(text + "mammoterm_monitor_psi{stratum=\"x\" 1\n")
        #expect(broken.status != 0, "promtool accepted broken text: \(broken.output)")
    }

    @Test func aRealPrometheusScrapesTheServerAndSeesTheValueChange() throws {
        let registry = PrometheusCollectorRegistry()
        let name = MetricNameDescriptor(namespace: "mammoterm", subsystem: "test", metricName: "gauge", unitName: "", helpText: "A value the test sets")
        let gauge = registry.makeGauge(descriptor: name, labels: [("stratum", "site=Site A")])
        gauge.set(41.5)
        let server = try MetricsServer(address: ":0") { registry.emitToString() }
        defer { server.stop() }
        let bound = try server.start()
        let prometheus: PrometheusServer
        do { prometheus = try PrometheusServer.start(scraping: "127.0.0.1:\(bound.port)") } catch let unavailable as PrometheusServer.Unavailable {
            print("skipped: \(unavailable.reason)")
            return
        }
        defer { prometheus.stop() }
        let log = { "Prometheus log:\n\(prometheus.logTail())" }

        // Scraped every second: wait (polling) for the first scrape, then for the new value.
        var seen: (labels: [String: String], value: Double)?
        let scraped = try PrometheusServer.poll(seconds: 30) {
            seen = try prometheus.query("mammoterm_test_gauge")
            return seen?.value == 41.5
        }
        #expect(scraped, "never saw 41.5; last \(String(describing: seen)). \(log())")
        #expect(seen?.labels["stratum"] == "site=Site A")
        #expect(seen?.labels["job"] == prometheus.job)
        #expect(seen?.labels["instance"] == "127.0.0.1:\(bound.port)")
        let up = try prometheus.query("up{job=\"\(prometheus.job)\"}")
        #expect(up?.value == 1, "up: \(String(describing: up)). \(log())")

        gauge.set(-3.25)
        var changed: Double?
        let followed = try PrometheusServer.poll(seconds: 30) {
            changed = try prometheus.query("mammoterm_test_gauge")?.value
            return changed == -3.25
        }
        #expect(followed, "never saw -3.25; last \(String(describing: changed)). \(log())")

        // Once the server is gone, Prometheus says so.
        server.stop()
        let down = try PrometheusServer.poll(seconds: 30) { try prometheus.query("up{job=\"\(prometheus.job)\"}")?.value == 0 }
        #expect(down, "up never went to 0 after stop(). \(log())")
    }

    // MARK: helpers

    /// Sends `text` on one TCP connection to 127.0.0.1:`port` and reads until the server closes it.
    static func exchange(port: Int, _ text: String, ipv6: Bool = false) throws -> String {
        let fd = socket(ipv6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw PrometheusServer.Failure("socket()") }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let connected: Int32
        if ipv6 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = in_port_t(UInt16(port).bigEndian)
            address.sin6_addr = in6addr_loopback
            connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
            }
        } else {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        }
        guard connected == 0 else { throw PrometheusServer.Failure("connect: \(String(cString: strerror(errno)))") }
        let bytes = Array(text.utf8)
        guard bytes.withUnsafeBytes({ send(fd, $0.baseAddress, $0.count, 0) }) == bytes.count else {
            throw PrometheusServer.Failure("send: \(String(cString: strerror(errno)))")
        }
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count == 0 { break }  // closed by the server
            guard count > 0 else { throw PrometheusServer.Failure("recv (server did not close?): \(String(cString: strerror(errno))); got \(String(decoding: received, as: UTF8.self))") }
            received += chunk[0..<count]
        }
        return String(decoding: received, as: UTF8.self)
    }

    static func listens(port: Int, host: String) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr(host)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }

    /// Thread-safe little boxes for values the server's threads write and the test reads.
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func next() -> Int { lock.lock(); defer { lock.unlock() }; count += 1; return count }
    }

    final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: Bool
        init(_ value: Bool) { stored = value }
        var value: Bool {
            get { lock.lock(); defer { lock.unlock() }; return stored }
            set { lock.lock(); defer { lock.unlock() }; stored = newValue }
        }
    }

    final class Box: @unchecked Sendable {
        var value = 0
    }
}
