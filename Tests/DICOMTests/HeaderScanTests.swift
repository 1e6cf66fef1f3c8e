// The indexing fast path (header_scan.cpp) reads every header exactly as DCMTK does, or hands
// the file to DCMTK; and it never crashes on damaged files.
@testable import DICOM
import Foundation
import MammoCore
import Testing

@Suite("Fast header scan against DCMTK")
struct HeaderScanTests {
    static func allFiles() -> [String] {
        var roots = [TestData.pydicomFiles, TestData.mammogramCases, TestData.derived]
        roots.append(TestData.repositoryRoot.appendingPathComponent("samples").path)
        var files: [String] = []
        for root in roots {
            guard let walker = FileManager.default.enumerator(atPath: root) else { continue }
            for case let relative as String in walker where relative.hasSuffix(".dcm") { files.append(root + "/" + relative) }
        }
        return files.sorted()
    }

    /// Everything the header says, except where parsing stopped (DCMTK and the scanner count
    /// that from different points; the pixel-data check is tested on its own).
    static func comparable(_ header: DicomHeader) -> String {
        var h = header
        h.bytesAfterHeader = nil
        return String(describing: h)
    }

    @Test func sameHeadersAsDCMTK() throws {
        guard TestData.available else {
            #expect(!TestData.required, "test data missing: run scripts/fetch-test-data.sh")
            return
        }
        var scanned = 0
        for path in Self.allFiles() {
            let fast = Result { () throws(DicomError) in try DicomHeaderReader.read(path: path) }
            let reference = Result { () throws(DicomError) in try DicomHeaderReader.read(path: path, reference: true) }
            switch (fast, reference) {
            case let (.success(a), .success(b)):
                #expect(Self.comparable(a) == Self.comparable(b), "\(path)")
            case (.failure, .failure):
                break
            case let (.success, .failure(error)):
                Issue.record("\(path): fast path accepted what DCMTK refuses: \(error)")
            case let (.failure(error), .success):
                Issue.record("\(path): fast path refused what DCMTK reads: \(error)")
            }
            if HeaderScan(path: path, wanted: DicomHeader.attributesRead) != nil { scanned += 1 }
        }
        // Most real files take the fast path (the rest: no Part 10 header, deflate, LUTs).
        #expect(scanned >= 60, "only \(scanned) files took the fast path")
    }

    /// What the library's header read accepts, the decoder decodes: over every real test file
    /// (pydicom's transfer-syntax matrix and malformed files, CBIS-DDSM films, the samples).
    @Test func whatTheHeaderReadAcceptsDecodes() throws {
        guard TestData.available else {
            #expect(!TestData.required, "test data missing: run scripts/fetch-test-data.sh")
            return
        }
        var accepted = 0
        for path in Self.allFiles() {
            guard (try? DicomHeaderReader.read(path: path)) != nil else { continue }
            accepted += 1
            #expect(throws: Never.self, "\(path): accepted for the library but does not decode") { try DicomPixelReader.read(path: path) }
        }
        #expect(accepted >= 110, "only \(accepted) real files accepted")
    }

    @Test func damagedFilesFallBackOrFailCleanly() throws {
        // The first 4-8 KB of a bundled sample with six bytes changed: every copy is cut short, so
        // both the fast path and DCMTK must refuse it (and neither may crash).
        let url = TestData.repositoryRoot.appendingPathComponent("samples")
        let first = try #require(FileManager.default.enumerator(atPath: url.path)?.allObjects.compactMap({ $0 as? String })
            .filter({ $0.hasSuffix(".dcm") }).sorted().first, "no bundled samples under \(url.path)")
        let bytes = Array(try Data(contentsOf: url.appendingPathComponent(first)))
        var rng = SplitMix(seed: 7)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("scan-fuzz-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for trial in 0..<200 {
            var damaged = Array(bytes.prefix(4096 + Int(rng.next() % 4096)))
            for _ in 0..<6 {
                let index = 132 + Int(rng.next() % UInt64(damaged.count - 132))
                damaged[index] = UInt8(truncatingIfNeeded: rng.next())
            }
            let path = dir.appendingPathComponent("d\(trial).dcm").path
            try Data(damaged).write(to: URL(fileURLWithPath: path))
            _ = HeaderScan(path: path, wanted: DicomHeader.attributesRead)
            #expect(throws: DicomError.self, "trial \(trial): a cut copy passed the fast path") { try DicomHeaderReader.read(path: path) }
            #expect(throws: DicomError.self, "trial \(trial): a cut copy passed DCMTK") { try DicomHeaderReader.read(path: path, reference: true) }
        }
    }
}
