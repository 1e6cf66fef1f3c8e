// The worklist screen on the test backend: rows from the sample library, moving, sorting,
// searching, filtering, help, and quitting.
import Foundation
import MammoCore
import Store
import Testing
import TUI
import Workstation

@Suite("Worklist screen")
struct WorklistScreenTests {
    @Test func movesWithKeysAndShowsTheSelectedStudy() async throws {
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("j j G k g"))
        // `before[i]` is the screen after the first i keys.
        #expect(run.before[0].contains(" SYN-0004 · SYNTH, PATIENT 0004 · 2025-12-20"))
        #expect(run.before[1].contains(" SYN-0009 · SYNTH, PATIENT 0009 · 2025-10-14"))
        #expect(run.before[2].contains(" SYN-0002 · SYNTH, PATIENT 0002 · 2025-10-06"))
        #expect(run.before[3].contains(" SYN-0003 · SYNTH, PATIENT 0003 · 2023-04-06"))
        #expect(run.before[4].contains(" SYN-0006 · SYNTH, PATIENT 0006 · 2024-06-21") == false)
        #expect(run.before[4].contains(" SYN-0001 · SYNTH, PATIENT 0001 · 2024-03-17"))
        #expect(run.screen.contains(" SYN-0004 · SYNTH, PATIENT 0004"))
        #expect(run.final.worklist.selectedEntry?.patientID == "SYN-0004")
    }

    @Test func sortsByAnyColumn() async throws {
        // ">" sorts by the first column (patient ID) ascending, ">" again by name, "r" reverses.
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("> > r"))
        let byID = run.before[1]
        #expect(byID.contains("Patient ID ▲"))
        #expect(byID.contains("Sorted by Patient ID ascending"))
        let rows = byID.split(separator: "\n").filter { $0.contains("SYN-") && $0.contains("┃") }
        #expect(rows.first?.contains("SYN-0001") == true)
        #expect(rows.last?.contains("SYN-0010") == true)
        #expect(run.screen.contains("Name ▼"))
        #expect(run.screen.contains("Sorted by Name descending"))
        let reversed = run.screen.split(separator: "\n").filter { $0.contains("SYN-") && $0.contains("┃") }
        #expect(reversed.first?.contains("PATIENT 0010") == true)
    }

    @Test func sortingByTheAIColumnShowsTheHighestScoreFirst() throws {
        let scores: [Double?] = [0.2, nil, 0.9, 0.55]
        let entries = scores.enumerated().map { index, score in
            WorklistEntry(studyInstanceUID: "1.2.\(index)", patientID: "P\(index)", patientName: "", studyDate: "2025010\(index)",
                          studyTime: "", studyDescription: "", accessionNumber: "", views: [], imageCount: 4,
                          priorStudyInstanceUID: nil, ai: score.map { AISummary(score: $0, confidence: nil, model: "m 1", threshold: 0.5) })
        }
        var state = WorklistState(entries: entries)
        let table = TableView(columns: WorklistState.columns)
        let rect = Rect(x: 0, y: 0, width: 140, height: 10)
        func column(_ index: Int) -> [String] { (0..<entries.count).map { state.rows.cell(state.table.dataRow(at: $0), index) } }
        let aiColumn = try #require(WorklistState.columns.firstIndex { $0.title == "AI" })

        _ = table.handle(.key(.character(">")), state: &state.table, rows: state.rows, in: rect)
        #expect(state.table.sort == TableSort(column: 0, ascending: true), "other columns still sort ascending first")
        while state.table.sort?.column != aiColumn {
            _ = table.handle(.key(.character(">")), state: &state.table, rows: state.rows, in: rect)
        }
        #expect(state.table.sort == TableSort(column: aiColumn, ascending: false))
        #expect(column(aiColumn) == ["0.90+", "0.55+", "0.20", ""], "highest first; a study without a score last")
        _ = table.handle(.key(.character("r")), state: &state.table, rows: state.rows, in: rect)
        #expect(column(aiColumn) == ["0.20", "0.55+", "0.90+", ""], "reversed: lowest first, still no score last")
    }

    @Test func searchNarrowsAsYouTypeAndEnterKeepsIt() async throws {
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("/ 0003 Enter"))
        #expect(run.before[1].contains("Search:"))
        // After "0": every study matches (all IDs hold a 0).
        #expect(run.before[4].contains("Search: 000"))
        #expect(run.screen.contains("Worklist — 2 of 13 studies · search \"0003\""))
        let rows = run.screen.split(separator: "\n").filter { $0.contains("┃SYN-") }
        #expect(rows.count == 2)
        #expect(rows.allSatisfy { $0.contains("SYN-0003") })
        #expect(run.screen.contains("2 found"))
    }

    @Test func searchMatchesNamesAndDatesAndEscCancels() async throws {
        let byDate = try await WorkstationHarness.run(try WorkstationHarness.keys("/ 2024- Enter"))
        #expect(byDate.screen.contains("2 of 13 studies"))
        let byName = try await WorkstationHarness.run(try WorkstationHarness.keys("/ patient Space 0010 Enter"))
        #expect(byName.screen.contains("1 of 13 studies"))
        let cancelled = try await WorkstationHarness.run(try WorkstationHarness.keys("/ 0003 Esc"))
        #expect(cancelled.screen.contains("Worklist — 13 studies"))
        #expect(!cancelled.screen.contains("Search:"))
    }

    @Test func filterCyclesAndOpeningAStudyDoesNotMakeItRead() async throws {
        // Open the first study, come back, then filter: unread, read, with prior, all.
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("Enter q f f f f f"))
        let back = run.before[2]
        #expect(try #require(back.line(containing: "┃SYN-0004")).contains("read") == false, "opened is not read")
        #expect(run.before[3].contains("Worklist — 13 studies · unread"))
        #expect(run.before[4].contains("0 of 13 studies · read"))
        #expect(run.before[5].contains("0 of 13 studies · flagged"))
        #expect(run.before[6].contains("3 of 13 studies · with prior"))
        #expect(run.screen.contains("Worklist — 13 studies"))
    }

    @Test func flaggedStudiesAreMarkedFilteredAndSaved() async throws {
        // Flag the first two studies, unflag the first, then show the flagged ones.
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("m j m k m f f f"))
        #expect(run.before[1].contains("Flagged SYN-0004"))
        #expect(try #require(run.before[1].line(containing: "┃SYN-0004")).contains("*"))
        #expect(run.before[5].contains("Flag removed"))
        #expect(run.screen.contains("1 of 13 studies · flagged"))
        let rows = run.screen.split(separator: "\n").filter { $0.contains("┃SYN-") }
        #expect(rows.count == 1 && rows[0].contains("SYN-0009"))
        // The write went to the library, for this reader only.
        let library = try SampleLibrary.database()
        #expect(try library.flaggedStudies(reader: "tester").contains(try #require(run.final.worklist.selectedEntry).studyInstanceUID))
        #expect(try library.flaggedStudies(reader: "someone else").isEmpty)
    }

    @Test func dateRangeFiltersAndBadDatesSayWhy() async throws {
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("d 2024 Enter d C-u 2025-02..2025-05-06 Enter d C-u 2025-13 Enter Esc"))
        #expect(run.before[1].contains("Dates:"))
        let year = run.before[6]
        #expect(year.contains("2 of 13 studies · 2024-01-01 to 2024-12-31"))
        let rows = year.split(separator: "\n").filter { $0.contains("┃SYN-") }
        #expect(rows.count == 2 && rows.allSatisfy { $0.contains("2024-") })
        #expect(run.before[28].contains("3 of 13 studies · 2025-02-01 to 2025-05-06"))
        let bad = try #require(run.before.last)
        #expect(bad.contains("\"2025-13\" is not a date or range"))
        #expect(run.screen.contains("3 of 13 studies"), "Esc keeps the range that was applied")
    }

    @Test func helpListsEveryWorklistKey() async throws {
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("? x"))
        let help = run.before[1]
        #expect(help.contains("Keys — worklist"))
        for hint in WorklistKeymap.ownHints + TableView.keyHints {
            #expect(help.contains(hint.keys), "help lacks \(hint.keys)")
            #expect(help.contains(hint.action), "help lacks \(hint.action)")
        }
        // Any key closes help and does nothing else.
        #expect(!run.screen.contains("Keys — worklist"))
        #expect(run.final.screen == .worklist)
    }

    @Test func qQuits() async throws {
        let run = try await WorkstationHarness.run([.press("q"), .press("j")])
        #expect(run.final.isFinished)
        #expect(run.before.count == 1)
    }

    @Test func aHundredThousandStudiesPageSearchAndSort() async throws {
        func entry(_ i: Int) -> WorklistEntry {
            let id: String = String(format: "P%06d", i)
            let date: String = String(format: "2024%02d%02d", i % 12 + 1, i % 28 + 1)
            let prior: String? = i % 3 == 0 ? "0.\(i)" : nil
            return WorklistEntry(studyInstanceUID: "1.2.\(i)", patientID: id, patientName: "TEST, \(i % 997)", studyDate: date,
                                 studyTime: "", studyDescription: "", accessionNumber: "", views: ["RCC", "LCC", "RMLO", "LMLO"],
                                 imageCount: 4, priorStudyInstanceUID: prior)
        }
        let entries = (0..<100_000).map(entry)
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("PgDn PgDn G / P09999 Enter > r"), entries: entries)
        #expect(run.before[0].contains("Worklist — 100000 studies"))
        // Two pages down: the rows on screen moved on, the cursor with them.
        #expect(run.before[2].contains(" P000088 ") || run.before[2].contains(" P000089 ") || run.before[2].contains(" P000090 "))
        #expect(run.before[3].contains(" P099999 · TEST, 299"))
        #expect(run.before[10].contains("Worklist — 10 of 100000 studies"))
        let rows = run.screen.split(separator: "\n").filter { $0.contains("┃P09999") }
        #expect(rows.count == 10)
        #expect(rows.first?.contains("P099999") == true, "sorted by patient ID, reversed")
    }

    @Test func resizeLaysTheWorklistOutAgain() async throws {
        let run = try await WorkstationHarness.run([.resize(Size(width: 90, height: 20))])
        let lines = run.screen.split(separator: "\n")
        #expect(lines.count <= 20)
        #expect(lines.allSatisfy { $0.count <= 90 })
        #expect(run.screen.contains("Worklist — 13 studies"))
        #expect(run.screen.contains("not for diagnosis"))
        #expect(run.frames.last?.buffer.size == Size(width: 90, height: 20))
    }
}
