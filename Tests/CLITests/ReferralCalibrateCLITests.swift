// `referral calibrate` from the library counts current exams only, as the model's metrics do
// (issue 19: priors were counted as cases, 156 instead of 120, shifting the thresholds);
// `--include-priors` counts them. On the bundled samples: 13 studies, 3 of them priors.
import Foundation
import Testing
import TerminalTestSupport

@Suite struct ReferralCalibrateCLITests {
    @Test func calibratesOnCurrentExamsUnlessAskedForPriors() throws {
        let folder = try TerminalTools.scratchFolder("referral-calibrate")
        defer { try? FileManager.default.removeItem(at: folder) }
        let library = folder.appendingPathComponent("library.sqlite").path
        let binary = try TerminalTools.mammoterm()
        let samples = TerminalTools.repositoryRoot.appendingPathComponent("samples").path
        var environment = ProcessInfo.processInfo.environment
        environment["MAMMOTERM_LIBRARY"] = nil
        environment["XDG_CONFIG_HOME"] = folder.path
        func run(_ arguments: [String]) throws -> TerminalTools.Result {
            try TerminalTools.run(binary, arguments + ["--library", library], environment: environment)
        }
        #expect(try run(["import", samples]).status == 0)
        #expect(try run(["truth", "import", samples + "/ground-truth.json"]).status == 0)
        // An AI score for every study (a vendor's results file: no inference needed for this).
        let entries = try #require(try JSONSerialization.jsonObject(with: try run(["worklist", "--json"]).stdout) as? [[String: Any]])
        #expect(entries.count == 13)
        let studies = entries.enumerated().map { index, entry in
            #"{"studyInstanceUID": "\#(entry["studyInstanceUID"] as? String ?? "")", "score": \#(0.05 + 0.07 * Double(index)), "findings": []}"#
        }
        let results = folder.appendingPathComponent("results.json")
        let header = #"{"format": "mammoterm-ai-results", "version": 1, "system": "Vendor CAD", "model": "vx", "modelVersion": "2", "studies": ["#
        try Data((header + studies.joined(separator: ", ") + "]}").utf8).write(to: results)
        let imported = try run(["import-findings", results.path])
        #expect(imported.status == 0, "\(imported.output)")

        let current = try run(["referral", "calibrate"])
        #expect(current.status == 0, "\(current.output)")
        #expect(String(decoding: current.stdout, as: UTF8.self).hasPrefix("10 exams (weight 10), 3 cancers"), "\(current.output)")
        let all = try run(["referral", "calibrate", "--include-priors"])
        #expect(String(decoding: all.stdout, as: UTF8.self).hasPrefix("13 exams (weight 13), 4 cancers"), "\(all.output)")
        // The JSON contract is unchanged; its thresholds come from the current exams.
        let json = try #require(try JSONSerialization.jsonObject(with: try run(["referral", "calibrate", "--json"]).stdout) as? [String: Any])
        #expect(json["nt"] is [String: Any] && json["sn"] is [String: Any])
    }
}
