// Every DICOM file mammoterm writes passes dciodvfy without errors: the synthetic images (every
// compression, both detector sizes) here; the structured reports in CADReportCLITests.
import Foundation
import Testing
import TerminalTestSupport

@Suite(.serialized) struct DicomConformanceTests {
    let work: URL

    init() throws {
        work = FileManager.default.temporaryDirectory.appendingPathComponent("mammoterm-conformance-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    }

    /// The warnings dciodvfy gives on our images, each for a reason:
    /// - View Position (0018,5101) is "CC" / "MLO": the DX Positioning module's defined terms are
    ///   radiography's (AP, PA, LL, ...); mammography puts the view in the View Code Sequence and
    ///   keeps View Position as the same words for tools that read only it (PS3.3 C.8.11.5).
    static let justifiedWarnings = ["Unrecognized defined term <CC> for value 1 of attribute <View Position>",
                                    "Unrecognized defined term <MLO> for value 1 of attribute <View Position>"]

    @Test(arguments: ["none", "rle", "jpeg-ls"], ["small", "full"])
    func synthImagesPassDciodvfy(compression: String, size: String) throws {
        defer { try? FileManager.default.removeItem(at: work) }
        guard Dciodvfy.available() else { return }
        let out = work.appendingPathComponent("\(compression)-\(size)")
        let made = try Hardening.run(["synth", "--exams", "1", "--seed", "7", "--size", size, "--compression", compression,
                                      "--out", out.path], in: work)
        try #require(made.status == 0, "\(made.all)")
        let files = (FileManager.default.enumerator(atPath: out.path)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".dcm") }.sorted()
        try #require(files.count >= 4, "synth wrote \(files)")
        for file in files {
            let verdict = try Dciodvfy.check(out.appendingPathComponent(file).path)
            #expect(verdict.errors.isEmpty, "\(file): \(verdict.text)")
            let unexplained = verdict.warnings.filter { warning in !Self.justifiedWarnings.contains { warning.contains($0) } }
            #expect(unexplained.isEmpty, "\(file): \(unexplained)")
        }
    }
}
