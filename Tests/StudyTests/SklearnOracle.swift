// Runs scripts/study-oracle.py (scikit-learn and numpy as a test oracle) into the test-data
// cache and loads its JSON. Without python3 + scikit-learn the oracle tests skip, unless
// MAMMOTERM_REQUIRE_TESTDATA=1 (CI, `make test`) makes that a failure.
import Foundation

struct SklearnOracle: Decodable {
    struct DataSet: Decodable {
        struct Curve: Decodable { var fpr: [Double]; var tpr: [Double]; var thresholds: [Double?] }
        struct AtThreshold: Decodable {
            var threshold: Double
            var sensitivity: Double?
            var specificity: Double?
            var ppv: Double?
            var npv: Double?
        }
        var name: String
        var scores: [Double]
        var labels: [Int]
        var weights: [Double]
        var auc: Double
        var roc: Curve
        var at: [AtThreshold]
        var nt: [String: Double]
        var sn: [String: Double]
    }

    struct Kappa: Decodable {
        var name: String
        var first: [String]
        var second: [String]
        var weights: [Double]
        var kappa: Double
    }

    struct Percentiles: Decodable { var values: [Double]; var probabilities: [Double]; var quantiles: [Double] }

    var sklearn: String
    var sets: [DataSet]
    var kappas: [Kappa]
    var percentiles: Percentiles

    static var required: Bool { ProcessInfo.processInfo.environment["MAMMOTERM_REQUIRE_TESTDATA"] == "1" }

    enum Availability {
        case loaded(SklearnOracle)
        case missing(String)
        case failed(String)
    }

    /// Run once per test process.
    static let availability: Availability = load()

    private static func load() -> Availability {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let cache = ProcessInfo.processInfo.environment["MAMMOTERM_TESTDATA"]
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/mammoterm/testdata").path
        let output = URL(fileURLWithPath: cache).appendingPathComponent("study/sklearn-oracle-\(getpid()).json")
        defer { try? FileManager.default.removeItem(at: output) }
        do {
            try FileManager.default.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", root.appendingPathComponent("scripts/study-oracle.py").path, output.path]
            let errors = Pipe()
            process.standardError = errors
            try process.run()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            switch process.terminationStatus {
            case 0: return .loaded(try JSONDecoder().decode(SklearnOracle.self, from: Data(contentsOf: output)))
            case 3, 127: return .missing("python3 with scikit-learn not found (pip install scikit-learn): \(message)")
            default: return .failed("scripts/study-oracle.py exited with \(process.terminationStatus): \(message)")
            }
        } catch {
            return .failed("scripts/study-oracle.py: \(error)")
        }
    }
}
