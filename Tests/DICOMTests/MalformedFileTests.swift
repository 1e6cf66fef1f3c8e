// Broken files give a DicomError naming the file and the problem; they never crash.
import DICOM
import Foundation
import MammoCore
import Testing

@Suite("Malformed files")
struct MalformedFileTests {
    static let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("mammoterm-malformed-\(getpid())")

    static func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let url = scratch.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// A small valid mammogram written by our writer, as raw bytes, to damage.
    static func validFile() throws -> [UInt8] {
        let path = scratch.appendingPathComponent("valid-\(UUID().uuidString).dcm").path
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let image = GrayImage<UInt16>(width: 64, height: 80, pixels: (0..<(64 * 80)).map { UInt16($0 % 4096) })
        try MammogramWriter.write(image, metadata: WriterTests.metadata(.leftMLO), to: path)
        return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test func notDicom() throws {
        let path = try Self.write("notes.txt", Array("hello, this is not DICOM\n".utf8))
        #expect(throws: DicomError.self) { try DicomHeaderReader.read(path: path) }
    }

    @Test func emptyAndMissing() throws {
        let path = try Self.write("empty.dcm", [])
        #expect(throws: DicomError.self) { try DicomHeaderReader.read(path: path) }
        #expect(throws: DicomError.self) { try DicomPixelReader.read(path: "/nonexistent/file.dcm") }
    }

    @Test func truncatedPixelData() throws {
        let bytes = try Self.validFile()
        let path = try Self.write("truncated.dcm", Array(bytes.prefix(bytes.count - 3000)))
        do {
            _ = try DicomPixelReader.read(path: path)
            Issue.record("a truncated file decoded")
        } catch {
            #expect(error.path == path)
        }
    }

    @Test func truncatedEverywhere() throws {
        // Cut the file at many points: every cut copy is refused by the header read (what import
        // uses) and by the decoder, each with an error naming the file; none crashes.
        let bytes = try Self.validFile()
        var cuts = 0
        for cut in stride(from: 0, to: bytes.count, by: max(bytes.count / 97, 1)) {
            let path = try Self.write("cut-\(cut).dcm", Array(bytes.prefix(cut)))
            #expect(throws: DicomError.self, "cut at \(cut) of \(bytes.count) bytes was accepted for the library") {
                try DicomHeaderReader.read(path: path)
            }
            do {
                _ = try DicomPixelReader.read(path: path)
                Issue.record("cut at \(cut) of \(bytes.count) bytes decoded")
            } catch {
                #expect(error.path == path)
                #expect(!error.reason.isEmpty)
            }
            cuts += 1
        }
        #expect(cuts >= 90)
    }

    @Test func lyingLengthsAndGarbage() throws {
        let bytes = try Self.validFile()
        var rng = SplitMix(seed: 42)
        for trial in 0..<1000 {
            var damaged = bytes
            // Overwrite a few bytes in the header region (where lengths and VRs live).
            for _ in 0..<4 {
                let index = 132 + Int(rng.next() % UInt64(min(900, damaged.count - 132)))
                damaged[index] = UInt8(truncatingIfNeeded: rng.next())
            }
            let path = try Self.write("garbage-\(trial).dcm", damaged)
            // What the header read lets into the library must decode: the two never disagree.
            let header = Result { () throws(DicomError) in try DicomHeaderReader.read(path: path) }
            let pixels = Result { () throws(DicomError) in try DicomPixelReader.read(path: path) }
            if case .success = header, case .failure(let error) = pixels {
                Issue.record("trial \(trial): the header read accepted a file the decoder refuses: \(error)")
            }
            for case .failure(let error) in [header.map { _ in () }, pixels.map { _ in () }] {
                #expect(error.path == path && !error.reason.isEmpty)
            }
        }
    }

    @Test func absurdDimensions() throws {
        // Rows = Columns = 65535 with a tiny pixel data element must be refused, not allocated.
        var bytes = try Self.validFile()
        func patch(_ group: UInt16, _ element: UInt16, _ value: UInt16) {
            let pattern: [UInt8] = [UInt8(group & 0xFF), UInt8(group >> 8), UInt8(element & 0xFF), UInt8(element >> 8), 0x55, 0x53, 2, 0]
            guard let at = (0..<(bytes.count - 10)).first(where: { Array(bytes[$0..<$0 + 8]) == pattern }) else { return }
            bytes[at + 8] = UInt8(value & 0xFF)
            bytes[at + 9] = UInt8(value >> 8)
        }
        patch(0x0028, 0x0010, 65535)
        patch(0x0028, 0x0011, 65535)
        let path = try Self.write("huge.dcm", bytes)
        #expect(throws: DicomError.self) { try DicomPixelReader.read(path: path) }
    }

    @Test func missingPixelData() throws {
        guard TestData.available else {
            #expect(!TestData.required, "test data missing: run scripts/fetch-test-data.sh")
            return
        }
        // A structured report: a valid DICOM file that is not an image.
        let path = TestData.pydicomFiles + "/test-SR.dcm"
        do {
            _ = try DicomHeaderReader.read(path: path)
            Issue.record("an SR was accepted as an image")
        } catch {
            #expect(error.reason.contains("Pixel Data"))
        }
    }

    @Test func pydicomMalformedFiles() throws {
        guard TestData.available else {
            #expect(!TestData.required, "test data missing: run scripts/fetch-test-data.sh")
            return
        }
        for name in ["MR_truncated.dcm", "rtplan_truncated.dcm", "no_meta.dcm", "badVR.dcm", "meta_missing_tsyntax.dcm",
                     "ExplVR_BigEndNoMeta.dcm", "ExplVR_LitEndNoMeta.dcm", "UN_sequence.dcm", "JPEG-lossy.dcm"] {
            let path = TestData.pydicomFiles + "/" + name
            _ = try? DicomHeaderReader.read(path: path)
            _ = try? DicomPixelReader.read(path: path)
        }
        // MR_truncated.dcm ends inside its pixel data: decoding must say so.
        #expect(throws: DicomError.self) { try DicomPixelReader.read(path: TestData.pydicomFiles + "/MR_truncated.dcm") }
    }
}

/// A tiny deterministic generator for fuzzing.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("Header-only checks")
struct HeaderOnlyCheckTests {
    @Test func cutOffPixelDataIsCaughtWithoutDecoding() throws {
        guard TestData.available else {
            #expect(!TestData.required, "test data missing: run scripts/fetch-test-data.sh")
            return
        }
        do {
            _ = try DicomHeaderReader.read(path: TestData.pydicomFiles + "/MR_truncated.dcm")
            Issue.record("a file with cut-off pixel data was accepted for indexing")
        } catch {
            #expect(error.kind == .truncated)
            #expect(error.reason.contains("truncated"))
        }
        // Its complete sibling passes.
        _ = try DicomHeaderReader.read(path: TestData.pydicomFiles + "/MR_small.dcm")
    }
}
