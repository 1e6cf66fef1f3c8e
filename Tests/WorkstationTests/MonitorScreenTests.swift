// The monitor screen (M) drawn into a cell buffer and driven by keys through the real reducer,
// on a hand-made overview: three sites over 12 weekly windows, Site C drifting from window 7
// with alarms. Checks the fit at 80x24 and 160x50, the alarm highlight, selection, the detail
// panel, Enter's drill-down to the worklist and the way back.
import Foundation
import MammoCore
import TerminalTestSupport
import Testing
import TUI
import Workstation

@Suite("Monitor screen")
struct MonitorScreenTests {
    static let sites = ["site=Site A", "site=Site B", "site=Site C"]
    /// The drifting site, and the first window it drifts in (window 7, the week of 2026-02-16).
    static let drifting = 2, driftFrom = 6

    /// 12 weekly windows from Monday 2026-01-05 per site; each window lists two of `studies`.
    static func overview(studies: [String] = (0..<40).map { "1.2.826.0.1.\($0)" }) -> MonitorOverview {
        let day = DateFormatter()
        day.dateFormat = "yyyy-MM-dd"
        day.timeZone = TimeZone(identifier: "UTC")
        day.locale = Locale(identifier: "en_US_POSIX")
        let first = day.date(from: "2026-01-05") ?? Date(timeIntervalSince1970: 0)
        let series = sites.enumerated().map { s, name in
            MonitorSeries(stratum: name, points: (0..<12).map { k in
                let start = first.addingTimeInterval(Double(k * 7) * 86_400), end = start.addingTimeInterval(6 * 86_400)
                let drifted = s == drifting && k >= driftFrom
                let wobble = Double(k % 3) * 0.01
                let picked = studies.isEmpty ? [] : [studies[(s * 12 + k) % studies.count], studies[(s * 12 + k + 1) % studies.count]]
                return MonitorPoint(
                    start: day.string(from: start), end: day.string(from: end), exams: 40 + k + s,
                    scoreDrift: drifted ? 0.45 + 0.01 * Double(k - driftFrom) : 0.05 + wobble,
                    inputDrift: drifted ? 0.38 : 0.04 + wobble, aiPositiveRate: drifted ? 0.22 : 0.10 + wobble / 2,
                    estimatedAUC: drifted ? 0.74 : 0.85 - wobble, recallRate: 0.09,
                    alarms: drifted ? ["score KS \(String(format: "%.2f", 0.45 + 0.01 * Double(k - driftFrom))) > limit 0.21",
                                       "input KS 0.38 > limit 0.20"] : [],
                    details: ["score KS with 95% interval and bootstrap limit 0.21", "suggestion: check the site's acquisition"],
                    studies: picked)
            })
        }
        return MonitorOverview(title: "model demo-1 · reference 2025-12 · weekly windows · by site", series: series,
                               notes: ["operating point: keep the threshold at 0.40"])
    }

    static func state(_ size: Size, overview: MonitorOverview? = MonitorScreenTests.overview()) -> WorkstationState {
        var state = WorkstationApp.initialState(entries: [], size: size, theme: .builtIn, graphics: SampleLibrary.graphics(.braille).choice,
                                                readerID: "tester", libraryPath: "memory")
        state.screen = .monitor
        state.monitor = MonitorScreenState(overview: overview)
        state.message = ""
        return state
    }

    static func draw(_ state: WorkstationState) -> CellBuffer {
        var frame = Frame(size: state.size)
        WorkstationApp.draw(state, into: &frame)
        return frame.buffer
    }

    static func lines(_ buffer: CellBuffer) -> [String] { buffer.lines }

    /// The row of the buffer holding `text`, and the column it starts at (in cells).
    static func find(_ text: String, in buffer: CellBuffer) -> (x: Int, y: Int)? {
        for (y, line) in lines(buffer).enumerated() {
            guard let range = line.range(of: text) else { continue }
            return (String(line[..<range.lowerBound]).terminalWidth, y)
        }
        return nil
    }

    @Test(arguments: [Size(width: 80, height: 24), Size(width: 160, height: 50)])
    func fitsAndStaysAligned(size: Size) throws {
        let state = Self.state(size)
        let buffer = Self.draw(state)
        let lines = Self.lines(buffer)
        #expect(lines.count == size.height && lines.allSatisfy { $0.terminalWidth <= size.width })
        #expect(lines[0].contains("mammoterm · Monitor") && lines[0].contains("not for diagnosis"), "\(lines[0])")
        // Every stratum listed with its latest n, the drifting one marked; the panels' right edges intact.
        var rows: [Int] = []
        for (s, site) in Self.sites.enumerated() {
            let at = try #require(Self.find(site, in: buffer), "\(site) shown:\n\(buffer.text)")
            rows.append(at.y)
            #expect(lines[at.y].contains(" \(40 + 11 + s) "), "latest n of \(site): \(lines[at.y])")
            #expect(lines[at.y].contains("▲ \(site)") == (s == Self.drifting), "\(lines[at.y])")
        }
        #expect(rows[0] < rows[1] && rows[1] - rows[0] == rows[2] - rows[1], "one block height per stratum: \(rows)")
        for y in 1..<(size.height - 1) {
            let edge = buffer[size.width - 1, y].character
            #expect("┃┓┛│╮╯".contains(edge), "right border at row \(y): \(lines[y])")
        }
        // The latest values, in the same columns on every stratum's line.
        let c = rows[Self.drifting], a = rows[0]
        #expect(lines[c].contains("0.50") && lines[c].contains("0.38") && lines[c].contains("22%") && lines[c].contains("0.74"), "\(lines[c])")
        #expect(lines[a].contains("0.06") && lines[a].contains("11%") && lines[a].contains("0.83"), "\(lines[a])")
        for value in [("0.38", "0.06"), ("22%", "11%")] {
            let x1 = try #require(lines[c].range(of: value.0)).lowerBound, x2 = try #require(lines[a].range(of: value.1)).lowerBound
            #expect(String(lines[c][..<x1]).terminalWidth == String(lines[a][..<x2]).terminalWidth, "\(value) aligned")
        }
        // Braille sparklines on each stratum's line.
        for y in rows { #expect(lines[y].unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) }, "\(lines[y])") }
        #expect(lines.contains { $0.contains("Stratum") && $0.contains("score drift") && $0.contains("est. AUC") })
    }

    @Test func theAlarmedStratumIsInTheThemesErrorStyleWithItsWindowsMarked() throws {
        let state = Self.state(Size(width: 160, height: 50))
        let buffer = Self.draw(state)
        let style = state.settings.style
        let c = try #require(Self.find("site=Site C", in: buffer)), a = try #require(Self.find("site=Site A", in: buffer))
        #expect(buffer[c.x, c.y].foreground == style.error.foreground)
        #expect(buffer[a.x, a.y].foreground != style.error.foreground)
        // The marker row under each sparkline: ▲ at the six alarmed windows of Site C (score and
        // input drift only: the alarms name them), none under Site A.
        let lines = Self.lines(buffer)
        let markers = Array(lines[c.y + 2])
        let triangles = markers.indices.filter { markers[$0] == "▲" }
        #expect(triangles.count == 12, "6 windows under each of the 2 named charts: \(lines[c.y + 2])")
        #expect(triangles.allSatisfy { buffer[$0, c.y + 2].foreground == style.error.foreground })
        #expect(!lines[a.y + 2].contains("▲"))
        #expect(!lines[a.y + 1].contains("▲") && !lines[a.y].contains("▲"))
    }

    @Test func jAndLMoveTheSelectionAndTheDetailFollows() async throws {
        let events = try WorkstationHarness.keys("j j h")
        let run = try await WorkstationHarness.run(events, size: Size(width: 160, height: 50)) { state in
            state.screen = .monitor
            state.monitor = MonitorScreenState(overview: Self.overview())
        }
        let monitor = try #require(run.final.monitor)
        #expect(monitor.selectedSeries?.stratum == "site=Site C")
        #expect(monitor.selectedPoint?.start == "2026-03-16", "one window before the latest (2026-03-23)")
        let screen = run.screen
        let title = try #require(screen.line(containing: "site=Site C · window 11 of 12"), "\(screen)")
        #expect(title.contains("2026-03-16 to 2026-03-22") && title.contains("n 52"), "\(title)")
        #expect(screen.contains("▲ score KS 0.49 > limit 0.21") && screen.contains("▲ input KS 0.38 > limit 0.20"), "\(screen)")
        #expect(screen.contains("suggestion: check the site's acquisition"))
        // Before the keys: Site A's latest window, quiet.
        #expect(run.before.first?.contains("site=Site A · window 12 of 12") == true)
        #expect(run.before.first?.contains("no alarm") == true)
        // The alarm lines are in the error style.
        let buffer = try #require(run.frames.last?.buffer)
        let at = try #require(Self.find("▲ score KS 0.49", in: buffer))
        #expect(buffer[at.x, at.y].foreground == run.final.settings.style.error.foreground)
    }

    @Test func enterShowsTheWindowsStudiesOnTheWorklistAndEscShowsThemAll() async throws {
        let entries = try WorkstationHarness.sharedService().library.worklist()
        let uids = entries.map(\.studyInstanceUID)
        // Site C, window 7 (the first drifted one): j j, then h back from the latest window 5 times.
        let events = try WorkstationHarness.keys("j j h h h h h Enter")
        let run = try await WorkstationHarness.run(events + [.key(.escape)], size: Size(width: 160, height: 50)) { state in
            state.screen = .monitor
            state.monitor = MonitorScreenState(overview: Self.overview(studies: uids))
        }
        let window = Self.overview(studies: uids).series[Self.drifting].points[Self.driftFrom].studies
        let drilled = try #require(run.before.last)
        let title = try #require(drilled.line(containing: "Worklist — "), "\(drilled)")
        #expect(title.contains("Worklist — \(Set(window).count) of \(entries.count) studies · monitor: site=Site C, week of 2026-02-16"), "\(title)")
        #expect(drilled.contains("mammoterm · Worklist"))
        let shownRows = drilled.split(separator: "\n").filter { $0.hasPrefix("┃SYN-") }
        #expect(shownRows.count == Set(window).count, "\(shownRows)")
        // Esc: the plain worklist again.
        #expect(run.final.screen == .worklist && run.final.worklist.restriction == nil)
        #expect(run.final.worklist.visible.count == entries.count)
        #expect(run.screen.contains("Worklist — \(entries.count) studies ━"), "\(run.screen)")
        #expect(run.final.monitor != nil, "kept for M to come back to the same window")
    }

    @Test func fClearsTheMonitorsWindowLikeASearch() async throws {
        let uids = try WorkstationHarness.sharedService().library.worklist().map(\.studyInstanceUID)
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("Enter f"), size: Size(width: 120, height: 30)) { state in
            state.screen = .monitor
            state.monitor = MonitorScreenState(overview: Self.overview(studies: uids))
        }
        #expect(run.before.last?.contains("· monitor: site=Site A, week of 2026-03-23") == true, "\(run.before.last ?? "")")
        #expect(run.final.worklist.restriction == nil && run.final.worklist.filter == .all, "f leaves the window, not the filter")
        #expect(run.final.message == "Showing every study")
    }

    @Test func qGoesBackToThePlainWorklistAndQuestionMarkListsTheKeys() async throws {
        let help = try await WorkstationHarness.run(try WorkstationHarness.keys("?"), size: Size(width: 100, height: 30)) { state in
            state.screen = .monitor
            state.monitor = MonitorScreenState(overview: Self.overview())
        }
        #expect(help.screen.contains("Keys — monitor") && help.screen.contains("the window's studies on the worklist"), "\(help.screen)")
        let back = try await WorkstationHarness.run(try WorkstationHarness.keys("j q"), size: Size(width: 100, height: 30)) { state in
            state.screen = .monitor
            state.monitor = MonitorScreenState(overview: Self.overview())
        }
        #expect(back.final.screen == .worklist && back.final.monitor == nil && back.final.worklist.restriction == nil)
        #expect(back.screen.contains("mammoterm · Worklist") && back.screen.contains("Worklist — 13 studies"))
        // Enter on a window, M back to the monitor (kept at that window while computed again), q: every study.
        let uids = try WorkstationHarness.sharedService().library.worklist().map(\.studyInstanceUID)
        let again = try await WorkstationHarness.run(try WorkstationHarness.keys("Enter M q"), size: Size(width: 100, height: 30)) { state in
            state.screen = .monitor
            state.monitor = MonitorScreenState(overview: Self.overview(studies: uids))
        }
        #expect(again.before[1].contains("· monitor: site=Site A, week of 2026-03-23"), "\(again.before[1])")
        #expect(again.before[2].contains("mammoterm · Monitor"), "\(again.before[2])")
        #expect(again.final.screen == .worklist && again.final.worklist.restriction == nil)
        #expect(again.screen.contains("Worklist — 13 studies"), "\(again.screen)")
    }

    /// M on the worklist: the monitor screen, computing off the loop (whatever the library gives).
    @Test func mOpensTheMonitorAndTheWorklistHelpListsIt() async throws {
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("M"), size: Size(width: 100, height: 30))
        #expect(run.final.screen == .monitor && run.final.monitor != nil)
        #expect(run.screen.contains("mammoterm · Monitor"))
        let help = try await WorkstationHarness.run(try WorkstationHarness.keys("?"), size: Size(width: 160, height: 50))
        #expect(help.screen.contains("R M ") && help.screen.contains("monitor (AI drift, alarms)"), "\(help.screen)")
    }

    @Test func whileComputingAndOnFailureATextIsCentred() throws {
        var state = Self.state(Size(width: 80, height: 24), overview: nil)
        let computing = Self.lines(Self.draw(state))
        let line = try #require(computing.first { $0.contains("Computing the monitor (bootstrap alarm limits)…") })
        let left = try #require(line.range(of: "Computing")).lowerBound
        let indent = String(line[..<left]).terminalWidth, text = MonitorScreen.computingText.terminalWidth
        #expect(abs(indent - (80 - text) / 2) <= 1, "centred: \(line)")
        state.monitor?.failure = "cannot compute the monitor: no AI results in the library"
        let failed = Self.draw(state)
        let at = try #require(Self.find("cannot compute the monitor: no AI results in the library", in: failed))
        #expect(failed[at.x, at.y].foreground == state.settings.style.error.foreground)
        #expect(!Self.lines(failed).contains { $0.contains("Computing") })
    }

    /// The overview arriving while the monitor is shown: the first time on the latest window;
    /// computed again, on the same stratum and window.
    @Test func theOverviewArrivesThroughTheReducerAndARecomputationKeepsTheSelection() async throws {
        let overview = Self.overview()
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("j h h"), size: Size(width: 100, height: 30),
                                                   initialActions: [.monitorReady(.success(overview))]) { state in
            state.screen = .monitor
            state.monitor = MonitorScreenState()
        }
        var monitor = try #require(run.final.monitor)
        #expect(monitor.selectedSeries?.stratum == "site=Site B" && monitor.selectedPoint?.start == "2026-03-09")
        var next = overview
        next.series.insert(MonitorSeries(stratum: "all", points: overview.series[0].points), at: 0)
        monitor.show(next)
        #expect(monitor.selectedSeries?.stratum == "site=Site B" && monitor.selectedPoint?.start == "2026-03-09")
    }

    /// Small and odd sizes: everything clipped to the screen, nothing traps.
    @Test(arguments: [Size(width: 20, height: 5), Size(width: 45, height: 12), Size(width: 100, height: 30), Size(width: 240, height: 70)])
    func otherSizesDrawInsideTheScreen(size: Size) {
        var overview = Self.overview()
        overview.series += (0..<9).map { MonitorSeries(stratum: "device=Unit \($0)", points: Array(overview.series[0].points.prefix($0))) }
        var state = Self.state(size, overview: overview)
        for _ in 0..<12 {
            let buffer = Self.draw(state)
            #expect(buffer.lines.count == size.height && buffer.lines.allSatisfy { $0.terminalWidth == size.width })
            state.monitor?.moveStratum(by: 1)
        }
        #expect(state.monitor?.selectedSeries?.stratum == "device=Unit 8", "the last stratum is reached and kept")
        if size.height >= 30 {
            #expect(Self.draw(state).lines.contains { $0.contains("device=Unit 8") }, "the selected stratum is scrolled into view")
        }
    }

    /// A stratum without the first six weeks (a site that joined later) keeps its weeks under
    /// the same columns as the others, and its selected window is marked where that week is.
    @Test func strataShareOneTimeAxis() throws {
        var overview = Self.overview()
        overview.series[1].points.removeFirst(6)
        let buffer = Self.draw(Self.state(Size(width: 160, height: 50), overview: overview))
        let lines = Self.lines(buffer)
        let a = try #require(Self.find("site=Site A", in: buffer)).y, b = try #require(Self.find("site=Site B", in: buffer)).y
        // The latest week's marker (·) in the same column for both.
        let dotsA = Array(lines[a + 2]).indices.filter { Array(lines[a + 2])[$0] == "·" }
        let dotsB = Array(lines[b + 2]).indices.filter { Array(lines[b + 2])[$0] == "·" }
        #expect(dotsA == dotsB && dotsA.count == 4, "\(dotsA) \(dotsB)")
        // Site B's sparklines start halfway: nothing drawn in their first columns.
        let score = try #require(Self.find("score drift", in: buffer))
        let firstCells = [lines[b], lines[b + 1]].map { String(Array($0)[score.x..<(score.x + 8)]) }
        #expect(firstCells.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty }, "\(firstCells)")
        let drawnA = [lines[a], lines[a + 1]].map { String(Array($0)[score.x..<(score.x + 8)]) }
        #expect(drawnA.contains { !$0.trimmingCharacters(in: .whitespaces).isEmpty }, "\(drawnA)")
        #expect(overview.windowStarts.count == 12)
        #expect(overview.series[1].axisPositions(on: overview.windowStarts) == Array(6..<12))
    }

    @Test func longStratumNamesAreCutWithAnEllipsis() throws {
        var overview = Self.overview()
        overview.series[1].stratum = "device=Hologic Selenia Dimensions serial 0042 (room 3)"
        let buffer = Self.draw(Self.state(Size(width: 80, height: 24), overview: overview))
        let line = try #require(Self.lines(buffer).first { $0.contains("device=Holo") })
        #expect(line.contains("…") && !line.contains("serial 0042"), "\(line)")
        #expect(line.contains(" 52 "), "the n still shows: \(line)")
    }

    @Test func theSparklineRisesWithItsValuesAndLeavesGaps() {
        let chart = MonitorChart(width: 6, rows: 1)
        let rising = chart.lines([0, 0.2, 0.4, 0.6, 0.8, 1.0], range: 0...1)
        #expect(rising.count == 1 && rising[0].count == 6)
        // The first cell's lowest dots, the last cell's highest.
        let scalars = Array(rising[0].unicodeScalars)
        #expect(scalars[0].value & 0x40 != 0 && scalars[5].value & 0x08 != 0, "\(rising)")
        #expect(chart.column(ofWindow: 0, count: 6) == 0 && chart.column(ofWindow: 5, count: 6) == 5)
        let gap = chart.lines([0.5, nil, nil, nil, nil, 0.5], range: 0...1)
        #expect(Array(gap[0])[2] == " " && Array(gap[0])[3] == " ", "\(gap)")
        let tall = MonitorChart(width: 4, rows: 2).lines([0, 1], range: 0...1)
        #expect(tall.count == 2)
    }
}
