// The screens drawn whole, cell for cell: the worklist, its help and search field, the reading
// screen's text (title, labels, findings and study panels, the decision form, the annotation
// panel, the status line) and the report. A layout change shows as a side-by-side diff of the screen. The pictures are
// left out (the reading state's picture is dropped before drawing): their cells are the
// renderer's, checked by the reading and golden tests.
import Foundation
import MammoCore
import TerminalTestSupport
import Testing
import TUI
import Workstation

@Suite("Screens drawn whole")
struct ScreenBufferTests {
    /// `state` drawn on a fresh frame of its size, without the picture.
    static func draw(_ state: WorkstationState) -> CellBuffer {
        var state = state
        state.reading?.picture = nil
        var frame = Frame(size: state.size)
        WorkstationApp.draw(state, into: &frame)
        return frame.buffer
    }

    @Test func worklist() async throws {
        let run = try await WorkstationHarness.run([], size: Size(width: 120, height: 20))
        let b = Self.draw(run.final)
        expectBuffer(b, equals: [
            " mammoterm · Worklist                                               Research and demonstration only — not for diagnosis",
            "┏ Worklist — 13 studies ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓",
            "┃Patient ID   Name                       Date       Views             Prior AI     Read Flag Where    Description      ┃",
            "┃SYN-0004     SYNTH, PATIENT 0004        2025-12-20 RCC LCC RMLO LMLO                        local    SYNTHETIC SCREEN…┃",
            "┃SYN-0009     SYNTH, PATIENT 0009        2025-10-14 RCC LCC RMLO LMLO                        local    SYNTHETIC SCREEN…┃",
            "┃SYN-0002     SYNTH, PATIENT 0002        2025-10-06 RCC LCC RMLO LMLO                        local    SYNTHETIC SCREEN…┃",
            "┃SYN-0010     SYNTH, PATIENT 0010        2025-09-27 RCC LCC RMLO LMLO                        local    SYNTHETIC SCREEN…┃",
            "┃SYN-0006     SYNTH, PATIENT 0006        2025-08-26 RCC LCC RMLO LMLO yes                    local    SYNTHETIC SCREEN…┃",
            "┃SYN-0007     SYNTH, PATIENT 0007        2025-07-14 RCC LCC RMLO LMLO                        local    SYNTHETIC SCREEN…┃",
            "┃SYN-0001     SYNTH, PATIENT 0001        2025-05-06 RCC LCC RMLO LMLO yes                    local    SYNTHETIC SCREEN…┃",
            "┃SYN-0003     SYNTH, PATIENT 0003        2025-04-26 RCC LCC RMLO LMLO yes                    local    SYNTHETIC SCREEN…┃",
            "┃SYN-0008     SYNTH, PATIENT 0008        2025-02-26 RCC LCC RMLO LMLO                        local    SYNTHETIC SCREEN…┃",
            "┃SYN-0005     SYNTH, PATIENT 0005        2025-01-25 RCC LCC RMLO LMLO                        local    SYNTHETIC SCREEN…┃",
            "┃SYN-0006     SYNTH, PATIENT 0006        2024-06-21 RCC LCC RMLO LMLO                        local    SYNTHETIC SCREEN…┃",
            "┃SYN-0001     SYNTH, PATIENT 0001        2024-03-17 RCC LCC RMLO LMLO                        local    SYNTHETIC SCREEN…┃",
            "┃SYN-0003     SYNTH, PATIENT 0003        2023-04-06 RCC LCC RMLO LMLO                        local    SYNTHETIC SCREEN…┃",
            "┃                                                                                                                      ┃",
            "┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛",
            " SYN-0004 · SYNTH, PATIENT 0004 · 2025-12-20 · 4 views · SYNTHETIC SCREENING MAMMOGRAM",
            " Graphics: braille, as asked, 256 colours     ? help  Enter open  / search  f filter  d dates  m flag  < > sort  q quit",
        ])
    }

    @Test func worklistSearchField() async throws {
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("/ 0003"), size: Size(width: 120, height: 10))
        let b = Self.draw(run.final)
        expectBuffer(b, equals: [
            " mammoterm · Worklist                                               Research and demonstration only — not for diagnosis",
            "┏ Worklist — 2 of 13 studies · search \"0003\" ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓",
            "┃Patient ID   Name                       Date       Views             Prior AI     Read Flag Where    Description      ┃",
            "┃SYN-0003     SYNTH, PATIENT 0003        2025-04-26 RCC LCC RMLO LMLO yes                    local    SYNTHETIC SCREEN…┃",
            "┃SYN-0003     SYNTH, PATIENT 0003        2023-04-06 RCC LCC RMLO LMLO                        local    SYNTHETIC SCREEN…┃",
            "┃                                                                                                                      ┃",
            "┃                                                                                                                      ┃",
            "┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛",
            " SYN-0003 · SYNTH, PATIENT 0003 · 2025-04-26 · 4 views · SYNTHETIC SCREENING MAMMOGRAM · prior available",
            " Search: 0003",
        ])
    }

    @Test func worklistHelp() async throws {
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("?"), size: Size(width: 120, height: 30))
        let b = Self.draw(run.final)
        expectBuffer(b, equals: [
            " mammoterm · Worklist                                               Research and demonstration only — not for diagnosis ",
            "┏ Worklist — 13 stud╔══════════════════════════════ Keys — worklist ═══════════════════════════════╗━━━━━━━━━━━━━━━━━━━┓",
            "┃Patient ID   Name  ║ Worklist                                                                     ║  Description      ┃",
            "┃SYN-0004     SYNTH,║ ↑↓ j k     move                                                              ║  SYNTHETIC SCREEN…┃",
            "┃SYN-0009     SYNTH,║ PgUp PgDn  page                                                              ║  SYNTHETIC SCREEN…┃",
            "┃SYN-0002     SYNTH,║ g G        first / last                                                      ║  SYNTHETIC SCREEN…┃",
            "┃SYN-0010     SYNTH,║ Enter      open                                                              ║  SYNTHETIC SCREEN…┃",
            "┃SYN-0006     SYNTH,║ < >        sort column                                                       ║  SYNTHETIC SCREEN…┃",
            "┃SYN-0007     SYNTH,║ r          reverse sort                                                      ║  SYNTHETIC SCREEN…┃",
            "┃SYN-0001     SYNTH,║                                                                              ║  SYNTHETIC SCREEN…┃",
            "┃SYN-0003     SYNTH,║ Studies                                                                      ║  SYNTHETIC SCREEN…┃",
            "┃SYN-0008     SYNTH,║ /          search patient, name, date or where                               ║  SYNTHETIC SCREEN…┃",
            "┃SYN-0005     SYNTH,║ Enter      open (a remote study is retrieved; its views show as they arrive) ║  SYNTHETIC SCREEN…┃",
            "┃SYN-0006     SYNTH,║ f          filter: all, unread, read, flagged, with prior, local, remote     ║  SYNTHETIC SCREEN…┃",
            "┃SYN-0001     SYNTH,║ F          ask the archives ([[pacs]]) for their studies                     ║  SYNTHETIC SCREEN…┃",
            "┃SYN-0003     SYNTH,║ d          dates: 2024, 2024-03, 2023..2024-06 (empty: any)                  ║  SYNTHETIC SCREEN…┃",
            "┃                   ║ m          flag / unflag the study (kept in the library)                     ║                   ┃",
            "┃                   ║ R M        report (reader study vs truth) · monitor (AI drift, alarms)       ║                   ┃",
            "┃                   ║ T          import ground truth found beside the studies                      ║                   ┃",
            "┃                   ║ ?          this help                                                         ║                   ┃",
            "┃                   ║ q          quit                                                              ║                   ┃",
            "┃                   ║ Ctrl-C     quit                                                              ║                   ┃",
            "┃                   ║                                                                              ║                   ┃",
            "┃                   ║ Search and date fields                                                       ║                   ┃",
            "┃                   ║ Enter      apply                                                             ║                   ┃",
            "┃                   ║ Esc        cancel                                                            ║                   ┃",
            "┃                   ║ Ctrl-U     clear                                                             ║                   ┃",
            "┗━━━━━━━━━━━━━━━━━━━║                                any key closes                                ║━━━━━━━━━━━━━━━━━━━┛",
            " SYN-0004 · SYNTH, P╚══════════════════════════════════════════════════════════════════════════════╝                    ",
            " Graphics: braille, as asked, 256 colours     ? help  Enter open  / search  f filter  d dates  m flag  < > sort  q quit ",
        ])
    }

    @Test func readingScreen() async throws {
        let run = try await WorkstationHarness.run([.press(.enter)], size: Size(width: 100, height: 24))
        let b = Self.draw(run.final)
        expectBuffer(b, equals: [
            " mammoterm · SYN-0004 · 2025-12-20 · RCC LCC / RMLO LMLO      Research use only — not for diagnosis",
            // No truth rows before o (the panel says why it lists nothing).
            " RCC / RMLO                                          LCC / LMLO ╭ Findings ────────────────────────╮",
            "                                                                │   No AI result for this study    │",
            "                                                                │     o shows the ground truth     │",
            "                                                                │                                  │",
            "                                                                │                                  │",
            "                                                                ╰──────────────────────────────────╯",
            "                                                                ╭ Study ───────────────────────────╮",
            "                                                                │Patient  SYN-0004                 │",
            "                                                                │Name     SYNTH, PATIENT 0004      │",
            "                                                                │Date     2025-12-20               │",
            "                                                                │Views    RCC LCC RMLO LMLO        │",
            "                           Rendering…                           │Prior    none                     │",
            "                                                                │Layout   RCC LCC / RMLO LMLO      │",
            "                                                                │Window   C 1917 W 2000 file       │",
            "                                                                │Zoom     1×                       │",
            "                                                                │Overlay  off                      │",
            "                                                                │Protocol concurrent · final       │",
            "                                                                │Graphics braille · 256 colours    │",
            "                                                                │Theme    reading-room             │",
            "                                                                │Reader   tester                   │",
            "                                                                │                                  │",
            "                                                                ╰──────────────────────────────────╯",
            " ? help  q worklist  1-4 0 views  + - zoom  w W c C window  a AI  n next finding  p prior  d decide",
        ])
    }

    /// The form in the side panels (the rest of the screen is the reading screen's, above) and the status line.
    @Test func decisionForm() async throws {
        let size = Size(width: 100, height: 18)
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("Enter d"), size: size)
        let b = Self.draw(run.final)
        let layout = ScreenLayout.of(size, findingCount: 2).reading
        expectBuffer(CellBuffer(lines: b.text(in: layout.side)), equals: [
            "┏ Decision · concurrent · final ━━━┓",
            "┃R BI-RADS  –                      ┃",
            "┃L BI-RADS  –                      ┃",
            "┃Suspicion  – / 100                ┃",
            "┃R density  –                      ┃",
            "┃L density  –                      ┃",
            "┃Recall     – (follows BI-RADS)    ┃",
            "┃Marks      none (x on a single vi…┃",
            "┃                                  ┃",
            "┃           0-5 · 4 then a b c     ┃",
            "┃           Enter submit · Esc clo…┃",
            "┃                                  ┃",
            "┃                                  ┃",
            "┃                                  ┃",
            "┃                                  ┃",
            "┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛",
        ])
        expectBuffer(CellBuffer(lines: b.text(in: layout.status)), equals: [
            // The form's keys, not the screen's (the form takes every key: `a` there is 4A or density A).
            " Decision (final): BI-RADS by its digit (4 then a b c) · digits…         0-5 BI-RADS  4 a b c 4A-4C ",
        ])
    }

    /// The annotation panel (no marks yet) in the side panels, the label row naming the annotator, the status line.
    @Test func annotationPanel() async throws {
        let size = Size(width: 100, height: 24)
        let database = try SampleLibrary.privateDatabase()
        let service = ReadingService(library: database, graphics: SampleLibrary.graphics(.braille), theme: .builtIn)
        let run = try await WorkstationHarness.run([], size: size, service: service, annotator: "alice", initialActions: [.openStudy("SYN-0003")])
        let b = Self.draw(run.final)
        let layout = ScreenLayout.of(size, findingCount: run.final.reading?.details?.findings.count ?? 0).reading
        let text = [layout.labels, layout.side, layout.status].flatMap { b.text(in: $0) }
        // The cursor's rulers: ▼ above it in the label row, ◀ beside it on the panel's border.
        expectBuffer(CellBuffer(lines: text), equals: [
            " RCC · annotating as alice · box               ▼",
            "┏ Annotations · alice ━━━━━━━━━━━━━┓",
            "┃#   View Type      Shape   BR Link┃",
            "┃ No marks yet: b e p . then Space ┃",
            "┃                                  ┃",
            "┃                                  ┃",
            "┃                                  ┃",
            "┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛",
            "╭ Mark ────────────────────────────╮",
            "│Cursor    416, 512 px on RCC      │",
            "│Tool      box · Space: first corn…│",
            "│Undo      0 steps                 │",
            "◀                                  │",
            "│                                  │",
            "│                                  │",
            "│                                  │",
            "│                                  │",
            "│                                  │",
            "│                                  │",
            "│                                  │",
            "│                                  │",
            "│                                  │",
            "╰──────────────────────────────────╯",
            " Annotating as alice: 0 marks so far · b e p . tool, Space place, ?…  ? help  q leave  b e p . tool ",
        ])
    }

    @Test func report() async throws {
        let run = try await WorkstationHarness.run([], size: Size(width: 80, height: 10))
        var state = run.final
        state.screen = .report
        state.report = ReportState(lines: (1...12).map { "line \($0) of the report" })
        state.report?.scroll(2, height: ReportScreen.textHeight(state.size))
        let b = Self.draw(state)
        expectBuffer(b, equals: [
            " mammoterm · Reader study report          Research use only — not for diagnosis",
            "┏ Report — lines 3–8 of 12 ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓",
            "┃ line 3 of the report                                                         ┃",
            "┃ line 4 of the report                                                         ┃",
            "┃ line 5 of the report                                                         ┃",
            "┃ line 6 of the report                                                         ┃",
            "┃ line 7 of the report                                                         ┃",
            "┃ line 8 of the report                                                         ┃",
            "┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛",
            " Graphics: braille, as asked, 256 colours        j k ↑ ↓ scroll  PgUp PgDn page ",
        ])
    }
}
