// The multipart/related reader and writer on crafted bodies: every chunking (a boundary split
// across reads), quoted boundaries, preambles and epilogues, empty parts, and bodies cut short.
@testable import Archive
import Foundation
import Testing

struct DicomWebMultipartTests {
    struct Part: Equatable {
        var headers: [String: String]
        var body: Data
    }

    /// Feeds `body` in chunks of `chunk` bytes; returns the parts, whether they ended, and finish()'s error.
    func read(_ body: Data, boundary: String, chunk: Int) throws -> (parts: [Part], complete: Bool) {
        var reader = MultipartReader(boundary: boundary)
        var parts: [Part] = []
        var open = false
        var offset = 0
        while offset < body.count {
            let piece = body.subdata(in: offset..<min(body.count, offset + chunk))
            offset += piece.count
            try reader.feed(piece) { event in
                switch event {
                case .partBegan(let headers):
                    #expect(!open, "a part began before the previous ended")
                    parts.append(Part(headers: headers, body: Data()))
                    open = true
                case .partData(let data):
                    #expect(open)
                    parts[parts.count - 1].body.append(data)
                case .partEnded:
                    #expect(open)
                    open = false
                }
            }
        }
        try reader.finish()
        return (parts, reader.isComplete)
    }

    static let first = Data("DICM first part with \r\n--not-the-boundary and \r\n-- inside".utf8)
    static let second = Data((0..<3000).map { UInt8(truncatingIfNeeded: $0 &* 7) })

    func body(boundary: String, preamble: String = "", epilogue: String = "", close: Bool = true) -> Data {
        var body = Data(preamble.utf8)
        body += Data("--\(boundary)\r\nContent-Type: application/dicom\r\nContent-Length: \(Self.first.count)\r\n\r\n".utf8)
        body += Self.first
        body += Data("\r\n--\(boundary)  \r\ncontent-type:application/dicom\r\n\r\n".utf8)  // transport padding, lower-case name
        body += Self.second
        if close { body += Data("\r\n--\(boundary)--\(epilogue)".utf8) }
        return body
    }

    @Test(arguments: [1, 2, 3, 7, 16, 61, 100_000])
    func partsComeOutWholeWhateverTheChunking(chunk: Int) throws {
        let (parts, complete) = try read(body(boundary: "b0und", preamble: "ignored preamble\r\n", epilogue: "\r\nepilogue"),
                                         boundary: "b0und", chunk: chunk)
        #expect(complete)
        #expect(parts.map(\.body) == [Self.first, Self.second])
        #expect(parts[0].headers["content-type"] == "application/dicom")
        #expect(parts[0].headers["content-length"] == "\(Self.first.count)")
        #expect(parts[1].headers["content-type"] == "application/dicom")
    }

    @Test func aBodyStartingWithTheDelimiterAndOneWithoutAPreambleLineBothWork() throws {
        let direct = try read(body(boundary: "x"), boundary: "x", chunk: 5)
        #expect(direct.parts.count == 2)
        let noHeaders = Data("--x\r\n\r\nabc\r\n--x--".utf8)
        let parts = try read(noHeaders, boundary: "x", chunk: 1).parts
        #expect(parts == [Part(headers: [:], body: Data("abc".utf8))])
        let empty = try read(Data("--x\r\nA: b\r\n\r\n\r\n--x--\r\n".utf8), boundary: "x", chunk: 2).parts
        #expect(empty == [Part(headers: ["a": "b"], body: Data())])
    }

    @Test func aMissingFinalBoundaryIsTruncationNotSuccess() throws {
        let cut = body(boundary: "b", close: false)
        #expect(throws: MultipartError.self) { try read(cut, boundary: "b", chunk: 64) }
        // Cut inside the first part: that part never ends, and finish() says so.
        var reader = MultipartReader(boundary: "b")
        var ended = 0
        try reader.feed(cut.prefix(80)) { if case .partEnded = $0 { ended += 1 } }
        #expect(ended == 0)
        #expect(throws: MultipartError.self) { try reader.finish() }
        // Nothing at all, or no boundary anywhere.
        #expect(throws: MultipartError.self) { try MultipartReader(boundary: "b").finish() }
        #expect(throws: MultipartError.self) { try read(Data("<html>gateway timeout</html>".utf8), boundary: "b", chunk: 4) }
        // A whole part followed by the end of the body: the part is reported, the body still fails.
        var one = MultipartReader(boundary: "b")
        var parts = 0
        try one.feed(Data("--b\r\n\r\nabc\r\n--b\r\n".utf8)) { if case .partEnded = $0 { parts += 1 } }
        #expect(parts == 1)
        #expect(throws: MultipartError.self) { try one.finish() }
    }

    @Test func garbageAfterABoundaryOnItsLineIsAnError() {
        #expect(throws: MultipartError.self) { try read(Data("--b\r\n\r\nabc\r\n--bXYZ\r\n\r\n--b--".utf8), boundary: "b", chunk: 3) }
    }

    @Test func boundariesAreTakenFromContentTypeQuotedOrNot() throws {
        let quoted = MediaType(#"multipart/related; type="application/dicom"; boundary="a; b=\"c\"""#)
        #expect(quoted?.type == "multipart/related")
        #expect(quoted?.parameters["type"] == "application/dicom")
        #expect(quoted?.parameters["boundary"] == #"a; b="c""#)
        let plain = MediaType("Multipart/Related;BOUNDARY=abc-123 ; type=application/dicom")
        #expect(plain?.type == "multipart/related")
        #expect(plain?.parameters["boundary"] == "abc-123")
        #expect(MediaType("") == nil)
        #expect(MediaType("; boundary=x") == nil)

        let boundary = #"a; b="c""#
        let body = body(boundary: boundary)
        guard case .success(var reader) = MultipartReader.forContentType(#"multipart/related; boundary="a; b=\"c\"""#) else {
            Issue.record("no reader for a quoted boundary")
            return
        }
        var count = 0
        try reader.feed(body) { if case .partEnded = $0 { count += 1 } }
        try reader.finish()
        #expect(count == 2)

        guard case .failure = MultipartReader.forContentType("application/dicom+json") else {
            Issue.record("a JSON content type gave a multipart reader")
            return
        }
        guard case .failure = MultipartReader.forContentType("multipart/related; type=application/dicom") else {
            Issue.record("a content type without boundary gave a reader")
            return
        }
    }

    @Test func overlongPartHeadersAreRefused() {
        var reader = MultipartReader(boundary: "b")
        let huge = Data("--b\r\nX: ".utf8) + Data(repeating: 0x41, count: 70_000)
        #expect(throws: MultipartError.self) { try reader.feed(huge) { _ in } }
    }

    @Test func theWriterWritesWhatTheReaderReadsAndSkipsUnreadableFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dw-writer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = folder.appendingPathComponent("a.dcm"), b = folder.appendingPathComponent("b.dcm")
        try Self.first.write(to: a)
        try Self.second.write(to: b)
        let writer = MultipartWriter()
        let bodyFile = folder.appendingPathComponent("body")
        let outcome = try writer.write(files: [a.path, folder.appendingPathComponent("missing").path, b.path], to: bodyFile)
        #expect(outcome[0] == nil && outcome[1] != nil && outcome[2] == nil)
        guard case .success(var reader) = MultipartReader.forContentType(writer.contentType) else {
            Issue.record("writer's content type has no boundary")
            return
        }
        #expect(MediaType(writer.contentType)?.parameters["type"] == "application/dicom")
        var bodies: [Data] = []
        try reader.feed(try Data(contentsOf: bodyFile)) { event in
            switch event {
            case .partBegan: bodies.append(Data())
            case .partData(let data): bodies[bodies.count - 1].append(data)
            case .partEnded: break
            }
        }
        try reader.finish()
        #expect(bodies == [Self.first, Self.second])
    }
}
