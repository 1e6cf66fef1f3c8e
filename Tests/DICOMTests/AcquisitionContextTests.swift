// The acquisition context in written and read headers: site, system model and software, kVp,
// exposure, age; junk values read as nil, never a crash.
import DICOM
import Foundation
import MammoCore
import Testing

@Suite struct AcquisitionContextTests {
    static let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("mammoterm-acquisition-\(getpid())")

    static func metadata() -> MammogramMetadata {
        var m = WriterTests.metadata(.rightCC)
        m.patientBirthDate = "19660815"
        m.studyDate = "20250314"
        m.manufacturer = "Bravura Imaging"
        m.institutionName = "North Site \u{1B}[31mClinic"
        m.manufacturerModelName = "Lumen DR 3"
        m.softwareVersions = "LDR3 4.2.1\\IP 7.0"
        m.kvp = 29.5
        m.exposureMAs = 87
        return m
    }

    static func write(_ m: MammogramMetadata, name: String) throws -> String {
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let path = scratch.appendingPathComponent("\(name)-\(UUID().uuidString.prefix(8)).dcm").path
        try MammogramWriter.write(WriterTests.image(), metadata: m, to: path)
        return path
    }

    /// Both readers: the fast header scan and DCMTK.
    static func headers(_ path: String) throws -> [DicomHeader] {
        [try DicomHeaderReader.read(path: path), try DicomHeaderReader.read(path: path, reference: true)]
    }

    @Test func writtenContextReadsBack() throws {
        let path = try AcquisitionContextTests.write(AcquisitionContextTests.metadata(), name: "context")
        for header in try AcquisitionContextTests.headers(path) {
            #expect(header.institutionName.hasPrefix("North Site"))
            #expect(!header.institutionName.contains("\u{1B}"))
            #expect(header.manufacturer == "Bravura Imaging")
            #expect(header.manufacturerModelName == "Lumen DR 3")
            #expect(header.softwareVersions == "LDR3 4.2.1\\IP 7.0")
            #expect(header.kvp == 29.5)
            #expect(header.exposureMAs == 87)
            #expect(header.patientAge == "058Y")
            #expect(header.ageYears == 58)
        }
    }

    @Test func ageCountsCompletedYears() {
        var m = AcquisitionContextTests.metadata()
        m.patientBirthDate = "19660314"
        #expect(m.patientAge == "059Y")
        m.patientBirthDate = "19660315"
        #expect(m.patientAge == "058Y")
        m.patientBirthDate = ""
        #expect(m.patientAge == nil)
        #expect(DicomHeader.completedYears(birthDate: "20300101", at: "20250101") == nil)
        #expect(DicomHeader.completedYears(birthDate: "1966-08-15", at: "20250101") == nil)
    }

    @Test func emptySiteAndNoExposureAreNotWritten() throws {
        var m = AcquisitionContextTests.metadata()
        m.institutionName = ""
        m.manufacturerModelName = ""
        m.softwareVersions = ""
        m.exposureMAs = nil
        m.patientBirthDate = ""
        let path = try AcquisitionContextTests.write(m, name: "bare")
        for header in try AcquisitionContextTests.headers(path) {
            #expect(header.institutionName.isEmpty && header.manufacturerModelName.isEmpty && header.softwareVersions.isEmpty)
            #expect(header.exposureMAs == nil)
            #expect(header.patientAge.isEmpty)
            #expect(header.ageYears == nil)
            #expect(header.kvp == 29.5)
        }
    }

    /// Overwrites the value of an explicit-VR little-endian element in place (same length).
    static func patch(_ bytes: inout [UInt8], group: UInt16, element: UInt16, vr: String, with value: String) throws {
        let pattern: [UInt8] = [UInt8(group & 0xFF), UInt8(group >> 8), UInt8(element & 0xFF), UInt8(element >> 8)] + Array(vr.utf8)
        let at = try #require((0..<(bytes.count - pattern.count)).first { Array(bytes[$0..<($0 + pattern.count)]) == pattern },
                              "(\(group),\(element)) not found")
        let length = Int(bytes[at + 6]) | Int(bytes[at + 7]) << 8
        let text = Array(value.utf8)
        try #require(text.count <= length, "\(value) longer than \(length)")
        let padded = text + [UInt8](repeating: 0x20, count: length - text.count)
        bytes.replaceSubrange((at + 8)..<(at + 8 + length), with: padded)
    }

    @Test func junkValuesReadAsNil() throws {
        var m = AcquisitionContextTests.metadata()
        m.kvp = 28
        m.exposureMAs = 90
        let path = try AcquisitionContextTests.write(m, name: "junk")
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        try AcquisitionContextTests.patch(&bytes, group: 0x0018, element: 0x0060, vr: "DS", with: "x!")
        try AcquisitionContextTests.patch(&bytes, group: 0x0018, element: 0x1152, vr: "IS", with: "ab")
        try AcquisitionContextTests.patch(&bytes, group: 0x0010, element: 0x1010, vr: "AS", with: "0?8Y")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        for header in try AcquisitionContextTests.headers(path) {
            #expect(header.kvp == nil)
            // Exposure is junk: ExposureInuAs (90000) stands in.
            #expect(header.exposureMAs == 90)
            // PatientAge is junk: the age comes from the birth and study dates.
            #expect(header.patientAge == "0?8Y")
            #expect(header.ageYears == 58)
        }
        try AcquisitionContextTests.patch(&bytes, group: 0x0018, element: 0x1153, vr: "IS", with: "1e9x")
        try AcquisitionContextTests.patch(&bytes, group: 0x0010, element: 0x0030, vr: "DA", with: "19XX0815")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        for header in try AcquisitionContextTests.headers(path) {
            #expect(header.exposureMAs == nil)
            #expect(header.ageYears == nil)
        }
    }

    @Test func ageInMonthsCountsAsZeroYears() throws {
        let path = try AcquisitionContextTests.write(AcquisitionContextTests.metadata(), name: "months")
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        try AcquisitionContextTests.patch(&bytes, group: 0x0010, element: 0x1010, vr: "AS", with: "011M")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        for header in try AcquisitionContextTests.headers(path) {
            #expect(header.patientAge == "011M")
            #expect(header.ageYears == 0)
        }
    }
}
