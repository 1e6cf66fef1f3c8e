// `import-findings`, `findings` and the worklist's `ai` field end to end: results from another
// system imported, a bad study skipped with its reason, and printed back as stored.
import Foundation
import Testing

extension ImportWorklistTests {
    @Test func importedFindingsShowInFindingsAndTheWorklist() throws {
        defer { cleanUp() }
        _ = try TinyDICOM.exam(in: work.appendingPathComponent("in/exam"), patient: "P001", study: "1.2.3.1", date: "20240105")
        #expect(try run(["import", work.appendingPathComponent("in").path, "--library", library]).status == 0)
        let before = try JSONSerialization.jsonObject(with: Data(try run(["worklist", "--json", "--library", library]).stdout.utf8)) as? [[String: Any]]
        #expect(before?.first?["ai"] is NSNull, "ai is null, not absent, before any analysis")
        #expect(try run(["findings", "1.2.3.1", "--library", library]).status == 2)

        let results = work.appendingPathComponent("results.json")
        try Data("""
            {"format": "mammoterm-ai-results", "version": 1, "system": "Vendor CAD", "model": "vx", "modelVersion": "2",
             "threshold": 0.5, "studies": [
               {"studyInstanceUID": "1.2.3.1", "score": 0.8, "confidence": 0.6,
                "findings": [{"view": "LCC", "box": {"x": 2, "y": 3, "width": 4, "height": 5}, "score": 0.75, "confidence": 0.5}]},
               {"studyInstanceUID": "9.9.9", "score": 0.1}]}
            """.utf8).write(to: results)
        let imported = try run(["import-findings", results.path, "--library", library])
        #expect(imported.status == 1, "a study was skipped: a non-zero exit \(imported.stderr)")
        #expect(imported.stdout.contains("Imported AI results for 1 of 2 studies"))
        #expect(imported.stderr.contains("skipped 9.9.9: not in the library"))

        let report = try #require(try JSONSerialization.jsonObject(with: Data(try run(["findings", "1.2.3.1", "--json", "--library", library]).stdout.utf8)) as? [String: Any])
        #expect(report["examScore"] as? Double == 0.8 && report["examConfidence"] as? Double == 0.6 && report["threshold"] as? Double == 0.5)
        #expect(report["source"] as? String == "Vendor CAD" && report["model"] as? String == "vx")
        let lesion = try #require((report["lesions"] as? [[String: Any]])?.first)
        #expect(lesion["view"] as? String == "LCC" && lesion["score"] as? Double == 0.75 && lesion["confidence"] as? Double == 0.5)
        #expect((lesion["box"] as? [String: Double]) == ["x": 2, "y": 3, "width": 4, "height": 5])
        #expect(lesion["sizeMM"] is NSNull, "no pixel spacing in the file: no size, not a guess")

        let after = try JSONSerialization.jsonObject(with: Data(try run(["worklist", "--json", "--library", library]).stdout.utf8)) as? [[String: Any]]
        let ai = try #require(after?.first?["ai"] as? [String: Any])
        #expect(ai["score"] as? Double == 0.8 && ai["confidence"] as? Double == 0.6 && ai["model"] as? String == "vx 2")
        #expect(try run(["worklist", "--library", library]).stdout.contains("0.80+"))
    }

    /// `findings` lists lesions in the one reading order the workstation's panel and marks use
    /// (score, then hanging order, then position), numbered from 1 in the table and in the JSON.
    @Test func findingsAreListedAndNumberedInReadingOrder() throws {
        defer { cleanUp() }
        _ = try TinyDICOM.exam(in: work.appendingPathComponent("in/exam"), patient: "P001", study: "1.2.3.1", date: "20240105")
        #expect(try run(["import", work.appendingPathComponent("in").path, "--library", library]).status == 0)
        let results = work.appendingPathComponent("results.json")
        // Stored out of order; 0.5 three times: LCC before LMLO (hanging order), and within LCC the upper box first.
        try Data("""
            {"format": "mammoterm-ai-results", "version": 1, "system": "S", "model": "m", "studies": [
               {"studyInstanceUID": "1.2.3.1", "score": 0.8, "findings": [
                 {"view": "LMLO", "box": {"x": 1, "y": 1, "width": 2, "height": 2}, "score": 0.5},
                 {"view": "RCC", "box": {"x": 1, "y": 1, "width": 2, "height": 2}, "score": 0.2},
                 {"view": "LCC", "box": {"x": 1, "y": 6, "width": 2, "height": 2}, "score": 0.5},
                 {"view": "LCC", "box": {"x": 1, "y": 1, "width": 2, "height": 2}, "score": 0.5},
                 {"view": "RMLO", "box": {"x": 1, "y": 1, "width": 2, "height": 2}, "score": 0.9}]}]}
            """.utf8).write(to: results)
        #expect(try run(["import-findings", results.path, "--library", library]).status == 0)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(try run(["findings", "1.2.3.1", "--json", "--library", library]).stdout.utf8)) as? [String: Any])
        let lesions = try #require(report["lesions"] as? [[String: Any]])
        #expect(lesions.map { $0["number"] as? Int } == [1, 2, 3, 4, 5])
        #expect(lesions.map { $0["view"] as? String } == ["RMLO", "LCC", "LCC", "LMLO", "RCC"])
        #expect(lesions.map { ($0["box"] as? [String: Double])?["y"] } == [1, 1, 6, 1, 1])
        #expect(lesions.allSatisfy { $0["sizeMM"] != nil && $0["score"] != nil && $0["box"] != nil }, "every earlier field kept")
        // The table: the same numbers in the same order.
        let table = try run(["findings", "1.2.3.1", "--library", library]).stdout.split(separator: "\n")
        let rows = table.filter { $0.range(of: #"^\s+\d+  (R|L)(CC|MLO)"#, options: .regularExpression) != nil }
        #expect(rows.map { $0.split(separator: " ").prefix(2).joined(separator: " ") } == ["1 RMLO", "2 LCC", "3 LCC", "4 LMLO", "5 RCC"], "\(table)")
    }

    @Test func findingsOnAViewTheStudyLacksAreRefused() throws {
        defer { cleanUp() }
        _ = try TinyDICOM.exam(in: work.appendingPathComponent("in/exam"), patient: "P001", study: "1.2.3.1", date: "20240105",
                               views: ["RCC", "LCC"])
        #expect(try run(["import", work.appendingPathComponent("in").path, "--library", library]).status == 0)
        let results = work.appendingPathComponent("results.json")
        try Data("""
            {"format": "mammoterm-ai-results", "version": 1, "system": "S", "model": "m", "studies": [
               {"studyInstanceUID": "1.2.3.1", "score": 0.8,
                "findings": [{"view": "RMLO", "box": {"x": 2, "y": 3, "width": 4, "height": 5}, "score": 0.75}]}]}
            """.utf8).write(to: results)
        let imported = try run(["import-findings", results.path, "--library", library])
        #expect(imported.status == 1)
        #expect(imported.stderr.contains("the study has no RMLO view"))
    }
}
