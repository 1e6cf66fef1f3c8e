// Our Storage SCP against DCMTK's own `storescu` (an independent sender): images arrive in the
// spool and go to the sink; a non-image is refused with a failure status storescu reports; it
// answers C-ECHO, can insist on its AE title, stops when asked, and reports a busy port.
import Archive
import ArchiveTestSupport
import DICOM
import Foundation
import Testing

@Suite(.serialized)
struct StorageSCPTests {
    /// Runs an SCP on a thread for `body`, then stops it and waits.
    func withSCP(aeTitle: String = "MAMMOTERM", checkCalled: Bool = false, sink: RecordingSink, spool: String,
                 _ body: (Int, StorageSCP) throws -> Void) throws {
        let port = try FreePort.next()
        let events = EventLog()
        let scp = StorageSCP(port: port, aeTitle: aeTitle, spool: spool, sink: sink, checkCalledAETitle: checkCalled,
                             timeout: 5, onEvent: events.record)
        let stop = CancellationFlag()
        let done = DispatchSemaphore(value: 0)
        let failure = ErrorBox()
        Thread {
            do { try scp.run(stop: stop) } catch { failure.error = error }
            done.signal()
        }.start()
        let deadline = Date().addingTimeInterval(5)
        while !events.all.contains(where: { if case .listening = $0 { true } else { false } }) && Date() < deadline && failure.error == nil {
            usleep(10_000)
        }
        defer {
            stop.cancel()
            let stopped = Date()
            #expect(done.wait(timeout: .now() + 5) == .success, "the SCP stops when asked")
            #expect(Date().timeIntervalSince(stopped) < 3)
        }
        if let error = failure.error { throw error }
        try body(port, scp)
    }

    func storescu(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/storescu")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func receivesImagesFromStorescuAndRefusesANonImage() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/storescu"),
              FileManager.default.isExecutableFile(atPath: "/usr/bin/dcmodify") else {
            print("skipped: DCMTK's storescu/dcmodify are not installed")
            return
        }
        let spool = try DimseFixture.folder("scp-spool")
        let work = try DimseFixture.folder("scp-work")
        let images = DimseFixture.study(patient: "SYN-0002", date: "20251006")
        let image = try #require(images.first)
        // A copy without Pixel Data: the sink (DicomHeaderReader) refuses it as "not an image".
        let nonImage = work + "/no-pixels.dcm"
        try FileManager.default.copyItem(atPath: image.path, toPath: nonImage)
        let modify = Process()
        modify.executableURL = URL(fileURLWithPath: "/usr/bin/dcmodify")
        modify.arguments = ["-nb", "-ea", "(7fe0,0010)", "-ma", "(0008,0018)=2.25.999", nonImage]
        try modify.run()
        modify.waitUntilExit()
        #expect(modify.terminationStatus == 0)

        let sink = RecordingSink(library: try DimseFixture.folder("scp-library"))
        try withSCP(sink: sink, spool: spool) { port, scp in
            let sent = try storescu(["-xt", "-aec", "MAMMOTERM", "-aet", "MODALITY", "127.0.0.1", String(port)] + images.map(\.path))
            #expect(sent.status == 0, "\(sent.output)")
            #expect(sink.sops.sorted() == images.map(\.header.sopInstanceUID).sorted())
            let refused = try storescu(["-v", "-xt", "-aec", "MAMMOTERM", "127.0.0.1", String(port), nonImage])
            #expect(refused.output.lowercased().contains("0xc000") || refused.output.contains("Error: CannotUnderstand"),
                    "storescu reports the failure status: \(refused.output)")
            let counts = scp.counts
            #expect(counts.completed == images.count)
            #expect(counts.failed == 1)
            #expect(counts.failures.first?.hasPrefix("2.25.999: ") == true && counts.failures.first?.contains("Pixel Data") == true,
                    "\(counts.failures)")
            #expect(DimseFixture.contents(spool).isEmpty, "spool: \(DimseFixture.contents(spool))")
        }
    }

    @Test func answersEchoAndRejectsAnotherCalledAETitleWhenAskedTo() throws {
        let spool = try DimseFixture.folder("scp-spool")
        let sink = RecordingSink(library: spool)
        try withSCP(aeTitle: "MAMMOSCP", checkCalled: true, sink: sink, spool: spool) { port, _ in
            try DimseConnection(node: PacsNode(name: "self", host: "127.0.0.1", port: port, aet: "MAMMOSCP", timeout: 5)).echo()
            let wrong = DimseConnection(node: PacsNode(name: "self", host: "127.0.0.1", port: port, aet: "SOMEONE", timeout: 5))
            let error = #expect(throws: ArchiveError.self) { try wrong.echo() }
            #expect(error?.reason == "association rejected: called AE title not recognized (SOMEONE)")
        }
    }

    @Test func aBusyPortIsReported() throws {
        let silent = try SilentListener()
        let spool = try DimseFixture.folder("scp-spool")
        let scp = StorageSCP(port: silent.port, aeTitle: "MAMMOTERM", spool: spool, sink: RecordingSink(library: spool))
        let error = #expect(throws: ArchiveError.self) { try scp.run(stop: CancellationFlag()) }
        #expect(error?.operation == "listen")
        #expect(error?.reason.contains("\(silent.port)") == true, "\(String(describing: error))")
    }
}

final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [StorageEvent] = []
    var all: [StorageEvent] { lock.withLock { items } }
    func record(_ event: StorageEvent) { lock.withLock { items.append(event) } }
}

final class ErrorBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Error?
    var error: Error? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
