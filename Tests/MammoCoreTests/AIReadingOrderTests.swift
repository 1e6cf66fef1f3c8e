// The one order AI lesions are listed and numbered in (NumberedAIFinding): score highest first,
// equal scores in hanging order, then top to bottom and left to right, numbers from 1.
import MammoCore
import Testing

@Suite("AI reading order")
struct AIReadingOrderTests {
    static func finding(_ view: ViewKey, _ score: Double, x: Double = 100, y: Double = 100) -> AIFinding {
        AIFinding(view: view, box: PixelBox(x: x, y: y, width: 20, height: 20), score: score)
    }

    @Test func scoreFirstThenHangingOrderThenPosition() {
        let stored = [
            Self.finding(.leftMLO, 0.5),                 // ties with three others at 0.5
            Self.finding(.rightCC, 0.2),
            Self.finding(.rightCC, 0.5, x: 300, y: 50),  // same view and row as the next: left before right
            Self.finding(.rightCC, 0.5, x: 10, y: 50),
            Self.finding(.leftCC, 0.9),
            Self.finding(.rightCC, 0.5, x: 10, y: 400),  // lower in the same view
        ]
        let numbered = NumberedAIFinding.inReadingOrder(stored)
        #expect(numbered.map(\.number) == [1, 2, 3, 4, 5, 6])
        #expect(numbered.map(\.finding) == [stored[4], stored[3], stored[2], stored[5], stored[0], stored[1]])
        // The order depends on the findings, not on how they were stored.
        #expect(NumberedAIFinding.inReadingOrder(stored.reversed()) == numbered)
        #expect(NumberedAIFinding.inReadingOrder([]).isEmpty)
    }

    @Test func anAnalysisNumbersItsFindingsInThatOrder() {
        let analysis = AIAnalysis(studyInstanceUID: "1.2", model: "m", modelVersion: "1", source: "s", inputHash: "",
                                  examScore: 0.5, examConfidence: nil, threshold: nil,
                                  findings: [Self.finding(.rightMLO, 0.1), Self.finding(.rightCC, 0.8)], createdAt: "2026-12-07T00:00:00Z")
        #expect(analysis.numberedFindings.map(\.finding.score) == [0.8, 0.1])
        #expect(analysis.numberedFindings.map(\.number) == [1, 2])
    }
}
