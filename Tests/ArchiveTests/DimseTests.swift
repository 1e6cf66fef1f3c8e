// DimseConnection against a real Orthanc (1.10) on loopback: echo, the ways an association
// fails (rejected AE title, unknown host, refused port, silence), C-FIND at each level, and
// C-STORE sending. Retrieval is in DimseRetrieveTests. Orthanc missing: skipped with a note,
// unless MAMMOTERM_REQUIRE_ARCHIVE=1.
import Archive
import ArchiveTestSupport
import DICOM
import Foundation
import Testing

@Suite(.serialized)
struct DimseTests {
    @Test func echoAnswers() throws {
        guard let server = try DimseFixture.sharedServer() else { return }
        try DimseConnection(node: DimseFixture.node(server)).echo()
    }

    @Test func aWrongCalledAETitleIsRejectedWithTheReason() throws {
        guard let server = try DimseFixture.sharedServer() else { return }
        let connection = DimseConnection(node: DimseFixture.node(server, aet: "ORTHANCX"))
        let error = #expect(throws: ArchiveError.self) { try connection.echo() }
        #expect(error?.description == "orthanc: C-ECHO failed: association rejected: called AE title not recognized (ORTHANCX)")
        let find = #expect(throws: ArchiveError.self) { _ = try connection.findStudies(StudyQuery()) }
        #expect(find?.operation == "C-FIND")
        #expect(find?.reason.hasPrefix("association rejected: called AE title not recognized") == true)
    }

    @Test func anUnknownHostIsNamed() {
        let node = PacsNode(name: "far", host: "nosuch.invalid", port: 104, aet: "X", connectTimeout: 2, timeout: 2)
        let error = #expect(throws: ArchiveError.self) { try DimseConnection(node: node).echo() }
        #expect(error?.reason == "unknown host nosuch.invalid")
    }

    @Test func aPortNobodyListensOnIsRefused() throws {
        let port = try FreePort.next()
        let node = PacsNode(name: "", host: "127.0.0.1", port: port, aet: "X", connectTimeout: 2, timeout: 2)
        let error = #expect(throws: ArchiveError.self) { try DimseConnection(node: node).echo() }
        #expect(error?.description == "127.0.0.1:\(port): C-ECHO failed: cannot connect to 127.0.0.1:\(port) (connection refused)")
    }

    @Test func aPeerThatNeverAnswersTimesOut() throws {
        let silent = try SilentListener()
        let node = PacsNode(name: "mute", host: "127.0.0.1", port: silent.port, aet: "X", connectTimeout: 1, timeout: 1)
        let started = Date()
        let error = #expect(throws: ArchiveError.self) { try DimseConnection(node: node).echo() }
        #expect(error?.reason.hasPrefix("no response within 1 s") == true, "\(String(describing: error))")
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test func findStudiesByPatientDateRangeAndAccession() throws {
        guard let server = try DimseFixture.sharedServer() else { return }
        let connection = DimseConnection(node: DimseFixture.node(server))
        let byPatient = try connection.findStudies(StudyQuery(patientID: "SYN-0001"))
        #expect(Set(byPatient.map(\.studyDate)) == ["20240317", "20250506"])
        for study in byPatient {
            #expect(study.patientID == "SYN-0001")
            #expect(study.modalitiesInStudy == ["MG"])
            #expect(study.numberOfInstances == 4)
            #expect(!study.studyInstanceUID.isEmpty)
        }
        let expectedUID = DimseFixture.study(patient: "SYN-0001", date: "20250506").first?.header.studyInstanceUID
        let inRange = try connection.findStudies(StudyQuery(patientID: "SYN-0001", studyDate: "20250101-20251231"))
        #expect(inRange.map(\.studyInstanceUID) == [expectedUID].compactMap { $0 })
        let byAccession = try connection.findStudies(StudyQuery(accessionNumber: "SYN0001P"))
        #expect(byAccession.count == 1)
        #expect(byAccession.first?.studyDate == "20240317")
        let all = try connection.findStudies(StudyQuery())
        let sampleStudies = Set(DimseFixture.samples.map(\.header.studyInstanceUID))
        #expect(Set(all.map(\.studyInstanceUID)) == sampleStudies)
        #expect(try connection.findStudies(StudyQuery(patientID: "NOBODY")).isEmpty)
        #expect(try connection.findStudies(StudyQuery(patientID: "SYN-0001", modality: "CT")).isEmpty)
    }

    @Test func findSeriesAndInstancesOfAStudy() throws {
        guard let server = try DimseFixture.sharedServer() else { return }
        let connection = DimseConnection(node: DimseFixture.node(server))
        let exam = DimseFixture.study(patient: "SYN-0002", date: "20251006")
        let studyUID = try #require(exam.first?.header.studyInstanceUID)
        let series = try connection.findSeries(studyInstanceUID: studyUID)
        #expect(Set(series.map(\.seriesInstanceUID)) == Set(exam.map(\.header.seriesInstanceUID)))
        #expect(series.allSatisfy { $0.modality == "MG" && $0.studyInstanceUID == studyUID })
        let instances = try connection.findInstances(studyInstanceUID: studyUID, seriesInstanceUID: nil)
        #expect(Set(instances.map(\.sopInstanceUID)) == Set(exam.map(\.header.sopInstanceUID)))
        #expect(instances.count == exam.count)
        #expect(instances.allSatisfy { $0.sopClassUID == "1.2.840.10008.5.1.4.1.1.1.2" && $0.studyInstanceUID == studyUID })
        let firstSeries = try #require(series.first)
        let inOne = try connection.findInstances(studyInstanceUID: studyUID, seriesInstanceUID: firstSeries.seriesInstanceUID)
        #expect(!inOne.isEmpty && inOne.allSatisfy { $0.seriesInstanceUID == firstSeries.seriesInstanceUID })
    }

    @Test func sendStoresFilesAndReportsAnUnreadableOne() throws {
        guard let server = try DimseFixture.freshServer() else { return }
        defer {
            server.kill()  // nothing to keep: SIGKILL spares the 3-5 s of a graceful stop
            server.stop()
        }
        let folder = try DimseFixture.folder("send")
        let junk = folder + "/junk.dcm"
        try Data("not a DICOM file".utf8).write(to: URL(fileURLWithPath: junk))
        let files = DimseFixture.study(patient: "SYN-0002", date: "20251006").map(\.path)
        let log = ProgressLog()
        let counts = try DimseConnection(node: DimseFixture.node(server)).send(files: files + [junk], progress: log.record,
                                                                               cancel: CancellationFlag())
        #expect(counts.completed == files.count)
        #expect(counts.failed == 1)
        #expect(counts.failures.first?.contains("junk.dcm") == true)
        #expect(counts.bytes > 0)
        #expect(try server.instanceCount() == files.count)
        #expect(log.all.last?.completed == files.count)
    }
}
