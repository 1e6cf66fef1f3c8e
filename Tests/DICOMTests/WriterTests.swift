// Written mammograms read back identically, through our reader, dcmdump and pydicom.
import DICOM
import Foundation
import MammoCore
import Testing

@Suite("Mammogram writer")
struct WriterTests {
    static func metadata(_ key: ViewKey) -> MammogramMetadata {
        MammogramMetadata(
            patientID: "SYN-0001", patientName: "SYNTH^PATIENT", patientBirthDate: "19600101",
            studyInstanceUID: DicomUID.derived(from: "study"), seriesInstanceUID: DicomUID.derived(from: "series \(key.label)"),
            sopInstanceUID: DicomUID.derived(from: "image \(key.label)"), studyDate: "20240102", studyTime: "101500",
            studyDescription: "Screening mammography", accessionNumber: "A0001", seriesNumber: 1, instanceNumber: 1,
            viewKey: key, bitsStored: 12, pixelSpacing: PixelSpacing(row: 0.1, column: 0.1),
            windowCenter: 2048, windowWidth: 4096, bodyPartThickness: 55, compressionForce: 110
        )
    }

    static func image() -> GrayImage<UInt16> {
        GrayImage(width: 97, height: 131, pixels: (0..<(97 * 131)).map { UInt16(($0 * 37) % 4096) })
    }

    @Test("round trip", arguments: DicomCompression.allCases, ViewKey.screening)
    func roundTrip(compression: DicomCompression, key: ViewKey) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rt-\(compression.rawValue)-\(key.label)-\(getpid()).dcm").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let original = Self.image()
        try MammogramWriter.write(original, metadata: Self.metadata(key), to: path, compression: compression)
        let header = try DicomHeaderReader.read(path: path)
        #expect(header.viewKey == key)
        #expect(header.sideWithSource?.source == .imageLaterality)
        #expect(header.viewWithSource?.source == .viewPosition)
        #expect(header.viewCode?.value == key.view.snomed.code)
        #expect(header.presentationIntent == .forPresentation)
        #expect(header.sopClassUID == MammogramWriter.forPresentationSOPClass)
        #expect(header.windows.first == VOIWindow(center: 2048, width: 4096, explanation: "NORMAL"))
        #expect(header.bitsStored == 12)
        #expect(header.imagerPixelSpacing == PixelSpacing(row: 0.1, column: 0.1))
        // Stored in the standard orientation already: no flips needed.
        #expect(header.displayFlip == DisplayFlip(horizontal: false, vertical: false, fromOrientation: true))
        let decoded = try DicomPixelReader.read(path: path)
        #expect(decoded.stored.pixels == original.pixels.map { Int32($0) })
    }

    @Test("dcmdump and pydicom read written files without warnings")
    func externalReaders() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ext-\(getpid()).dcm").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try MammogramWriter.write(Self.image(), metadata: Self.metadata(.rightMLO), to: path, compression: .jpegLS)
        if let dump = try? run("/usr/bin/dcmdump", [path]) {
            #expect(dump.status == 0)
            #expect(!dump.output.contains("W: ") && !dump.output.contains("E: "), "dcmdump: \(dump.output)")
            #expect(dump.output.contains("(0020,0062) CS [R]"))
            #expect(dump.output.contains("399368009"))
        }
        let script = """
        import warnings, sys
        warnings.simplefilter("error")
        import pydicom
        ds = pydicom.dcmread(sys.argv[1])
        assert ds.ImageLaterality == "R" and ds.ViewPosition == "MLO", ds
        assert ds.PatientOrientation == ["P", "FL"], ds.PatientOrientation
        print(ds.SOPClassUID)
        """
        if let python = try? run("/usr/bin/env", ["python3", "-c", "import pydicom"]), python.status == 0 {
            let result = try run("/usr/bin/env", ["python3", "-c", script, path])
            #expect(result.status == 0, "pydicom: \(result.output)")
        }
    }

    @Test func uids() {
        let a = DicomUID.make(), b = DicomUID.make()
        #expect(a != b)
        #expect(a.hasPrefix("2.25.") && a.count <= 64)
        #expect(DicomUID.derived(from: "x") == DicomUID.derived(from: "x"))
        #expect(DicomUID.derived(from: "x") != DicomUID.derived(from: "y"))
        #expect(DicomUID.derived(from: "x").allSatisfy { $0.isNumber || $0 == "." })
    }
}

/// Runs a program and returns its exit status and combined output.
func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}
