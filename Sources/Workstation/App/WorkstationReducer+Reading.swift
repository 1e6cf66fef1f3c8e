// Reading-screen keys through the keymap: views, zoom and pan, window and invert, prior,
// overlay, jumping to findings, moving between studies, help and back. Each changes the state
// only; the picture for the new state is requested afterwards.
import Imaging
import MammoCore
import Store
import TUI

extension WorkstationReducer {
    func readingEvent(_ event: Event, _ state: inout WorkstationState, _ effects: Effects<WorkstationAction>) {
        if state.reading?.annotation != nil {
            annotationEvent(event, &state, effects)
            return
        }
        let command: ReadingCommand?
        switch event {
        case .key(let key): command = ReadingKeymap.command(for: key)
        case .mouse(let mouse) where mouse.kind == .wheelUp: command = .zoomIn
        case .mouse(let mouse) where mouse.kind == .wheelDown: command = .zoomOut
        default: command = nil
        }
        if decisionFormEvent(event, &state, effects) { return }
        guard let command, state.reading != nil else { return }
        run(command, &state, effects)
        keepTools(&state, effects)
        // While the study opens, a key that changes how it is shown is kept in the state (the
        // picture is made from it once the study is open): say so rather than look ignored.
        if command.isKeptWhileOpening, state.message.isEmpty, let reading = state.reading, reading.details == nil, reading.failure == nil {
            state.message = Self.opening(reading, "kept: shown once it is open")
        }
        requestPicture(&state, effects)
    }

    /// The status line while the study is on its way, and what a key pressed now does.
    static func opening(_ reading: ReadingState, _ then: String) -> String {
        (reading.retrieval != nil ? "Retrieving the study… " : "Opening the study… ") + then
    }

    /// Whether the status line says the study is still opening (cleared once it is open).
    static func saysOpening(_ message: String) -> Bool {
        message.hasPrefix("Opening the study… ") || message.hasPrefix("Retrieving the study… ")
    }

    func run(_ command: ReadingCommand, _ state: inout WorkstationState, _ effects: Effects<WorkstationAction>) {
        guard var reading = state.reading else { return }
        defer { if state.screen == .reading && state.reading?.entry == reading.entry { state.reading = reading } }
        state.message = ""
        switch command {
        case .showView(let view):
            guard reading.presentViews.contains(view) else {
                state.message = "This study has no \(view.label) view"
                return
            }
            // In the comparison, the number picks the view compared; elsewhere it shows it alone.
            reading.layout = reading.layout.showsPrior ? .prior(view) : .single(view)
            reading.zoom = ZoomState()
        case .showFour:
            reading.layout = ReadingLayout(Self.multiView(state.settings.layout), prior: reading.layout.showsPrior)
            reading.zoom = ZoomState()
        case .zoomIn, .zoomOut:
            // Keeps the tool cursor's point, else the focused finding, else the view's centre where it is.
            reading.zoom = reading.zoomed(by: command == .zoomIn ? 1 : -1)
        case .pan(let dx, let dy):
            if reading.tools.showsCursor { stepCursor(dx: dx, dy: dy, big: false, &reading, &state); return }
            guard reading.zoom.isZoomed else {
                state.message = "Zoom in with + to pan"
                return
            }
            reading.zoom.pan(dx: dx, dy: dy)
        case .narrowWindow: reading.window.widthSteps -= 1
        case .widenWindow: reading.window.widthSteps += 1
        case .lowerCenter: reading.window.centerSteps -= 1
        case .raiseCenter: reading.window.centerSteps += 1
        case .resetWindow:
            // Back to the picture as first shown (the layout stays): window, invert, zoom and pan.
            reading.window = WindowAdjustment()
            reading.invert = false
            reading.zoom = ZoomState()
            let toolsWereOn = reading.tools.showsCursor
            reading.tools = ReadingTools()
            state.message = "Window, invert and zoom reset" + (toolsWereOn ? " · tools off" : "")
        case .invert:
            reading.invert.toggle()
        case .togglePrior:
            // The prior's same views beside (or under) the current ones, in whatever layout is shown.
            if reading.layout.showsPrior {
                reading.layout = ReadingLayout(reading.layout.hanging, prior: false)
            } else if reading.details?.prior != nil || (reading.details == nil && reading.entry.hasPrior) {
                reading.layout = ReadingLayout(reading.layout.hanging, prior: true)
            } else {
                state.message = "No prior exam for this patient"
            }
        case .cycleLayout where reading.tools.showsCursor:
            // H J K L move the tool cursor: L is its big step right while a tool is on.
            stepCursor(dx: 1, dy: 0, big: true, &reading, &state)
        case .cycleLayout, .toggleFitToBreast:
            changeLayout(command, &reading, &state, effects)
        case .toggleOverlay:
            // Independent of o: the truth's outlines stay as they are.
            if reading.overlay.ai {
                reading.overlay.ai = false
            } else if let hidden = reading.aiHiddenNotice {
                state.message = "\(hidden) (\(state.settings.session.readingProtocol.rawValue) protocol)"
                return
            } else if reading.details == nil {
                state.message = Self.opening(reading, "a works once it is open")
                return
            } else if reading.details?.ai == nil {
                state.message = "No AI result for this study: run `mammoterm analyze` (or import-findings)"
                return
            } else {
                reading.overlay.ai = true
            }
            state.message = overlayMessage(reading.overlay)
        case .toggleTruth:
            guard state.settings.session.showsTruth else {
                state.message = "Ground truth is hidden in a reading session"
                return
            }
            reading.overlay.truth.toggle()
            // The truth's rows come and go with its overlay (FindingsPanel).
            reading.showFindingsFromTheTop()
            state.message = overlayMessage(reading.overlay)
        case .lowerMapOpacity, .raiseMapOpacity, .toggleContours:
            adjustMap(command, &reading, &state)
        case .nextFinding, .previousFinding:
            jumpToFinding(forward: command == .nextFinding, &reading, &state)
        case .nextStudy, .previousStudy:
            let offset = command == .nextStudy ? 1 : -1
            guard let next = state.worklist.entry(after: reading.entry.studyInstanceUID, offset: offset) else {
                state.message = offset > 0 ? "This is the last study of the worklist" : "This is the first study of the worklist"
                return
            }
            open(next, &state, effects)
        case .decide:
            openDecision(&reading, &state, effects)
        case .mark:
            placeMark(&reading, &state)
        case .annotate:
            // Other annotators' marks may be ground truth: never inside a reader-study session.
            guard state.settings.session.showsTruth else { state.message = "Annotation is off in a reading session"; return }
            guard reading.form == nil else { state.message = "Close the decision form first (Esc)"; return }
            enterAnnotation(&reading, &state, effects)
        case .help:
            state.showsHelp = true
        case .back:
            if reading.retrieval != nil, let archive = service.archive {
                // q while retrieving: stop the transfer (what arrived stays in the library).
                let uid = reading.entry.studyInstanceUID
                effects.run { archive.cancel(uid); return nil }
            }
            state.screen = .worklist
            state.worklist.select(studyUID: reading.entry.studyInstanceUID, viewport: WorklistScreen.viewport(state.size))
            state.reading = nil
        case .quit:
            state.isFinished = true
        case .cancelTool:
            if !cancelMeasure(&reading, &state) { run(.back, &state, effects) }
        case .toggleMagnifier, .cycleMagnification, .toggleProbe, .measure, .setPoint, .nextCursorView, .moveCursor, .windowPreset:
            runTool(command, &reading, &state)
        }
    }

    /// The status line after a, o: what is drawn, and how each is told apart.
    func overlayMessage(_ overlay: OverlaySelection) -> String {
        let map = overlay.mapLabel(service.style.overlay.heatmap)
        switch (overlay.ai, overlay.truth) {
        // Short: the status line keeps its key hints beside the message.
        case (true, true): return "Overlay: AI + truth · AI boxes, \(map) · truth outlines"
        case (true, false): return "Overlay: AI · boxes numbered as listed · \(map)"
        case (false, true): return "Overlay: ground truth · outlines by pathology"
        case (false, false): return "Overlay: off"
        }
    }

    /// `<` `>` `e`: the AI map's opacity and mode, kept while the AI is off or hidden (nothing of
    /// it is drawn until a shows it) and said in the status line.
    func adjustMap(_ command: ReadingCommand, _ reading: inout ReadingState, _ state: inout WorkstationState) {
        let theme = service.style.overlay.heatmap
        switch command {
        case .toggleContours:
            reading.overlay.mapMode = reading.overlay.heatmap(theme).mode == .contour ? .blend : .contour
        default:
            reading.overlay.mapOpacity = reading.overlay.steppedOpacity(up: command == .raiseMapOpacity, theme: theme)
        }
        let style = reading.overlay.heatmap(theme)
        let shown = reading.overlay.ai || reading.aiHiddenNotice != nil ? "" : " (a shows the AI)"
        state.message = "AI map opacity \(Int((style.opacity * 100).rounded())) %, "
            + (style.mode == .contour ? "contour lines" : "filled") + shown
    }

    /// Selects the next (or previous) finding, shows its view alone and zooms to it.
    func jumpToFinding(forward: Bool, _ reading: inout ReadingState, _ state: inout WorkstationState) {
        let findings = reading.shownFindings
        guard let details = reading.details, !findings.isEmpty else {
            if reading.details == nil {
                state.message = Self.opening(reading, "n works once it is open")
            } else if let hidden = reading.aiHiddenNotice, !reading.overlay.truth {
                state.message = "\(hidden): no findings to step through"
            } else {
                state.message = "No findings shown in these views" +
                    (state.settings.session.showsTruth && !reading.overlay.truth ? " (o shows the ground truth)" : "")
            }
            return
        }
        let count = findings.count
        let index: Int
        if let current = reading.focusedFinding {
            index = ((current + (forward ? 1 : -1)) % count + count) % count
        } else {
            index = forward ? 0 : count - 1
        }
        reading.focusedFinding = index
        let panel = ReadingScreen.layout(state.size, findingCount: count).findings
        reading.findings.select(index, viewport: max(panel.height - 3, 1))
        let finding = findings[index]
        reading.layout = .single(finding.view)
        reading.zoom = Self.zoom(on: finding, facts: details.views[finding.view])
        let what = [finding.typeLabel, finding.pathologyLabel].filter { !$0.isEmpty }.joined(separator: ", ")
        state.message = "Finding \(finding.number) of \(count): \(what), \(finding.view.label)"
    }

    /// A zoom that shows the lesion about 40% of the view across, centred on it.
    static func zoom(on finding: Finding, facts: ViewFacts?) -> ZoomState {
        guard let facts, facts.storedWidth > 0, facts.storedHeight > 0 else {
            return ZoomState(step: 2, centerX: ZoomState.units / 2, centerY: ZoomState.units / 2)
        }
        let share = max(finding.box.width / Double(facts.storedWidth), finding.box.height / Double(facts.storedHeight), 0.01)
        var step = 0
        while step + 1 < ZoomState.factors.count && ZoomState.factors[step + 1] <= 4 && share * ZoomState.factors[step + 1] <= 0.4 { step += 1 }
        return ZoomState(step: step, centeredOn: finding.box.center, stored: facts.storedSize,
                         flipHorizontal: facts.flipHorizontal, flipVertical: facts.flipVertical)
    }
}

extension WorkstationReducer {
    /// `L` and `f`: the next layout (the prior kept on or off), remembered for this reader; fit
    /// to breast on or off, kept from study to study.
    func changeLayout(_ command: ReadingCommand, _ reading: inout ReadingState, _ state: inout WorkstationState,
                      _ effects: Effects<WorkstationAction>) {
        if command == .toggleFitToBreast {
            reading.fitToBreast.toggle()
            state.settings.fitToBreast = reading.fitToBreast
            let later = reading.fitToBreast && reading.zoom.isZoomed ? " (once zoomed out: zoom shows its own part)" : ""
            state.message = "Fit to breast \(reading.fitToBreast ? "on" : "off")\(later)"
            return
        }
        let singleView: ViewKey = if case .single(let view) = state.settings.layout { view } else { .rightCC }
        let next = reading.layout.hanging.next(singleView: singleView)
        reading.layout = ReadingLayout(next, prior: reading.layout.showsPrior)
        reading.zoom = ZoomState()
        state.settings.layout = next
        state.message = "Layout: \(next.label)"
        let reader = state.settings.readerID, remember = environment.rememberLayout
        effects.run { remember(reader, next).map { .notice("Layout not kept for next time: \($0)") } }
    }

    /// The layout `0` comes back to: the reader's, or the 2x2 when theirs is one view.
    static func multiView(_ layout: HangingLayout) -> HangingLayout {
        if case .single = layout { return .grid }
        return layout
    }
}
