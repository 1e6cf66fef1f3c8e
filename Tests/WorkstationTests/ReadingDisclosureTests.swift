// Nothing that biases or leaks (issue 15, item 7): the plain workstation lists ground truth only
// while its overlay (o) is on, and a key pressed while the study opens is said, not dropped.
// (The protocols' hidden AI is checked in ProtocolSessionTests.)
import Foundation
import MammoCore
import Testing
import TUI
import Workstation

@Suite("Reading disclosure", .serialized)
struct ReadingDisclosureTests {
    static let truthWords = ["malignant", "benign", "Findings (truth"]

    @Test func thePlainWorkstationShowsTheTruthOnlyOnO() async throws {
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("Enter n o n o"), size: Size(width: 200, height: 50))
        let opened = run.before[1], afterN = run.before[2], truthOn = run.before[3], stepped = run.before[4]
        #expect(Self.truthWords.filter(opened.contains).isEmpty, "truth before o: \(Self.truthWords.filter(opened.contains))")
        #expect(opened.contains("No AI result for this study") && opened.contains("o shows the ground truth"))
        #expect(afterN.contains("No findings shown in these views (o shows the ground truth)"))
        #expect(Self.truthWords.filter(afterN.contains).isEmpty, "n stepped onto a hidden truth finding")
        #expect(truthOn.contains("Findings (truth 2)") && truthOn.contains("malignant"))
        #expect(stepped.contains("Finding 1 of 2: mass, malignant, RCC"))
        #expect(Self.truthWords.filter(run.screen.contains).isEmpty, "o again hides the truth rows")
    }

    /// A study that is still opening (no details yet): view keys are kept and said, the others
    /// say they work once it is open.
    @Test func keysPressedWhileTheStudyOpensAreSaid() async throws {
        let entries = try WorkstationHarness.sharedService().library.worklist()
        let entry = try #require(entries.first { $0.views.contains(.leftCC) })
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("2 + d n x"), size: Size(width: 200, height: 50), entries: entries) { state in
            state.screen = .reading
            state.reading = ReadingState(entry: entry, openedAt: Date(timeIntervalSince1970: 0))
        }
        #expect(run.before[1].contains("Opening the study… kept: shown once it is open"), "after 2")
        #expect(run.before[2].contains("Opening the study… kept: shown once it is open"), "after +")
        #expect(run.before[3].contains("Opening the study… d works once it is open"))
        #expect(run.before[4].contains("Opening the study… n works once it is open"))
        #expect(run.screen.contains("Opening the study… x works once it is open"))
        let reading = try #require(run.final.reading)
        #expect(reading.layout == .single(.leftCC) && reading.zoom.isZoomed, "the view keys are kept for the first picture")
        #expect(reading.form == nil && reading.details == nil)
    }
}
