// Puts the workstation together as a TUI `App`: its first state, the event mapping, the
// reducer, the draw function and when it is done. The command line chooses the backend.
import MammoCore
import Store
import TermGraphics
import TUI

public enum WorkstationApp {
    /// The state the workstation starts in, on the worklist. `readStages`: this reader's
    /// decisions under the session's protocol (`Database.readStages`), the Read column.
    public static func initialState(entries: [WorklistEntry], size: Size, theme: Theme, graphics: GraphicsChoice,
                                    readerID: String, libraryPath: String, flagged: Set<String> = [],
                                    readStages: [String: ReadStage] = [:],
                                    session: ReadingSession = ReadingSession()) -> WorkstationState {
        let settings = WorkstationSettings(style: ScreenStyle(theme: theme), themeName: theme.name,
                                           graphics: shortName(graphics), isSixel: graphics.mode == .sixel,
                                           readerID: readerID, libraryPath: libraryPath, session: session)
        let (shown, labels) = worklistRows(entries, session: session)
        var state = WorkstationState(size: size, worklist: WorklistState(entries: shown, flagged: flagged, readStages: readStages, aiLabels: labels),
                                     settings: settings)
        state.message = entries.isEmpty ? "The library has no studies: run `mammoterm import FOLDER` first" : "Graphics: \(graphics.reason)"
        return state
    }

    /// The worklist's rows and AI column as the protocol allows; the scores themselves leave
    /// the worklist unless they may be shown, so nothing downstream can draw them.
    static func worklistRows(_ entries: [WorklistEntry], session: ReadingSession) -> (shown: [WorklistEntry], labels: [String]) {
        let labels = entries.map { session.worklistLabel($0.ai) }
        let shown = session.readingProtocol == .concurrent ? entries : entries.map { e -> WorklistEntry in
            var e = e
            e.ai = nil
            return e
        }
        return (shown, labels)
    }

    /// `environment`: the clock, ids and write lane the reducer uses (fixed ones in tests).
    public static func make(state: WorkstationState, service: ReadingService, environment: WorkstationEnvironment = WorkstationEnvironment(),
                            initialActions: [WorkstationAction] = []) -> App<WorkstationState, WorkstationAction> {
        let reducer = WorkstationReducer(service: service, environment: environment)
        var app = App(
            initialState: state,
            actionForEvent: { event, _ in .event(event) },
            reduce: { state, action, effects in reducer.reduce(&state, action, effects) },
            draw: draw,
            isFinished: { $0.isFinished })
        app.initialActions = initialActions
        return app
    }

    public static func draw(_ state: WorkstationState, into frame: inout Frame) {
        let style = state.settings.style
        frame.buffer.fill(frame.bounds, with: Cell(" ", style: style.base))
        switch state.screen {
        case .worklist: WorklistScreen.draw(state, into: &frame.buffer)
        case .reading: ReadingScreen.draw(state, into: &frame)
        case .report: ReportScreen.draw(state, into: &frame.buffer)
        case .monitor: MonitorScreen.draw(state, into: &frame.buffer)
        }
        if state.showsHelp {
            let (title, sections): (String, [HelpOverlay.Section]) = switch state.screen {
            case .worklist: ("Keys — worklist", WorklistKeymap.helpSections)
            case .reading where state.reading?.annotation != nil: ("Keys — annotation", AnnotationKeymap.helpSections)
            case .reading: ("Keys — reading", ReadingKeymap.helpSections)
            case .report: ("Keys — report", [HelpOverlay.Section("Report", ReportScreen.hints + [KeyHint("?", "this help")])])
            case .monitor: ("Keys — monitor", MonitorScreen.helpSections)
            }
            HelpOverlay(title: title, sections: sections, style: style.help, footer: "any key closes")
                .render(into: &frame.buffer, in: frame.bounds)
        }
    }

    /// "braille · 256 colours", "sixel · 256 registers".
    static func shortName(_ choice: GraphicsChoice) -> String {
        switch choice.mode {
        case .sixel: return "sixel · \(choice.sixelRegisters) registers"
        case .ascii: return "ASCII"
        case .braille, .blocks:
            let depth: String = switch choice.depth {
            case .truecolor: "24-bit"
            case .palette256: "256 colours"
            case .monochrome: "no colour"
            }
            return "\(choice.mode == .braille ? "braille" : "half blocks") · \(depth)"
        }
    }
}
