// DicomWebConnection against a real Orthanc 1.10 with its DICOMweb plugin (1.7), holding the
// bundled synthetic exams: echo, QIDO-RS by patient, date range and accession, series and
// instances, WADO-RS of a whole study (every instance once, bytes identical to the upload),
// resume with a subset, a refusing sink, cancel; STOW-RS into an empty Orthanc with a bad file.
// A missing Orthanc skips with a note (fails under MAMMOTERM_REQUIRE_ARCHIVE=1, in the harness).
@testable import Archive
import ArchiveTestSupport
import DICOM
import Foundation
import MammoCore
import Testing

/// One Orthanc with every sample, shared by the read-only tests (ends with the test process).
enum DicomWebSharedOrthanc {
    static let server: Result<OrthancServer, any Error> = Result {
        let server = try OrthancServer.start()
        try server.upload(ArchiveTestData.samples)
        return server
    }
}

/// The samples by study: SOP Instance UID -> path, read with the DICOM module.
enum DicomWebSamples {
    struct Study {
        var uid: String
        var patientID: String
        var date: String
        var accession: String
        var files: [String: String]  // SOP -> path
        var series: [String: String]  // SOP -> series UID
    }

    static let studies: [String: Study] = {
        var studies: [String: Study] = [:]
        for path in ArchiveTestData.samples {
            guard let header = try? DicomHeaderReader.read(path: path) else { continue }
            var study = studies[header.studyInstanceUID] ?? Study(
                uid: header.studyInstanceUID, patientID: header.patientID, date: header.studyDate,
                accession: header.accessionNumber, files: [:], series: [:])
            study.files[header.sopInstanceUID] = path
            study.series[header.sopInstanceUID] = header.seriesInstanceUID
            studies[header.studyInstanceUID] = study
        }
        return studies
    }()

    /// The first study of a patient with at least two studies (a prior and a current).
    static var someStudy: Study? { studies.values.sorted { $0.uid < $1.uid }.first { study in studies.values.filter { $0.patientID == study.patientID }.count >= 2 } }
}

/// A sink standing in for the library: takes files into its own folder, refuses what it is told to.
final class DicomWebTestSink: InstanceSink, @unchecked Sendable {
    let folder: URL
    private let refuse: @Sendable (String) -> String?
    private let after: @Sendable (Int) -> Void
    private let lock = NSLock()
    private var taken: [(sop: String, data: Data)] = []
    private var refusedPaths: [String] = []

    init(refuse: @escaping @Sendable (String) -> String? = { _ in nil }, after: @escaping @Sendable (Int) -> Void = { _ in }) {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("dw-library-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        self.refuse = refuse
        self.after = after
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    var received: [(sop: String, data: Data)] { lock.lock(); defer { lock.unlock() }; return taken }
    var refused: [String] { lock.lock(); defer { lock.unlock() }; return refusedPaths }

    func receive(file path: String) -> InstanceVerdict {
        let header: DicomHeader
        do { header = try DicomHeaderReader.read(path: path) } catch { return .refused("unreadable: \(error)") }
        // The spool name is final and the file complete by the time the sink sees it.
        if (path as NSString).lastPathComponent.hasPrefix(".") { return .refused("hidden temporary name \(path)") }
        if let reason = refuse(header.sopInstanceUID) {
            lock.lock(); refusedPaths.append(path); lock.unlock()
            return .refused(reason)
        }
        guard let data = FileManager.default.contents(atPath: path) else { return .refused("cannot read") }
        let destination = folder.appendingPathComponent("\(header.sopInstanceUID).dcm")
        do { try FileManager.default.moveItem(atPath: path, toPath: destination.path) } catch { return .refused("move: \(error)") }
        lock.lock()
        taken.append((header.sopInstanceUID, data))
        let count = taken.count
        lock.unlock()
        after(count)
        return .accepted
    }
}

/// Collects progress reports from any thread.
final class DicomWebProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [RetrieveProgress] = []
    var all: [RetrieveProgress] { lock.lock(); defer { lock.unlock() }; return items }
    var callback: @Sendable (RetrieveProgress) -> Void { { [self] item in lock.lock(); items.append(item); lock.unlock() } }
}

func dicomWebSpool() -> String {
    let spool = FileManager.default.temporaryDirectory.appendingPathComponent("dw-spool-\(UUID().uuidString)").path
    try? FileManager.default.createDirectory(atPath: spool, withIntermediateDirectories: true)
    return spool
}

func spoolContents(_ spool: String) -> [String] {
    (try? FileManager.default.contentsOfDirectory(atPath: spool))?.sorted() ?? []
}

struct DicomWebOrthancTests {
    /// The shared server's connection, or nil (with a note) when Orthanc is not installed.
    func connection(timeout: Double = 10) throws -> (DicomWebConnection, OrthancServer)? {
        switch DicomWebSharedOrthanc.server {
        case .success(let server):
            let node = PacsNode(name: "orthanc", host: "127.0.0.1", port: server.dicomPort, aet: server.aet,
                                dicomweb: server.dicomwebURL, connectTimeout: 2, timeout: timeout)
            return (try DicomWebConnection(node: node), server)
        case .failure(let error as OrthancServer.Unavailable):
            print("skipped: \(error.reason)")
            return nil
        case .failure(let error):
            throw error
        }
    }

    @Test func echoAnswersAndErrorsSayWhatHappened() throws {
        guard let (connection, server) = try connection() else { return }
        try connection.echo()

        let refusedPort = try FreePort.next()
        let refused = try DicomWebConnection(node: PacsNode(name: "gone", host: "127.0.0.1", port: 1, aet: "X",
                                                            dicomweb: URL(string: "http://127.0.0.1:\(refusedPort)/dicom-web")))
        let error = try #require(throws: ArchiveError.self) { try refused.echo() }
        #expect(error.reason == "cannot connect to 127.0.0.1:\(refusedPort) (connection refused)")
        #expect(error.operation == "QIDO-RS" && error.node == "gone")

        let wrongBase = try DicomWebConnection(node: PacsNode(name: "orthanc", host: "127.0.0.1", port: 1, aet: "X",
                                                              dicomweb: URL(string: "http://127.0.0.1:\(server.httpPort)/no-such-root/")))
        let notFound = try #require(throws: ArchiveError.self) { try wrongBase.echo() }
        #expect(notFound.reason.hasPrefix("HTTP 404 from http://127.0.0.1:\(server.httpPort)/no-such-root/studies: not a DICOMweb endpoint?"))

        #expect(throws: ArchiveError.self) { try DicomWebConnection(node: PacsNode(name: "x", host: "h", port: 1, aet: "X")) }
        #expect(throws: ArchiveError.self) {
            try DicomWebConnection(node: PacsNode(name: "x", host: "h", port: 1, aet: "X", dicomweb: URL(string: "ftp://h/dicom-web")))
        }
    }

    @Test func studiesAreFoundByPatientDateRangeAndAccession() throws {
        guard let (connection, _) = try connection() else { return }
        let study = try #require(DicomWebSamples.someStudy, "no sample study with a prior")
        let all = DicomWebSamples.studies.values

        let byPatient = try connection.findStudies(StudyQuery(patientID: study.patientID))
        #expect(Set(byPatient.map(\.studyInstanceUID)) == Set(all.filter { $0.patientID == study.patientID }.map(\.uid)))
        let found = try #require(byPatient.first { $0.studyInstanceUID == study.uid })
        #expect(found.patientID == study.patientID)
        #expect(found.studyDate == study.date)
        #expect(found.accessionNumber == study.accession)
        #expect(found.modalitiesInStudy == ["MG"])
        #expect(found.numberOfInstances == study.files.count)
        #expect(found.patientName == PrintableText.personName("SYNTH^PATIENT \(study.patientID.suffix(4))"))
        #expect(found.node == "orthanc")
        #expect(!found.studyDescription.isEmpty)
        #expect(found.patientBirthDate.count == 8)

        let range = "20250101-20250630"
        let byDate = try connection.findStudies(StudyQuery(studyDate: range))
        let expected = all.filter { $0.date >= "20250101" && $0.date <= "20250630" }.map(\.uid)
        #expect(!expected.isEmpty)
        #expect(Set(byDate.map(\.studyInstanceUID)) == Set(expected))
        let openEnded = try connection.findStudies(StudyQuery(studyDate: "20250101-"))
        #expect(Set(openEnded.map(\.studyInstanceUID)) == Set(all.filter { $0.date >= "20250101" }.map(\.uid)))

        let byAccession = try connection.findStudies(StudyQuery(accessionNumber: study.accession))
        #expect(byAccession.map(\.studyInstanceUID) == [study.uid])

        let everything = try connection.findStudies(StudyQuery())
        #expect(everything.count == all.count)
        // Query values that would break a naively built URL match nothing rather than everything.
        #expect(try connection.findStudies(StudyQuery(patientID: "\(study.patientID)&PatientID=*")).isEmpty)
        #expect(try connection.findStudies(StudyQuery(patientID: "NOBODY")).isEmpty)
        #expect(try connection.findStudies(StudyQuery(patientID: study.patientID, modality: "CT")).isEmpty)
    }

    @Test func seriesAndInstancesOfAStudy() throws {
        guard let (connection, _) = try connection() else { return }
        let study = try #require(DicomWebSamples.someStudy, "no sample study with a prior")
        let series = try connection.findSeries(studyInstanceUID: study.uid)
        #expect(Set(series.map(\.seriesInstanceUID)) == Set(study.series.values))
        #expect(series.allSatisfy { $0.studyInstanceUID == study.uid && $0.modality == "MG" })
        #expect(series.compactMap(\.numberOfInstances).reduce(0, +) == study.files.count)

        let instances = try connection.findInstances(studyInstanceUID: study.uid, seriesInstanceUID: nil)
        #expect(Set(instances.map(\.sopInstanceUID)) == Set(study.files.keys))
        #expect(instances.allSatisfy { $0.sopClassUID == "1.2.840.10008.5.1.4.1.1.1.2" && $0.instanceNumber != nil })
        #expect(instances.allSatisfy { study.series[$0.sopInstanceUID] == $0.seriesInstanceUID })

        let first = try #require(series.first)
        let ofSeries = try connection.findInstances(studyInstanceUID: study.uid, seriesInstanceUID: first.seriesInstanceUID)
        #expect(Set(ofSeries.map(\.sopInstanceUID)) == Set(study.series.filter { $0.value == first.seriesInstanceUID }.keys))

        #expect(try connection.findSeries(studyInstanceUID: "1.2.3.999").isEmpty)
        #expect(throws: ArchiveError.self) { try connection.findSeries(studyInstanceUID: "../../tools") }
    }

    @Test func aWholeStudyArrivesOnceEachBytesIdentical() throws {
        guard let (connection, _) = try connection() else { return }
        let study = try #require(DicomWebSamples.someStudy, "no sample study with a prior")
        let spool = dicomWebSpool()
        defer { try? FileManager.default.removeItem(atPath: spool) }
        let sink = DicomWebTestSink()
        let log = DicomWebProgressLog()
        let counts = try connection.retrieve(RetrieveRequest(studyInstanceUID: study.uid), spool: spool, sink: sink,
                                             progress: log.callback, cancel: CancellationFlag())
        #expect(counts.completed == study.files.count && counts.failed == 0)
        let received = sink.received
        #expect(received.map(\.sop).sorted() == study.files.keys.sorted())
        for (sop, data) in received {
            let original = study.files[sop].flatMap { FileManager.default.contents(atPath: $0) }
            #expect(data == original, "\(sop) differs from the uploaded file (transfer-syntax=* should give the stored bytes)")
        }
        #expect(counts.bytes == Int64(received.map(\.data.count).reduce(0, +)))
        #expect(log.all.map(\.completed) == Array(1...study.files.count))
        #expect(log.all.last?.remaining == 0)
        #expect(log.all.first?.remaining == study.files.count - 1)
        #expect(spoolContents(spool).isEmpty, "left in the spool: \(spoolContents(spool))")
    }

    @Test func resumeFetchesOnlyTheListedInstances() throws {
        guard let (connection, _) = try connection() else { return }
        let study = try #require(DicomWebSamples.someStudy, "no sample study with a prior")
        let all = try connection.findInstances(studyInstanceUID: study.uid, seriesInstanceUID: nil)
        let wanted = Array(all.sorted { $0.sopInstanceUID < $1.sopInstanceUID }.prefix(2))
        let missing = RemoteInstance(studyInstanceUID: study.uid, seriesInstanceUID: wanted[0].seriesInstanceUID, sopInstanceUID: "1.2.3.4.5")
        let spool = dicomWebSpool()
        defer { try? FileManager.default.removeItem(atPath: spool) }
        let sink = DicomWebTestSink()
        let log = DicomWebProgressLog()
        let counts = try connection.retrieve(RetrieveRequest(studyInstanceUID: study.uid, instances: wanted + [missing]), spool: spool,
                                             sink: sink, progress: log.callback, cancel: CancellationFlag())
        #expect(counts.completed == 2 && counts.failed == 1)
        #expect(sink.received.map(\.sop).sorted() == wanted.map(\.sopInstanceUID).sorted())
        #expect(counts.failures == ["1.2.3.4.5: not on the archive (HTTP 404)"])
        #expect(log.all.map(\.remaining) == [2, 1, 0])
        #expect(spoolContents(spool).isEmpty)
        let none = try connection.retrieve(RetrieveRequest(studyInstanceUID: study.uid, instances: []), spool: spool, sink: sink,
                                           progress: { _ in }, cancel: CancellationFlag())
        #expect(none == TransferCounts())
    }

    @Test func aRefusedInstanceIsCountedAndTheRestGoesOn() throws {
        guard let (connection, _) = try connection() else { return }
        let study = try #require(DicomWebSamples.someStudy, "no sample study with a prior")
        let refusedSOP = try #require(study.files.keys.sorted().first)
        let spool = dicomWebSpool()
        defer { try? FileManager.default.removeItem(atPath: spool) }
        let sink = DicomWebTestSink(refuse: { $0 == refusedSOP ? "not a mammogram\u{1B}[31m" : nil })
        let counts = try connection.retrieve(RetrieveRequest(studyInstanceUID: study.uid), spool: spool, sink: sink,
                                             progress: { _ in }, cancel: CancellationFlag())
        #expect(counts.completed == study.files.count - 1 && counts.failed == 1)
        #expect(counts.failures == ["\(refusedSOP): not a mammogram[31m"])
        #expect(sink.refused.count == 1)
        #expect(spoolContents(spool).isEmpty, "the refused file must be deleted: \(spoolContents(spool))")
        #expect(!sink.received.contains { $0.sop == refusedSOP })
    }

    @Test func cancelStopsAtTheNextInstanceAndLeavesNoPartialFile() throws {
        guard let (connection, _) = try connection() else { return }
        let study = try #require(DicomWebSamples.someStudy, "no sample study with a prior")
        let spool = dicomWebSpool()
        defer { try? FileManager.default.removeItem(atPath: spool) }
        let cancel = CancellationFlag()
        let sink = DicomWebTestSink(after: { count in if count == 1 { cancel.cancel() } })
        let error = try #require(throws: ArchiveError.self) {
            try connection.retrieve(RetrieveRequest(studyInstanceUID: study.uid), spool: spool, sink: sink,
                                    progress: { _ in }, cancel: cancel)
        }
        #expect(error.reason == "cancelled" && error.operation == "WADO-RS")
        #expect(sink.received.count == 1)
        #expect(spoolContents(spool).isEmpty, "left in the spool: \(spoolContents(spool))")

        let early = CancellationFlag()
        early.cancel()
        #expect(throws: ArchiveError.self) {
            try connection.retrieve(RetrieveRequest(studyInstanceUID: study.uid), spool: spool, sink: sink, progress: { _ in }, cancel: early)
        }
        #expect(sink.received.count == 1)
    }

    @Test func anUnknownStudyIsAClearError() throws {
        guard let (connection, _) = try connection() else { return }
        let spool = dicomWebSpool()
        defer { try? FileManager.default.removeItem(atPath: spool) }
        let error = try #require(throws: ArchiveError.self) {
            try connection.retrieve(RetrieveRequest(studyInstanceUID: "1.2.3.999"), spool: spool, sink: DicomWebTestSink(),
                                    progress: { _ in }, cancel: CancellationFlag())
        }
        #expect(error.reason.contains("HTTP 404") && error.reason.contains("study not on the archive"))
    }

    @Test func stowStoresEveryReadableFileInBatchesAndReportsTheBadOnes() throws {
        let server: OrthancServer
        do { server = try OrthancServer.start() } catch let unavailable as OrthancServer.Unavailable {
            print("skipped: \(unavailable.reason)")
            return
        }
        defer { server.stop() }
        let studies = DicomWebSamples.studies.values.sorted { $0.uid < $1.uid }.prefix(2)
        let files = studies.flatMap { $0.files.values.sorted() }
        let bad = ArchiveTestData.repositoryRoot.appendingPathComponent("samples/README.md").path
        let missing = "/nonexistent/\(UUID().uuidString).dcm"
        var connection = try DicomWebConnection(node: PacsNode(name: "orthanc", host: "127.0.0.1", port: server.dicomPort, aet: server.aet,
                                                               dicomweb: server.dicomwebURL, timeout: 20))
        connection.maximumBatchBytes = 700_000  // about two files a request: several batches
        let log = DicomWebProgressLog()
        let list = [files[0], bad] + files.dropFirst() + [missing]
        let counts = try connection.send(files: list, progress: log.callback, cancel: CancellationFlag())
        #expect(counts.completed == files.count)
        #expect(counts.failed == 2)
        #expect(counts.failures.contains { $0.hasPrefix("\(bad): not sent") })
        #expect(counts.failures.contains { $0.hasPrefix("\(missing): not sent") })
        #expect(try server.instanceCount() == files.count)
        #expect(log.all.last.map { $0.completed + $0.failed } == list.count)
        #expect(log.all.last?.remaining == 0)
        // What went up comes back down: QIDO sees the studies.
        let found = try connection.findStudies(StudyQuery())
        #expect(Set(found.map(\.studyInstanceUID)) == Set(studies.map(\.uid)))

        let cancel = CancellationFlag()
        cancel.cancel()
        #expect(throws: ArchiveError.self) { try connection.send(files: files, progress: { _ in }, cancel: cancel) }
    }

    /// Copies of the four benign CBIS-DDSM films (each its own study there) made one study of one patient with dcmodify; nil to skip.
    func oneStudyOfFilms(in folder: URL) throws -> (study: String, files: [String])? {
        let films = ArchiveTestData.cbisDDSM.filter { $0.contains("sfm-benign-0") }
        guard films.count == 4, FileManager.default.isExecutableFile(atPath: "/usr/bin/dcmodify") else {
            print("skipped: CBIS-DDSM films not in \(ArchiveTestData.testDataCache) (scripts/fetch-test-data.sh) or no dcmodify")
            return nil
        }
        let study = "2.25.\(UInt64.random(in: 1...UInt64.max))"
        var copies: [String] = []
        for film in films {
            let copy = folder.appendingPathComponent((film as NSString).lastPathComponent).path
            try FileManager.default.copyItem(atPath: film, toPath: copy)
            copies.append(copy)
        }
        let modify = Process()
        modify.executableURL = URL(fileURLWithPath: "/usr/bin/dcmodify")
        // One patient too: Orthanc keys a study by patient and study UID.
        modify.arguments = ["-nb", "-q", "-m", "(0020,000D)=\(study)", "-m", "(0010,0020)=CBIS-KILL-TEST"] + copies
        modify.standardOutput = FileHandle.nullDevice
        modify.standardError = FileHandle.nullDevice
        try modify.run()
        modify.waitUntilExit()
        guard modify.terminationStatus == 0 else { throw TestServerError("dcmodify failed: \(modify.terminationStatus)") }
        return (study, copies)
    }

    @Test func anArchiveKilledMidTransferLeavesTheFinishedInstancesAndNoPartialFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dw-films-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        guard let (studyUID, films) = try oneStudyOfFilms(in: folder) else { return }
        let server: OrthancServer
        do { server = try OrthancServer.start() } catch let unavailable as OrthancServer.Unavailable {
            print("skipped: \(unavailable.reason)")
            return
        }
        defer { server.stop() }
        try server.upload(films)
        let originals = Dictionary(uniqueKeysWithValues: try films.map { (try DicomHeaderReader.read(path: $0).sopInstanceUID, $0) })
        let connection = try DicomWebConnection(node: PacsNode(name: "orthanc", host: "127.0.0.1", port: server.dicomPort, aet: server.aet,
                                                               dicomweb: server.dicomwebURL, timeout: 10))
        let spool = dicomWebSpool()
        defer { try? FileManager.default.removeItem(atPath: spool) }
        // 10 to 14 MB a film: the kill after the first lands while the others are on the wire.
        let sink = DicomWebTestSink(after: { count in if count == 1 { server.kill() } })
        do {
            let counts = try connection.retrieve(RetrieveRequest(studyInstanceUID: studyUID), spool: spool, sink: sink,
                                                 progress: { _ in }, cancel: CancellationFlag())
            print("note: the whole study was already on its way when Orthanc was killed (\(counts.completed) instances)")
            #expect(counts.completed == films.count)
        } catch {
            #expect(error.operation == "WADO-RS")
            #expect(error.reason.contains("retry to resume"), "\(error)")
            #expect(sink.received.count >= 1 && sink.received.count < films.count)
        }
        for (sop, data) in sink.received {
            #expect(data == originals[sop].flatMap { FileManager.default.contents(atPath: $0) }, "\(sop) differs")
        }
        #expect(spoolContents(spool).isEmpty, "left in the spool: \(spoolContents(spool))")
    }
}
