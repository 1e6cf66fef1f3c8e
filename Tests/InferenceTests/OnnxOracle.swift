// Where the onnxruntime reference cases are (scripts/onnx-oracle/make_models.py), generating them on
// first use; without python3 + onnx + onnxruntime + numpy the parity tests skip unless
// MAMMOTERM_REQUIRE_TESTDATA=1.
import Foundation

enum OnnxOracle {
    /// Must match VERSION in make_models.py: an older cache is regenerated.
    static let version = 4

    static var directory: URL {
        if let path = ProcessInfo.processInfo.environment["MAMMOTERM_ONNX_ORACLE"] { return URL(fileURLWithPath: path) }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/mammoterm/onnx-oracle")
    }

    static var required: Bool { ProcessInfo.processInfo.environment["MAMMOTERM_REQUIRE_TESTDATA"] == "1" }

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    struct Manifest: Decodable {
        var version: Int
        var onnxruntime: String
        var cases: [String]
    }

    /// The manifest, generating the cases when absent or stale; nil when Python cannot make them.
    static func manifest() throws -> Manifest? {
        if let manifest = try? readManifest(), manifest.version == version { return manifest }
        let script = repositoryRoot.appendingPathComponent("scripts/onnx-oracle/make_models.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, directory.path]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            if required { throw OracleUnavailable(message: message) }
            print("onnx-oracle: skipped (\(message.split(separator: "\n").last ?? "python failed"); pip install onnx onnxruntime numpy)")
            return nil
        }
        return try readManifest()
    }

    private static func readManifest() throws -> Manifest {
        try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: directory.appendingPathComponent("manifest.json")))
    }

    struct OracleUnavailable: Error, CustomStringConvertible {
        var message: String
        var description: String { "MAMMOTERM_REQUIRE_TESTDATA=1 but the onnxruntime cases could not be made: \(message)" }
    }
}
