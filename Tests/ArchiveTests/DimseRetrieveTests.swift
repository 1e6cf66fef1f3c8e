// Retrieval over DIMSE from a real Orthanc: a whole study by C-GET (every instance exactly once,
// complete files, no temporary file left), resume with listed instances, a sink refusal, cancel,
// the archive dying mid-transfer, and C-MOVE to our own Storage SCP.
import Archive
import ArchiveTestSupport
import DICOM
import Foundation
import Testing

@Suite(.serialized)
struct DimseRetrieveTests {
    static let patient = "SYN-0001"
    static let date = "20240317"

    var exam: [DimseFixture.Sample] { DimseFixture.study(patient: Self.patient, date: Self.date) }

    func noTemporaryFiles(_ spool: String) -> Bool {
        !DimseFixture.contents(spool).contains { $0.hasPrefix(".part") }
    }

    @Test func cGetFetchesAWholeStudyOnceEachIntoTheSpool() throws {
        guard let server = try DimseFixture.sharedServer() else { return }
        let spool = try DimseFixture.folder("spool")
        let library = try DimseFixture.folder("library")
        let sink = RecordingSink(library: library)
        let log = ProgressLog()
        let studyUID = try #require(exam.first?.header.studyInstanceUID)
        let counts = try DimseConnection(node: DimseFixture.node(server)).retrieve(
            RetrieveRequest(studyInstanceUID: studyUID), spool: spool, sink: sink, progress: log.record, cancel: CancellationFlag())
        #expect(counts.completed == exam.count)
        #expect(counts.failed == 0)
        #expect(sink.sops.sorted() == exam.map(\.header.sopInstanceUID).sorted())
        let expectedBytes = sink.paths.reduce(Int64(0)) { total, path in
            total + ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber ?? 0).int64Value
        }
        #expect(counts.bytes == expectedBytes)
        for path in sink.paths {
            let header = try DicomHeaderReader.read(path: path)
            #expect(header.studyInstanceUID == studyUID)
            #expect(header.hasFileMeta)
        }
        // Pixel data arrived whole: the received file decodes like the original.
        if let first = exam.first, let received = sink.paths.first(where: { $0.hasSuffix(first.header.sopInstanceUID + ".dcm") }) {
            let original = try DicomPixelReader.read(path: first.path)
            let copy = try DicomPixelReader.read(path: received)
            #expect(original.samples == copy.samples && original.width == copy.width)
        }
        #expect(DimseFixture.contents(spool).isEmpty, "spool: \(DimseFixture.contents(spool))")
        #expect(log.all.count >= exam.count)
        #expect(log.all.last(where: { !$0.sopInstanceUID.isEmpty })?.completed == exam.count)
    }

    @Test func resumeFetchesOnlyTheListedInstances() throws {
        guard let server = try DimseFixture.sharedServer() else { return }
        let spool = try DimseFixture.folder("spool")
        let sink = RecordingSink(library: try DimseFixture.folder("library"))
        let wanted = exam.prefix(2).map { sample in
            RemoteInstance(studyInstanceUID: sample.header.studyInstanceUID, seriesInstanceUID: sample.header.seriesInstanceUID,
                           sopInstanceUID: sample.header.sopInstanceUID)
        }
        let log = ProgressLog()
        let counts = try DimseConnection(node: DimseFixture.node(server)).retrieve(
            RetrieveRequest(studyInstanceUID: try #require(wanted.first?.studyInstanceUID), instances: Array(wanted)),
            spool: spool, sink: sink, progress: log.record, cancel: CancellationFlag())
        #expect(counts.completed == 2 && counts.failed == 0)
        #expect(sink.sops.sorted() == wanted.map(\.sopInstanceUID).sorted())
        #expect(log.all.contains { $0.remaining == 0 && $0.completed == 2 })
        #expect(noTemporaryFiles(spool))
    }

    @Test func anInstanceTheSinkRefusesIsCountedFailedAndTheRestArrives() throws {
        guard let server = try DimseFixture.sharedServer() else { return }
        let spool = try DimseFixture.folder("spool")
        let refusedUID = try #require(exam.first?.header.sopInstanceUID)
        let sink = RecordingSink(library: try DimseFixture.folder("library"),
                                 refuse: { $0.sopInstanceUID == refusedUID ? "not wanted here" : nil })
        let counts = try DimseConnection(node: DimseFixture.node(server)).retrieve(
            RetrieveRequest(studyInstanceUID: try #require(exam.first?.header.studyInstanceUID)), spool: spool, sink: sink,
            progress: { _ in }, cancel: CancellationFlag())
        #expect(counts.completed == exam.count - 1)
        #expect(counts.failed == 1)
        #expect(counts.failures == ["\(refusedUID): not wanted here"])
        #expect(!sink.sops.contains(refusedUID))
        #expect(DimseFixture.contents(spool).isEmpty, "the refused file is deleted: \(DimseFixture.contents(spool))")
    }

    @Test func cancelStopsAtTheNextInstance() throws {
        guard let server = try DimseFixture.sharedServer() else { return }
        let spool = try DimseFixture.folder("spool")
        let cancel = CancellationFlag()
        let sink = RecordingSink(library: try DimseFixture.folder("library"), onArrival: { _ in cancel.cancel() })
        let connection = DimseConnection(node: DimseFixture.node(server))
        let error = #expect(throws: ArchiveError.self) {
            _ = try connection.retrieve(RetrieveRequest(studyInstanceUID: try #require(exam.first?.header.studyInstanceUID)),
                                        spool: spool, sink: sink, progress: { _ in }, cancel: cancel)
        }
        #expect(error?.reason == "cancelled")
        #expect(error?.operation == "C-GET")
        #expect(sink.sops.count == 1)
        #expect(noTemporaryFiles(spool))
        // The archive is fine afterwards.
        try connection.echo()
    }

    @Test func anArchiveDyingMidTransferIsAClearErrorAndLeavesNoPartialFile() throws {
        guard let server = try DimseFixture.freshServer() else { return }
        defer { server.stop() }
        try server.upload(exam.map(\.path))
        let spool = try DimseFixture.folder("spool")
        let sink = RecordingSink(library: try DimseFixture.folder("library"), onArrival: { count in
            if count == 1 { server.kill() }
        })
        let connection = DimseConnection(node: DimseFixture.node(server, timeout: 5))
        let error = #expect(throws: ArchiveError.self) {
            _ = try connection.retrieve(RetrieveRequest(studyInstanceUID: try #require(exam.first?.header.studyInstanceUID)),
                                        spool: spool, sink: sink, progress: { _ in }, cancel: CancellationFlag())
        }
        #expect(error?.reason.hasPrefix("the archive ended the association after 1 ") == true, "\(String(describing: error))")
        print("archive killed: \(error.map(\.description) ?? "-")")
        #expect(DimseFixture.contents(spool).isEmpty, "spool: \(DimseFixture.contents(spool))")
    }

    @Test func cMoveSendsTheStudyToOurStorageSCP() throws {
        guard let server = try DimseFixture.sharedServer() else { return }
        let port = try FreePort.next()
        try server.addModality(PacsNode.defaultCallingAET, port: port)
        let spool = try DimseFixture.folder("spool")
        let sink = RecordingSink(library: try DimseFixture.folder("library"))
        let node = DimseFixture.node(server, storagePort: port)
        let connection = DimseConnection(node: node, retrieveMode: .cmove)
        let counts = try connection.retrieve(RetrieveRequest(studyInstanceUID: try #require(exam.first?.header.studyInstanceUID)),
                                             spool: spool, sink: sink, progress: { _ in }, cancel: CancellationFlag())
        #expect(counts.completed == exam.count && counts.failed == 0)
        #expect(sink.sops.sorted() == exam.map(\.header.sopInstanceUID).sorted())
        #expect(DimseFixture.contents(spool).isEmpty)
        // Resume by C-MOVE, and the SCP's port is free again after each retrieve.
        let one = try #require(exam.last)
        let again = try connection.retrieve(
            RetrieveRequest(studyInstanceUID: one.header.studyInstanceUID,
                            instances: [RemoteInstance(studyInstanceUID: one.header.studyInstanceUID,
                                                       seriesInstanceUID: one.header.seriesInstanceUID,
                                                       sopInstanceUID: one.header.sopInstanceUID)]),
            spool: spool, sink: sink, progress: { _ in }, cancel: CancellationFlag())
        #expect(again.completed == 1)
    }

    @Test func cMoveToAnUnknownDestinationSaysSo() throws {
        guard let server = try DimseFixture.sharedServer() else { return }
        var node = DimseFixture.node(server, storagePort: try FreePort.next())
        node.callingAET = "NOTREGISTERED"
        let spool = try DimseFixture.folder("spool")
        let error = #expect(throws: ArchiveError.self) {
            _ = try DimseConnection(node: node, retrieveMode: .cmove).retrieve(
                RetrieveRequest(studyInstanceUID: try #require(exam.first?.header.studyInstanceUID)), spool: spool,
                sink: RecordingSink(library: spool), progress: { _ in }, cancel: CancellationFlag())
        }
        #expect(error?.operation == "C-MOVE")
        #expect(error?.reason.isEmpty == false, "\(String(describing: error))")
        print("unknown destination: \(error.map(\.description) ?? "-")")
    }
}
