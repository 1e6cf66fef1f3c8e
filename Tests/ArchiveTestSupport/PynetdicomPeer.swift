// A second, independent DICOM implementation for the archive tests: pynetdicom (through
// scripts/pynetdicom-peer.py) as a Query/Retrieve + Storage SCP on 127.0.0.1, and as store/echo SCU.
// Python: <repo>/.venv/bin/python3 when present (make venv), else the python3 on PATH (make test
// puts .venv/bin first). Without an importable pynetdicom it throws `Unavailable` (a skip), or a
// `TestServerError` under MAMMOTERM_REQUIRE_ARCHIVE=1.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

public final class PynetdicomPeer: @unchecked Sendable {
    public typealias Unavailable = ArchivePeerUnavailable

    public let port: Int
    public let aet: String
    /// The peer's stdout and stderr (pynetdicom's warnings and the handlers' messages).
    public let logPath: String
    public var processIdentifier: Int32 { process.processIdentifier }
    public var isRunning: Bool { process.isRunning }

    private let process: Process
    private let lock = NSLock()
    private var stopped = false

    private init(process: Process, port: Int, aet: String, logPath: String) {
        self.process = process
        self.port = port
        self.aet = aet
        self.logPath = logPath
    }

    deinit { stop() }

    /// The python3 the peer runs with.
    public static var python: (executable: String, arguments: [String]) {
        let venv = ArchiveTestData.repositoryRoot.appendingPathComponent(".venv/bin/python3").path
        if FileManager.default.isExecutableFile(atPath: venv) { return (venv, []) }
        return ("/usr/bin/env", ["python3"])
    }

    static var script: String { ArchiveTestData.repositoryRoot.appendingPathComponent("scripts/pynetdicom-peer.py").path }

    private static let availability: String? = {
        let (executable, prefix) = python
        guard let result = try? PeerSupport.runCapturing(executable, prefix + ["-c", "import pynetdicom, pydicom"]) else {
            return "no python3 found (make venv)"
        }
        return result.status == 0 ? nil : "pynetdicom is not importable by \(executable) \(prefix.joined(separator: " ")) (make venv): \(result.output.suffix(300))"
    }()

    /// Why the peer cannot run here, or nil when it can.
    public static func unavailableReason() -> String? { availability }

    private static func requireAvailable() throws {
        if let reason = availability { throw PeerSupport.unavailable(reason) }
    }

    /// Starts a Query/Retrieve SCP (C-ECHO, C-FIND, C-GET, C-MOVE; Study and Patient Root) over the
    /// DICOM files under `folder`, with a Storage SCP writing received files into `storeFolder`.
    /// `moveDestinations`: AE title -> port on 127.0.0.1. Returns once the port accepts connections.
    public static func startQRSCP(folder: String, storeFolder: String, moveDestinations: [String: Int] = [:],
                                  aet: String = "PYQRSCP") throws -> PynetdicomPeer {
        try requireAvailable()
        var lastError: Error = TestServerError("pynetdicom QR SCP did not start")
        for _ in 0..<3 {
            let port = try FreePort.next()
            var arguments = ["qr-scp", "--port", String(port), "--aet", aet, "--folder", folder, "--store", storeFolder]
            for (title, destination) in moveDestinations.sorted(by: { $0.key < $1.key }) {
                arguments += ["--move-dest", "\(title)=127.0.0.1:\(destination)"]
            }
            let logPath = FileManager.default.temporaryDirectory.appendingPathComponent("mammoterm-pynetdicom-\(port)-\(UUID().uuidString.prefix(6)).log").path
            _ = FileManager.default.createFile(atPath: logPath, contents: nil)
            let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
            defer { try? log.close() }
            let (executable, prefix) = python
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = prefix + ["-u", script] + arguments
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = log
            process.standardError = log
            try process.run()
            let peer = PynetdicomPeer(process: process, port: port, aet: aet, logPath: logPath)
            let deadline = Date().addingTimeInterval(15)
            while Date() < deadline {
                if !process.isRunning { break }
                if PeerSupport.accepts(port: port) { return peer }
                usleep(50_000)
            }
            let exited = !process.isRunning
            peer.stop()
            let message = "pynetdicom QR SCP on port \(port) " + (exited ? "exited with status \(process.terminationStatus)" : "did not listen within 15 s") + "; log \(logPath):\n\(PeerSupport.tail(logPath))"
            lastError = TestServerError(message)
            guard exited && process.terminationStatus == 98 else { throw lastError }  // 98: port taken, try another
        }
        throw lastError
    }

    /// Whether the SCP accepts TCP connections now.
    public func acceptsConnections() -> Bool { PeerSupport.accepts(port: port) }

    /// SIGTERM and wait (up to 10 s, then SIGKILL). Idempotent; also in deinit.
    public func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        PeerSupport.terminate(process, grace: 10)
    }

    /// SIGKILL now.
    public func kill() {
        if process.isRunning { _ = Glibc.kill(process.processIdentifier, SIGKILL) }
    }

    // MARK: SCUs

    /// Sends `files` with pynetdicom's C-STORE SCU, one association; the DIMSE status for each file
    /// (-1 when it could not be sent). Throws when no association could be made (e.g. a wrong called AE).
    public static func storeSCU(host: String, port: Int, aet: String, files: [String],
                                callingAET: String = "PYNETDICOM") throws -> [(file: String, status: Int)] {
        try requireAvailable()
        let lines = try runSCU(["store-scu", "--host", host, "--port", String(port), "--aet", aet, "--calling-aet", callingAET] + files)
        return try lines.map { line in
            guard let file = line["file"] as? String, let status = line["status"] as? Int else {
                throw TestServerError("store-scu: unexpected line \(line)")
            }
            return (file, status)
        }
    }

    /// C-ECHO through pynetdicom; the DIMSE status (0 = success). Throws when no association.
    public static func echoSCU(host: String, port: Int, aet: String, callingAET: String = "PYNETDICOM") throws -> Int {
        try requireAvailable()
        let lines = try runSCU(["echo-scu", "--host", host, "--port", String(port), "--aet", aet, "--calling-aet", callingAET])
        guard let status = lines.first?["status"] as? Int else { throw TestServerError("echo-scu: no status in \(lines)") }
        return status
    }

    private static func runSCU(_ arguments: [String]) throws -> [[String: Any]] {
        let (executable, prefix) = python
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = prefix + ["-u", script] + arguments
        let folder = FileManager.default.temporaryDirectory
        let outPath = folder.appendingPathComponent("mammoterm-pyscu-\(UUID().uuidString).out")
        let errPath = folder.appendingPathComponent("mammoterm-pyscu-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: outPath.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outPath)
            try? FileManager.default.removeItem(at: errPath)
        }
        let out = try FileHandle(forWritingTo: outPath)
        let err = try FileHandle(forWritingTo: errPath)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        try process.run()
        if !PeerSupport.waitForExit(process, seconds: 300) {
            PeerSupport.terminate(process, grace: 2)
            throw TestServerError("pynetdicom \(arguments[0]) did not finish within 300 s")
        }
        try? out.close()
        try? err.close()
        let stdout = (try? String(contentsOf: outPath, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOf: errPath, encoding: .utf8)) ?? ""
        let lines = stdout.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }
        guard process.terminationStatus == 0 else {
            let reason = lines.compactMap { $0["error"] as? String }.first ?? "exit status \(process.terminationStatus)"
            throw TestServerError("pynetdicom \(arguments[0]): \(reason)\n\(stderr.suffix(2000))")
        }
        return lines
    }
}
