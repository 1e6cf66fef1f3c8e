// DicomWebConnection against a local HTTP server that misbehaves on purpose: a WADO-RS answer
// cut off mid-part (with and without Content-Length, as when the archive is killed), a server
// that never answers, hostile error bodies, an endpoint that is not DICOMweb, and crafted
// STOW-RS answers with failed and missing instances.
@testable import Archive
import ArchiveTestSupport
import Foundation
import Testing

struct DicomWebFaultTests {
    func connection(_ server: DicomWebTestHTTPServer, timeout: Double = 5) throws -> DicomWebConnection {
        try DicomWebConnection(node: PacsNode(name: "fake", host: "127.0.0.1", port: 1, aet: "X", dicomweb: server.baseURL,
                                              connectTimeout: 1, timeout: timeout))
    }

    /// Two sample files of one study, for bodies the fake server sends.
    var twoFiles: [Data]? {
        guard let study = DicomWebSamples.someStudy else { return nil }
        let paths = study.files.values.sorted().prefix(2)
        let data = paths.compactMap { FileManager.default.contents(atPath: $0) }
        return data.count == 2 ? data : nil
    }

    /// A multipart body of the files; the second cut to half when `cut`.
    static func multipart(_ files: [Data], boundary: String, cut: Bool) -> Data {
        var body = Data()
        for (index, file) in files.enumerated() {
            body += Data("--\(boundary)\r\nContent-Type: application/dicom\r\nContent-Length: \(file.count)\r\n\r\n".utf8)
            if cut && index == files.count - 1 { body += file.prefix(file.count / 2); return body }
            body += file + Data("\r\n".utf8)
        }
        body += Data("--\(boundary)--\r\n".utf8)
        return body
    }

    @Test(arguments: [false, true])
    func aTruncatedResponseKeepsTheCompletedInstancesAndLeavesNoPartialFile(declaredLength: Bool) throws {
        let files = try #require(twoFiles, "samples/ missing")
        let boundary = "cut-\(UUID().uuidString)"
        let whole = Self.multipart(files, boundary: boundary, cut: false)
        let sent = Self.multipart(files, boundary: boundary, cut: true)
        let server = try DicomWebTestHTTPServer { request, connection in
            guard request.target.contains("/studies/1.2.3/") || request.target.hasSuffix("/studies/1.2.3") else {
                connection.send("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n")  // the QIDO count: none
                return
            }
            var head = "HTTP/1.1 200 OK\r\nContent-Type: multipart/related; type=\"application/dicom\"; boundary=\(boundary)\r\n"
            // Content-Length of the whole body (curl sees the short read) or none (the close ends the body).
            head += declaredLength ? "Content-Length: \(whole.count)\r\n" : "Connection: close\r\n"
            connection.send(head + "\r\n")
            connection.send(sent)
        }
        defer { server.stop() }
        let spool = dicomWebSpool()
        defer { try? FileManager.default.removeItem(atPath: spool) }
        let sink = DicomWebTestSink()
        let log = DicomWebProgressLog()
        let error = try #require(throws: ArchiveError.self) {
            try connection(server).retrieve(RetrieveRequest(studyInstanceUID: "1.2.3"), spool: spool, sink: sink,
                                            progress: log.callback, cancel: CancellationFlag())
        }
        #expect(error.operation == "WADO-RS")
        #expect(error.reason.contains("after 1 instance(s); retry to resume"), "\(error)")
        if !declaredLength { #expect(error.reason.contains("truncated"), "\(error)") }
        #expect(sink.received.count == 1)
        #expect(sink.received.first?.data == files[0])
        #expect(log.all.count == 1 && log.all.first?.remaining == nil)
        #expect(spoolContents(spool).isEmpty, "left in the spool: \(spoolContents(spool))")
    }

    @Test func aPartShorterThanItsContentLengthIsRefusedNotHandedOn() throws {
        let files = try #require(twoFiles, "samples/ missing")
        let boundary = "short"
        var body = Data("--\(boundary)\r\nContent-Type: application/dicom\r\nContent-Length: \(files[0].count + 10)\r\n\r\n".utf8)
        body += files[0] + Data("\r\n--\(boundary)\r\nContent-Type: application/dicom\r\n\r\n".utf8) + files[1]
        body += Data("\r\n--\(boundary)--\r\n".utf8)
        let sent = body
        let server = try DicomWebTestHTTPServer { request, connection in
            guard request.target.contains("/studies/1.2.3") else {
                connection.send("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n")
                return
            }
            connection.send("HTTP/1.1 200 OK\r\nContent-Type: multipart/related; boundary=\(boundary)\r\nContent-Length: \(sent.count)\r\n\r\n")
            connection.send(sent)
        }
        defer { server.stop() }
        let spool = dicomWebSpool()
        defer { try? FileManager.default.removeItem(atPath: spool) }
        let sink = DicomWebTestSink()
        let counts = try connection(server).retrieve(RetrieveRequest(studyInstanceUID: "1.2.3"), spool: spool, sink: sink,
                                                     progress: { _ in }, cancel: CancellationFlag())
        #expect(counts.completed == 1 && counts.failed == 1)
        #expect(counts.failures.first?.contains("Content-Length said \(files[0].count + 10)") == true)
        #expect(sink.received.map(\.data) == [files[1]])
        #expect(spoolContents(spool).isEmpty)
        // The Accept header asks for the stored transfer syntax.
        let wado = server.received.first { $0.target.hasSuffix("/studies/1.2.3") }
        #expect(wado?.headers["accept"] == #"multipart/related; type="application/dicom"; transfer-syntax=*"#)
    }

    @Test func aServerThatNeverAnswersTimesOut() throws {
        let server = try DicomWebTestHTTPServer { _, _ in
            let until = Date().addingTimeInterval(8)
            while Date() < until { usleep(50_000) }
        }
        defer { server.stop() }
        let started = Date()
        let error = try #require(throws: ArchiveError.self) { try connection(server, timeout: 1).echo() }
        #expect(error.reason.hasPrefix("no response within 1 s"), "\(error)")
        #expect(Date().timeIntervalSince(started) < 6)
    }

    @Test func aStalledTransferCanBeCancelled() throws {
        let server = try DicomWebTestHTTPServer { request, connection in
            guard request.target.contains("/studies/1.2.3") else {
                connection.send("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n")
                return
            }
            connection.send("HTTP/1.1 200 OK\r\nContent-Type: multipart/related; boundary=b\r\nConnection: close\r\n\r\n--b\r\n\r\nDICM")
            let until = Date().addingTimeInterval(8)
            while Date() < until { usleep(50_000) }
        }
        defer { server.stop() }
        let spool = dicomWebSpool()
        defer { try? FileManager.default.removeItem(atPath: spool) }
        let cancel = CancellationFlag()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) { cancel.cancel() }
        let started = Date()
        let error = try #require(throws: ArchiveError.self) {
            try connection(server, timeout: 20).retrieve(RetrieveRequest(studyInstanceUID: "1.2.3"), spool: spool, sink: DicomWebTestSink(),
                                                         progress: { _ in }, cancel: cancel)
        }
        #expect(error.reason == "cancelled")
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(spoolContents(spool).isEmpty, "left in the spool: \(spoolContents(spool))")
    }

    @Test func errorBodiesAreCleanedAndCutShort() throws {
        let hostile = "\u{1B}]0;pwned\u{07}\u{1B}[2J" + String(repeating: "overflow ", count: 200)
        let server = try DicomWebTestHTTPServer { _, connection in
            connection.send("HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain\r\nContent-Length: \(hostile.utf8.count)\r\n\r\n\(hostile)")
        }
        defer { server.stop() }
        let error = try #require(throws: ArchiveError.self) { try connection(server).findStudies(StudyQuery(patientID: "P")) }
        #expect(error.reason.hasPrefix("HTTP 500 from http://127.0.0.1:\(server.port)/dicom-web/studies: archive-side error ("))
        #expect(!error.description.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
        #expect(error.reason.count < 320)
        #expect(!error.reason.contains("PatientID"), "query strings (patient IDs) stay out of messages")
    }

    @Test func anEndpointThatAnswersHTMLIsNotDICOMweb() throws {
        let server = try DicomWebTestHTTPServer { _, connection in
            let page = "<html><body>Welcome</body></html>"
            connection.send("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: \(page.utf8.count)\r\n\r\n\(page)")
        }
        defer { server.stop() }
        let error = try #require(throws: ArchiveError.self) { try connection(server).echo() }
        #expect(error.reason.contains("not DICOM JSON"), "\(error)")
        let query = try #require(throws: ArchiveError.self) { try connection(server).findStudies(StudyQuery()) }
        #expect(query.reason.contains("not DICOM JSON"), "\(query)")
    }

    @Test func queriesCarryTheFiltersPercentEncoded() throws {
        let server = try DicomWebTestHTTPServer { _, connection in
            connection.send("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n")
        }
        defer { server.stop() }
        let found = try connection(server).findStudies(StudyQuery(patientID: "A&B=C+D", studyDate: "20230101-20240630", accessionNumber: "ACC 1"))
        #expect(found.isEmpty)
        let target = try #require(server.received.first?.target)
        #expect(target.hasPrefix("/dicom-web/studies?"))
        #expect(target.contains("ModalitiesInStudy=MG"))
        #expect(target.contains("PatientID=A%26B%3DC%2BD"))
        #expect(target.contains("StudyDate=20230101-20240630"))
        #expect(target.contains("AccessionNumber=ACC%201"))
        #expect(target.contains("includefield=00081030,00100030,00080061,00201208"))
        #expect(server.received.first?.headers["accept"] == "application/dicom+json")
    }

    @Test func stowAnswersMarkEachFileStoredOrFailedWithItsReason() throws {
        let study = try #require(DicomWebSamples.someStudy, "samples/ missing")
        let sops = study.files.keys.sorted()
        let paths = sops.compactMap { study.files[$0] }
        // Stored: the first; failed with out of resources: the second; the others not mentioned.
        let answer = """
        {"00081199": {"vr": "SQ", "Value": [{"00081155": {"vr": "UI", "Value": ["\(sops[0])"]}}]},
         "00081198": {"vr": "SQ", "Value": [{"00081155": {"vr": "UI", "Value": ["\(sops[1])"]},
                                            "00081197": {"vr": "US", "Value": [42752]}}]}}
        """
        let server = try DicomWebTestHTTPServer { request, connection in
            connection.send("HTTP/1.1 202 Accepted\r\nContent-Type: application/dicom+json\r\nContent-Length: \(answer.utf8.count)\r\n\r\n\(answer)")
        }
        defer { server.stop() }
        let counts = try connection(server).send(files: paths, progress: { _ in }, cancel: CancellationFlag())
        #expect(counts.completed == 1)
        #expect(counts.failed == paths.count - 1)
        #expect(counts.failures.contains("\(sops[1]): refused: out of resources (0xA700)"))
        #expect(counts.failures.contains { $0.hasPrefix("\(sops[2]): not stored (HTTP 202") })
        let post = try #require(server.received.first)
        #expect(post.method == "POST" && post.target == "/dicom-web/studies")
        let type = MediaType(post.headers["content-type"] ?? "")
        #expect(type?.type == "multipart/related" && type?.parameters["type"] == "application/dicom")
        #expect(DicomWebTestHTTPServer.parts(of: post) == paths.compactMap { FileManager.default.contents(atPath: $0) })
    }

    @Test func stowToSomethingThatIsNotDICOMwebThrows() throws {
        let study = try #require(DicomWebSamples.someStudy, "samples/ missing")
        let server = try DicomWebTestHTTPServer { _, connection in
            connection.send("HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 9\r\n\r\nnot found")
        }
        defer { server.stop() }
        let error = try #require(throws: ArchiveError.self) {
            try connection(server).send(files: Array(study.files.values), progress: { _ in }, cancel: CancellationFlag())
        }
        #expect(error.operation == "STOW-RS" && error.reason.hasPrefix("HTTP 404 from"), "\(error)")
    }

    @Test func aRetrieveFromAnArchiveThatIsDownSaysSoOnce() throws {
        let port = try FreePort.next()
        let connection = try DicomWebConnection(node: PacsNode(name: "down", host: "127.0.0.1", port: 1, aet: "X",
                                                               dicomweb: URL(string: "http://127.0.0.1:\(port)/dicom-web")))
        let spool = dicomWebSpool()
        defer { try? FileManager.default.removeItem(atPath: spool) }
        for request in [RetrieveRequest(studyInstanceUID: "1.2.3"),
                        RetrieveRequest(studyInstanceUID: "1.2.3", instances: [RemoteInstance(studyInstanceUID: "1.2.3", seriesInstanceUID: "1.2.4", sopInstanceUID: "1.2.5")])] {
            let error = try #require(throws: ArchiveError.self) {
                try connection.retrieve(request, spool: spool, sink: DicomWebTestSink(), progress: { _ in }, cancel: CancellationFlag())
            }
            #expect(error.description == "down: WADO-RS failed: cannot connect to 127.0.0.1:\(port) (connection refused)")
        }
        let send = try #require(throws: ArchiveError.self) {
            try connection.send(files: Array(try #require(DicomWebSamples.someStudy).files.values), progress: { _ in }, cancel: CancellationFlag())
        }
        #expect(send.description == "down: STOW-RS failed: cannot connect to 127.0.0.1:\(port) (connection refused)")
        #expect(spoolContents(spool).isEmpty)
    }
}
