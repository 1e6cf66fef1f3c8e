// Shared pieces of the DIMSE tests: one Orthanc holding the samples for the read-only tests,
// a sink that records what arrives, the sample exams' facts, and a TCP listener that never answers.
import Archive
import ArchiveTestSupport
import DICOM
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

enum DimseFixture {
    /// One Orthanc with every sample, started on first use (ends with the test process).
    nonisolated(unsafe) private static var cached: Result<OrthancServer, Error>?
    private static let lock = NSLock()

    /// The shared server, or nil (test skipped with a note) when Orthanc is not installed.
    static func sharedServer() throws -> OrthancServer? {
        lock.lock()
        defer { lock.unlock() }
        if cached == nil {
            cached = Result {
                let server = try OrthancServer.start()
                try server.upload(ArchiveTestData.samples)
                return server
            }
        }
        switch cached {
        case .success(let server): return server
        case .failure(let error as OrthancServer.Unavailable):
            print("skipped: \(error.reason)")
            return nil
        case .failure(let error): throw error
        case .none: return nil
        }
    }

    /// A fresh, empty Orthanc (for tests that kill it or count what arrives), or nil to skip.
    static func freshServer(modalities: [String: Int] = [:]) throws -> OrthancServer? {
        do { return try OrthancServer.start(modalities: modalities) } catch let error as OrthancServer.Unavailable {
            print("skipped: \(error.reason)")
            return nil
        }
    }

    static func node(_ server: OrthancServer, aet: String? = nil, timeout: Double = 10, storagePort: Int? = nil) -> PacsNode {
        PacsNode(name: "orthanc", host: "127.0.0.1", port: server.dicomPort, aet: aet ?? server.aet,
                 storagePort: storagePort, connectTimeout: 3, timeout: timeout)
    }

    /// Facts of the bundled samples, read from their headers.
    struct Sample {
        var path: String
        var header: DicomHeader
    }

    static let samples: [Sample] = ArchiveTestData.samples.compactMap { path in
        (try? DicomHeaderReader.read(path: path)).map { Sample(path: path, header: $0) }
    }

    static func study(patient: String, date: String) -> [Sample] {
        samples.filter { $0.header.patientID == patient && $0.header.studyDate == date }
    }

    /// A new empty folder under the temp directory.
    static func folder(_ name: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mammoterm-\(name)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    static func contents(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }
}

/// Moves each received file into `library` and records it; can refuse or act on arrival.
final class RecordingSink: InstanceSink, @unchecked Sendable {
    let library: String
    private let lock = NSLock()
    private var received: [(sop: String, path: String)] = []
    private let refuse: @Sendable (DicomHeader) -> String?
    private let onArrival: @Sendable (Int) -> Void

    init(library: String, refuse: @escaping @Sendable (DicomHeader) -> String? = { _ in nil },
         onArrival: @escaping @Sendable (Int) -> Void = { _ in }) {
        self.library = library
        self.refuse = refuse
        self.onArrival = onArrival
    }

    var sops: [String] { lock.withLock { received.map(\.sop) } }
    var paths: [String] { lock.withLock { received.map(\.path) } }

    func receive(file path: String) -> InstanceVerdict {
        let header: DicomHeader
        do { header = try DicomHeaderReader.read(path: path) } catch { return .refused(error.reason) }
        if let reason = refuse(header) { return .refused(reason) }
        let target = library + "/" + header.sopInstanceUID + ".dcm"
        do {
            try? FileManager.default.removeItem(atPath: target)
            try FileManager.default.moveItem(atPath: path, toPath: target)
        } catch { return .refused("cannot file it: \(error)") }
        let count = lock.withLock {
            received.append((header.sopInstanceUID, target))
            return received.count
        }
        onArrival(count)
        return .accepted
    }
}

/// Progress reports, recorded from any thread.
final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [RetrieveProgress] = []
    var all: [RetrieveProgress] { lock.withLock { items } }
    func record(_ progress: RetrieveProgress) { lock.withLock { items.append(progress) } }
}

/// A TCP listener on 127.0.0.1 that accepts connections and never says a word.
final class SilentListener {
    let port: Int
    private let fd: Int32

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.fd = fd
        guard fd >= 0 else { throw TestServerError("socket failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 8) == 0 else {
            close(fd)
            throw TestServerError("bind/listen failed")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(fd) }
}
