// The AI results interchange file: a good file read whole, bad studies reported with their
// index and skipped, bad files refused with the reason.
import Foundation
import MammoCore
import Study
import Testing

@Suite struct AIResultsFileTests {
    static func parse(_ text: String) throws -> AIResultsFile {
        try AIResultsFile.parse(Data(text.utf8), path: "results.json", createdAt: "2026-11-27T00:00:00Z")
    }

    @Test func readsStudiesAndReportsBadOnes() throws {
        let file = try Self.parse("""
            {"format": "mammoterm-ai-results", "version": 1, "system": "Vendor CAD", "model": "vx", "threshold": 0.5,
             "extra": true,
             "studies": [
               {"studyInstanceUID": "1.2.3", "score": 0.87, "confidence": 0.9,
                "findings": [{"view": "RCC", "box": {"x": 310, "y": 402, "width": 50, "height": 44}, "score": 0.81, "kind": "mass", "pair": 1}]},
               {"studyInstanceUID": "1.2.4", "score": 87},
               {"studyInstanceUID": "1.2.5", "score": 0.3, "findings": [{"view": "XCC", "box": {"x": 1, "y": 1, "width": 1, "height": 1}, "score": 0.2}]},
               {"score": 0.3}
             ]}
            """)
        #expect(file.analyses.count == 1)
        let a = try #require(file.analyses.first)
        #expect(a.studyInstanceUID == "1.2.3" && a.source == "Vendor CAD" && a.model == "vx" && a.modelVersion == "")
        #expect(a.examScore == 0.87 && a.examConfidence == 0.9 && a.threshold == 0.5 && a.inputHash == "")
        #expect(a.findings == [AIFinding(view: "RCC", box: PixelBox(x: 310, y: 402, width: 50, height: 44), score: 0.81,
                                         kind: .mass, pair: 1)])
        #expect(file.problems.count == 3)
        #expect(file.problems[0].hasPrefix("studies[1] (1.2.4): \"score\" must be"))
        #expect(file.problems[1].hasPrefix("studies[2] (1.2.5): findings[0].view: \"XCC\""))
        #expect(file.problems[2].hasPrefix("studies[3]: \"studyInstanceUID\" is missing"))
    }

    @Test(arguments: [
        ("not json", "not a mammoterm-ai-results JSON file"),
        (#"{"format": "other", "version": 1}"#, "\"format\" must be"),
        (#"{"format": "mammoterm-ai-results", "version": 2, "system": "s", "model": "m", "studies": []}"#, "newer than this mammoterm reads"),
        (#"{"format": "mammoterm-ai-results", "version": 1, "model": "m", "studies": []}"#, "\"system\" is missing"),
        (#"{"format": "mammoterm-ai-results", "version": 1, "system": "s", "model": "m"}"#, "\"studies\" is missing"),
        (#"{"format": "mammoterm-ai-results", "version": 1, "system": "s", "model": "m", "studies": [{"score": "high"}]}"#, "wrong type at studies[0].score"),
    ])
    func refusesBadFiles(_ text: String, _ reason: String) {
        do {
            _ = try Self.parse(text)
            Issue.record("accepted: \(text)")
        } catch {
            let text = "\(error)"
            #expect(text.contains(reason), "\(text)")
            #expect(text.hasPrefix("results.json: AI results:"))
        }
    }
}
