// The archive test harness itself: Orthanc starts on loopback only, stores the samples, counts
// them and stops; the pynetdicom peer (a second, independent DICOM implementation) starts and
// answers; its store-scu reaches Orthanc. Missing peers skip with a note, unless
// MAMMOTERM_REQUIRE_ARCHIVE=1 (make test), where they fail.
import ArchiveTestSupport
import Foundation
import Testing

@Suite(.serialized)
struct HarnessTests {
    /// Runs `body` with a started Orthanc; a missing Orthanc ends the test with a note.
    func withOrthanc(modalities: [String: Int] = [:], _ body: (OrthancServer) throws -> Void) throws {
        let server: OrthancServer
        do {
            server = try OrthancServer.start(modalities: modalities)
        } catch let unavailable as OrthancServer.Unavailable {
            print("skipped: \(unavailable.reason)")
            return
        }
        defer { server.stop() }
        do { try body(server) } catch {
            Issue.record("\(error)\nOrthanc log \(server.logPath):\n\(String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: server.logPath))) ?? Data(), as: UTF8.self).suffix(3000))")
        }
    }

    @Test func orthancListensOnLoopbackOnlyStoresTheSamplesAndStops() throws {
        try withOrthanc { server in
            #expect(server.dicomPort != 4242 && server.httpPort != 8042)
            let sockets = ListeningSockets.of(pid: server.processIdentifier)
            #expect(sockets.contains { $0.port == server.dicomPort }, "DICOM port \(server.dicomPort) not among \(sockets)")
            #expect(sockets.contains { $0.port == server.httpPort }, "HTTP port \(server.httpPort) not among \(sockets)")
            #expect(!sockets.isEmpty && sockets.allSatisfy(\.isLoopback), "Orthanc listens beyond loopback: \(sockets)")

            let samples = ArchiveTestData.samples
            #expect(samples.count >= 8, "samples/: \(samples.count) DICOM files")
            #expect(try server.instanceCount() == 0)
            try server.upload(samples)
            #expect(try server.instanceCount() == samples.count)
            // DICOMweb answers (QIDO-RS) on the same port.
            let studies = try server.restJSON("/dicom-web/studies") as? [Any]
            #expect((studies?.count ?? 0) > 0)
            #expect(throws: TestServerError.self) { try server.upload([ArchiveTestData.repositoryRoot.appendingPathComponent("samples/README.md").path]) }
            try server.addModality("MOVEDEST", port: 11113)
            let modalities = try server.restJSON("/modalities") as? [String]
            #expect(modalities?.contains("MOVEDEST") == true)

            let started = Date()
            server.stop()
            #expect(!server.isRunning)
            #expect(Date().timeIntervalSince(started) < 12)
            server.stop()  // idempotent
        }
    }

    @Test func killedOrthancIsGoneAtOnce() throws {
        try withOrthanc { server in
            let pid = server.processIdentifier
            server.kill()
            let deadline = Date().addingTimeInterval(3)
            while server.isRunning && Date() < deadline { usleep(10_000) }
            #expect(!server.isRunning, "Orthanc \(pid) still running after kill()")
        }
    }

    @Test func pynetdicomQuerySCPAcceptsConnectionsOnLoopbackOnly() throws {
        let store = FileManager.default.temporaryDirectory.appendingPathComponent("mammoterm-harness-store-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: store) }
        let peer: PynetdicomPeer
        do {
            peer = try PynetdicomPeer.startQRSCP(folder: ArchiveTestData.repositoryRoot.appendingPathComponent("samples").path,
                                                 storeFolder: store.path, moveDestinations: [:], aet: "PYQRSCP")
        } catch let unavailable as PynetdicomPeer.Unavailable {
            print("skipped: \(unavailable.reason)")
            return
        }
        defer { peer.stop() }
        #expect(peer.acceptsConnections())
        let sockets = ListeningSockets.of(pid: peer.processIdentifier)
        #expect(sockets.contains { $0.port == peer.port } && sockets.allSatisfy(\.isLoopback), "pynetdicom listens on \(sockets)")
        #expect(try PynetdicomPeer.echoSCU(host: "127.0.0.1", port: peer.port, aet: "PYQRSCP") == 0)
        // The peer's storage SCP side takes a file, then holds it in --store.
        let sent = try PynetdicomPeer.storeSCU(host: "127.0.0.1", port: peer.port, aet: "PYQRSCP", files: Array(ArchiveTestData.samples.prefix(1)))
        #expect(sent.map(\.status) == [0])
        let stored = (try? FileManager.default.contentsOfDirectory(atPath: store.path)) ?? []
        #expect(stored.count == 1)
        peer.stop()
        #expect(!peer.acceptsConnections())
    }

    @Test func pynetdicomStoreSCUFillsOrthanc() throws {
        guard PynetdicomPeer.unavailableReason() == nil || ProcessInfo.processInfo.environment["MAMMOTERM_REQUIRE_ARCHIVE"] == "1" else {
            print("skipped: \(PynetdicomPeer.unavailableReason() ?? "")")
            return
        }
        try withOrthanc { server in
            let files = Array(ArchiveTestData.samples.prefix(4))
            let results = try PynetdicomPeer.storeSCU(host: "127.0.0.1", port: server.dicomPort, aet: server.aet, files: files)
            #expect(results.map(\.file) == files)
            #expect(results.allSatisfy { $0.status == 0 }, "\(results)")
            #expect(try server.instanceCount() == files.count)
            // Orthanc checks the called AE title.
            #expect(throws: TestServerError.self) {
                _ = try PynetdicomPeer.storeSCU(host: "127.0.0.1", port: server.dicomPort, aet: "NOTORTHANC", files: files)
            }
        }
    }
}
