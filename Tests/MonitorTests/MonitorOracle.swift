// Runs scripts/monitor-oracle.py (Evidently, SciPy, NannyML) in .venv-oracle for the oracle tests.
// Without .venv-oracle the tests skip, or fail when MAMMOTERM_REQUIRE_TESTDATA=1 (make test).
import Foundation

enum MonitorOracle {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static var python: URL { repositoryRoot.appendingPathComponent(".venv-oracle/bin/python3") }
    static var script: URL { repositoryRoot.appendingPathComponent("scripts/monitor-oracle.py") }
    static var available: Bool { FileManager.default.isExecutableFile(atPath: python.path) }
    static var required: Bool { ProcessInfo.processInfo.environment["MAMMOTERM_REQUIRE_TESTDATA"] == "1" }
    static let missingMessage = ".venv-oracle is missing (scripts/make-oracle-venv.sh, run by make venv / make test builds it)"

    struct Failure: Error, CustomStringConvertible { var description: String }

    /// Sends every case to the oracle's `command` in one run and returns its figures per case.
    static func run(_ command: String, cases: [[String: Any]]) throws -> [[String: Double]] {
        let object = try runRaw(command, ["cases": cases])
        guard let results = object["results"] as? [[String: Any]], results.count == cases.count else {
            throw Failure(description: "monitor-oracle.py \(command) returned no results for the \(cases.count) cases")
        }
        return results.map(figures)
    }

    /// Sends `body` as JSON to the oracle's `command` and returns its JSON object.
    static func run(_ command: String, _ body: [String: Any]) throws -> [String: Double] {
        figures(try runRaw(command, body))
    }

    private static func figures(_ object: [String: Any]) -> [String: Double] {
        var figures: [String: Double] = [:]
        for (key, value) in object { if let number = value as? NSNumber { figures[key] = number.doubleValue } }
        return figures
    }

    private static func runRaw(_ command: String, _ body: [String: Any]) throws -> [String: Any] {
        let input = try JSONSerialization.data(withJSONObject: body)
        let process = Process()
        process.executableURL = python
        process.arguments = [script.path, command]
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // Write from another thread: large arrays would fill the pipe while we wait on the output.
        let writer = Thread {
            stdin.fileHandleForWriting.write(input)
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "monitor-oracle.py \(command) exited \(process.terminationStatus): \(String(decoding: errors, as: UTF8.self).suffix(600))")
        }
        guard let object = try JSONSerialization.jsonObject(with: output) as? [String: Any] else {
            throw Failure(description: "monitor-oracle.py \(command) printed no JSON object")
        }
        return object
    }
}
