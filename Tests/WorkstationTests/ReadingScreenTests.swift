// The reading screen on the test backend: opening a study from the worklist, the hanging
// protocol and single views, zoom, window, overlay, findings, prior, help, back, resize.
import Foundation
import MammoCore
import Testing
import TUI
import Workstation

@Suite("Reading screen")
struct ReadingScreenTests {
    /// Braille pattern characters in a screen: the picture's cells.
    static func brailleCount(_ screen: String) -> Int {
        screen.unicodeScalars.filter { (0x2801...0x28FF).contains($0.value) }.count
    }

    @Test func enterOpensTheStudyInTheHangingProtocol() async throws {
        let run = try await WorkstationHarness.run([.press(.enter)])
        let screen = run.screen
        #expect(run.final.screen == .reading)
        // The text around the picture (title, labels, findings, study panel, status) is compared
        // whole in ScreenBufferTests; here, the picture.
        #expect(Self.brailleCount(screen) > 500, "the picture is drawn as braille cells")
        // The four views hang mirrored: the chest walls meet in the middle of the image area.
        let picture = try #require(run.final.reading?.picture)
        guard case .cells(let cells) = picture.content else { Issue.record("braille picture expected"); return }
        let middle = cells.width / 2
        var tissueNearMiddle = 0, tissueAtEdges = 0
        for y in 0..<cells.height {
            for x in [middle - 2, middle + 1] where cells[x, y].character != " " && cells[x, y].character != "\u{2800}" { tissueNearMiddle += 1 }
            for x in [0, cells.width - 1] where cells[x, y].character != " " && cells[x, y].character != "\u{2800}" { tissueAtEdges += 1 }
        }
        #expect(tissueNearMiddle > cells.height / 2)
        #expect(tissueAtEdges < tissueNearMiddle / 4)
    }

    @Test func numberKeysShowOneViewAndZeroAllFour() async throws {
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("Enter 1 2 3 4 0"))
        let labels = ["RCC", "LCC", "RMLO", "LMLO"]
        for (i, label) in labels.enumerated() {
            let screen = run.before[i + 2]
            #expect(screen.contains("mammoterm · SYN-0004 · 2025-12-20 · \(label) "), "view \(label)")
            #expect(screen.contains("Layout   \(label)"))
            #expect(Self.brailleCount(screen) > 300)
        }
        #expect(run.screen.contains("Layout   RCC LCC / RMLO LMLO"))
        #expect(run.final.reading?.layout == .four)
    }

    @Test func zoomInOutAndPan() async throws {
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("Enter 1 l + + l j - -"))
        #expect(run.before[3].contains("Zoom in with + to pan"))
        #expect(run.before[4].contains("zoom 1.5×"))
        #expect(run.before[4].contains("Zoom     1.5×"))
        #expect(run.before[5].contains("Zoom     2×"))
        let panned = try #require(run.final.reading?.zoom)
        #expect(panned.step == 0)
        // Each zoom step gives a different picture; the pan moved the centre.
        let pictures = run.before[3...7].map { $0 }
        #expect(Set(pictures).count == pictures.count)
        #expect(run.screen.contains("Zoom     1×"))
    }

    @Test func windowKeysChangeTheWindowShownInTheMetadataPanel() async throws {
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("Enter w W W c C C r"))
        func window(_ screen: String) -> String? { screen.line(containing: "Window   C")?.components(separatedBy: "Window   ").last }
        let base = try #require(window(run.before[1]))
        #expect(base.hasPrefix("C "), "\(base)")
        #expect(base.contains("file"))
        // SYN files say C 1820 W 2000 (any window works; the steps are what is checked).
        let numbers = { (s: String) -> [Double] in s.split(separator: " ").compactMap { Double($0) } }
        let (c0, w0) = (numbers(base)[0], numbers(base)[1])
        let narrowed = try #require(window(run.before[2]))
        #expect(numbers(narrowed) == [c0, (w0 / 1.25).rounded()])
        #expect(narrowed.contains("adjusted"))
        #expect(numbers(try #require(window(run.before[4]))) == [c0, (w0 * 1.25).rounded()])
        #expect(numbers(try #require(window(run.before[5]))) == [(c0 - 0.05 * w0).rounded(), (w0 * 1.25).rounded()])
        #expect(numbers(try #require(window(run.before[7]))) == [(c0 + 0.05 * w0).rounded(), (w0 * 1.25).rounded()])
        #expect(try #require(window(run.screen)) == base)
        #expect(run.screen.contains("Window, invert and zoom reset"))
        // The picture changed with the window.
        #expect(run.before[1] != run.before[2])
    }

    @Test func resetUndoesWindowInvertZoomAndPan() async throws {
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("Enter 1 + + l j w c i r"))
        // before[9]: zoomed twice, panned, window changed and inverted; then r.
        let changed = run.before[9]
        #expect(changed.contains("Zoom     2×") && changed.contains("inverted") && changed.contains("adjusted"), "\(changed)")
        let reset = try #require(run.final.reading)
        #expect(reset.zoom == ZoomState() && !reset.invert && reset.window == WindowAdjustment())
        #expect(reset.layout == .single(.rightCC), "the layout stays")
        let message = "Window, invert and zoom reset"
        #expect(run.screen.contains(message))
        // The same screen as the single view before any change, but for the status line (50 rows).
        func aboveStatus(_ screen: String) -> [Substring] { Array(screen.split(separator: "\n", omittingEmptySubsequences: false).prefix(49)) }
        #expect(aboveStatus(run.screen) == aboveStatus(run.before[2]))
    }

    @Test func invertChangesThePicture() async throws {
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("Enter i"))
        #expect(run.screen.contains("inverted"))
        #expect(run.before[1] != run.screen)
    }

    @Test func overlayToggleDrawsTheTruthInColour() async throws {
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("Enter o o"))
        #expect(run.before[2].contains("Overlay  ground truth"))
        #expect(run.screen.contains("Overlay  off"))
        // The overlay frame has red cells (malignant outline and heat) the plain one lacks.
        let image = ReadingScreen.layout(Size(width: 160, height: 50)).image
        func reddish(_ frame: RecordedFrame?) -> Int {
            frame?.colourCount(in: image) { Int($0.r) > Int($0.g) + 60 } ?? 0
        }
        let withOverlay = run.frames.last { $0.text.contains("Overlay  ground truth") && Self.brailleCount($0.text) > 300 }
        let without = run.frames.last { $0.text.contains("Overlay  off") && Self.brailleCount($0.text) > 300 }
        #expect(reddish(withOverlay) > 5)
        #expect(reddish(without) == 0)
    }

    @Test func nextFindingShowsItsViewZoomedOnIt() async throws {
        // The findings are the synthetic truth's: listed (and stepped through) once o shows it.
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("Enter o n n N"))
        let first = run.before[3]
        #expect(first.contains("Finding 1 of 2: mass, malignant, RCC"))
        #expect(first.contains("mammoterm · SYN-0004 · 2025-12-20 · RCC "))
        #expect(run.before[3].contains("zoom "))
        #expect(run.before[4].contains("Finding 2 of 2: mass, malignant, RMLO"))
        #expect(run.screen.contains("Finding 1 of 2"))
        let zoom = try #require(run.final.reading?.zoom)
        #expect(zoom.isZoomed)
        #expect(run.final.reading?.findings.selectedRow == 0)
    }

    @Test func priorComparisonShowsBothExamsOfOneView() async throws {
        // SYN-0003 (2025-04-26) has a prior from 2023-04-06. From the four views p compares all
        // four (LayoutScreenTests); a number then compares that one view.
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("/ 0003 Enter Enter 1 p 2 p"))
        let compare = run.before[run.before.count - 2]
        #expect(compare.contains("Current 2025-04-26 · RCC"))
        #expect(compare.contains("Prior 2023-04-06 · RCC"))
        #expect(compare.contains("Prior    2023-04-06"))
        #expect(run.before[run.before.count - 1].contains("Layout   LCC current vs prior"))
        #expect(run.before[run.before.count - 1].contains("Prior 2023-04-06 · LCC"))
        #expect(run.screen.contains("Layout   LCC"))
        let noPrior = try await WorkstationHarness.run(try WorkstationHarness.keys("Enter p"))
        #expect(noPrior.screen.contains("No prior exam for this patient"))
    }

    @Test func helpListsEveryKeyOfTheScreen() async throws {
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("Enter ? x"))
        let help = run.before[2]
        #expect(help.contains("Keys — reading"))
        for binding in ReadingKeymap.bindings {
            #expect(help.contains(binding.label), "help lacks \(binding.label)")
            #expect(help.contains(binding.action), "help lacks \(binding.action)")
        }
        // Every bound key maps to its command, and every command is reachable by a key.
        for binding in ReadingKeymap.bindings {
            for (key, command) in zip(binding.keys, binding.commands) { #expect(ReadingKeymap.command(for: key) == command) }
        }
        #expect(!run.screen.contains("Keys — reading"))
        #expect(run.final.screen == .reading)
    }

    @Test func qGoesBackToTheWorklistOnTheSameStudyAndQQuits() async throws {
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("j Enter q q j"))
        #expect(run.before[2].contains("SYN-0009 · 2025-10-14"))
        let back = run.before[3]
        #expect(back.contains("mammoterm · Worklist"))
        #expect(back.contains(" SYN-0009 · SYNTH, PATIENT 0009"))
        #expect(run.final.isFinished)
        #expect(run.before.count == 4)
    }

    @Test func nextStudyKeyOpensTheFollowingWorklistRowPrefetched() async throws {
        let service = try WorkstationHarness.service()
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("Enter ] ["), service: service)
        #expect(run.before[2].contains("mammoterm · SYN-0009 · 2025-10-14"))
        #expect(run.screen.contains("mammoterm · SYN-0004 · 2025-12-20"))
        // The next study was prefetched while the first was read: its study and first picture
        // were in memory when "]" was pressed.
        let nextUID = try #require(run.final.worklist.entries.first { $0.patientID == "SYN-0009" }?.studyInstanceUID)
        #expect(service.cachedStudy(nextUID) != nil)
    }

    @Test func tinyTerminalsDegradeWithoutTrapping() async throws {
        let events: [Event] = [.press(.enter), .resize(Size(width: 30, height: 8)), .press("1"), .press("+"), .press("?"),
                               .press("x"), .resize(Size(width: 1, height: 1)), .press("0"), .resize(Size(width: 0, height: 0)),
                               .press("w"), .resize(Size(width: 60, height: 20)), .press("o"), .press("n")]
        let run = try await WorkstationHarness.run(events)
        #expect(run.final.screen == .reading)
        #expect(run.screen.contains("Finding 1 of 2"))
    }

    @Test func resizeRedrawsThePictureForTheNewArea() async throws {
        let run = try await WorkstationHarness.run([.press(.enter), .resize(Size(width: 100, height: 30)), .press("1")])
        let small = run.before[2]
        let lines = small.split(separator: "\n")
        #expect(lines.count <= 30 && lines.allSatisfy { $0.count <= 100 })
        #expect(small.contains("Findings"))
        #expect(small.contains("not for diagnosis"))
        #expect(Self.brailleCount(small) > 200)
        let picture = try #require(run.final.reading?.picture)
        let area = ReadingScreen.layout(Size(width: 100, height: 30)).image.size
        #expect(picture.key.cells == area)
        #expect(run.screen.contains("Layout   RCC"))
    }
}
