// The workstation's reducer: a quick, pure state change per action. Anything slow or outside
// (opening a study, making a picture, prefetching, every read and write of the library) is
// handed to `Effects` and comes back as an action; the time and new ids come from the
// environment; a memory-only cache lookup is the most a key press does beyond the state.
import MammoCore
import Store
import Study
import TUI

public struct WorkstationReducer: Sendable {
    public let service: ReadingService
    public let environment: WorkstationEnvironment

    public init(service: ReadingService, environment: WorkstationEnvironment = WorkstationEnvironment()) {
        self.service = service
        self.environment = environment
    }

    public func reduce(_ state: inout WorkstationState, _ action: WorkstationAction, _ effects: Effects<WorkstationAction>) {
        switch action {
        case .event(.key(.control("c"))):
            state.isFinished = true
        case .event(.resize(let size)):
            state.size = size
            requestPicture(&state, effects)
        case .event(let event):
            if state.showsHelp {
                // Help covers the screen: the next key closes it and does nothing else.
                if case .key = event { state.showsHelp = false }
                return
            }
            switch state.screen {
            case .worklist: worklistEvent(event, &state, effects)
            case .reading: readingEvent(event, &state, effects)
            case .report: reportEvent(event, &state)
            case .monitor: monitorEvent(event, &state)
            }
        case .studyLoaded(let details):
            studyLoaded(details, &state, effects)
        case .studyFailed(let uid, let reason):
            guard state.reading?.entry.studyInstanceUID == uid else { return }
            state.reading?.failure = reason
            state.message = "Could not open the study"
        case .pictureReady(let picture):
            pictureReady(picture, &state, effects)
        case .reportReady(let result):
            guard state.screen == .report else { return }
            switch result {
            case .success(let lines): state.report = ReportState(lines: lines)
            case .failure(let error): state.report?.failure = error.description
            }
        case .monitorReady(let result):
            monitorReady(result, &state)
        case .notice(let text):
            state.message = text
        case .openStudy(let query):
            let lookup = StudyLookup(query, in: state.worklist.entries)
            guard let entry = lookup.entry else {
                state.message = lookup.problem(query) ?? ""
                return
            }
            open(entry, &state, effects)
        case .decisionRecorded(let uid, let flow, let rows, let next):
            // The Read column follows the library, whichever study is open when the write lands.
            state.worklist.markRead(uid, stage: next == .done ? .final : .initial)
            decisionRecorded(uid, flow: flow, rows: rows, next: next, &state, effects)
        case .anchorWarning(let text):
            state.message += " — WARNING: " + text
        case .writability(let uid, let problem):
            writability(uid, problem: problem, &state)
        case .decisionNotRecorded(let uid, let reason):
            decisionNotRecorded(uid, reason: reason, &state)
        case .retrieveProgress(let uid, let progress, let viewArrived):
            retrieveProgress(uid, progress, viewArrived: viewArrived, &state, effects)
        case .retrieveFinished(let uid, let outcome):
            retrieveFinished(uid, outcome, &state, effects)
        case .studyRefreshed(let details):
            studyRefreshed(details, &state, effects)
        case .worklistReloaded(let entries):
            worklistReloaded(entries, &state, effects)
        case .annotationsLoaded(let uid, let result):
            annotationsLoaded(uid, result, &state, effects)
        case .annotationsReloaded(let uid, let result, let reason):
            annotationsReloaded(uid, result, reason: reason, &state, effects)
        case .annotationNotSaved(let uid, let edit, let reason):
            annotationNotSaved(uid, edit, reason: reason, &state, effects)
        case .pixelProbed(let uid, let probe):
            pixelProbed(uid, probe, &state, effects)
        }
    }

    // MARK: Opening studies

    /// Switches to the reading screen for `entry`; the study opens off the loop unless it was
    /// prefetched, in which case it shows at once.
    func open(_ entry: WorklistEntry, _ state: inout WorkstationState, _ effects: Effects<WorkstationAction>) {
        if entry.isRemote {
            openRemote(entry, &state, effects)
            return
        }
        let uid = entry.studyInstanceUID
        state.worklist.select(studyUID: uid, viewport: WorklistScreen.viewport(state.size))
        state.screen = .reading
        state.reading = ReadingState(entry: entry, flow: state.settings.session.flow(for: nil), openedAt: environment.now())
        state.reading?.startsAnnotating = state.settings.annotator != nil
        state.reading?.layout = ReadingLayout(state.settings.layout, prior: false)
        state.reading?.fitToBreast = state.settings.fitToBreast
        state.message = ""
        if let known = service.cachedStudy(uid) {
            studyLoaded(known, &state, effects)
            return
        }
        let service = self.service
        effects.run {
            do {
                return .studyLoaded(try service.loadStudy(entry))
            } catch {
                return .studyFailed(studyUID: uid, reason: "\(error)")
            }
        }
    }

    func studyLoaded(_ details: StudyDetails, _ state: inout WorkstationState, _ effects: Effects<WorkstationAction>) {
        guard var reading = state.reading, reading.entry.studyInstanceUID == details.studyUID, reading.details == nil else { return }
        // The protocol for this exam needs its AI score (referral); then the AI is put aside
        // unless the protocol shows it now.
        if reading.recorded == 0 { reading.flow = state.settings.session.flow(for: details.ai) }
        reading.details = details
        reading.showFindingsFromTheTop()
        gate(&reading, session: state.settings.session)
        if Self.saysOpening(state.message) { state.message = "" }
        if reading.startsAnnotating { enterAnnotation(&reading, &state, effects) }
        state.reading = reading
        if !details.problems.isEmpty { state.message = "Not shown: " + details.problems.joined(separator: "; ") }
        if state.settings.annotator == nil { checkWritability(details.studyUID, effects) }
        requestPicture(&state, effects)
    }

    // MARK: Pictures

    /// The image area for the current state (from the layout kept for its size).
    func imageArea(_ state: WorkstationState) -> Size {
        ScreenLayout.of(state).reading.image.size
    }

    /// Starts making the picture the state calls for, unless it is shown, cached or on its
    /// way. One picture is made at a time: when it lands, this runs again, so a burst of keys
    /// costs one picture for the last of them rather than one per key.
    func requestPicture(_ state: inout WorkstationState, _ effects: Effects<WorkstationAction>) {
        keepCursorCell(&state)
        guard state.screen == .reading, var reading = state.reading, let details = reading.details,
              reading.failure == nil, reading.pending == nil else { return }
        let area = imageArea(state)
        guard area.width > 0 && area.height > 0 else { return }
        let key = reading.pictureKey(cells: area, cursorInPicture: !state.settings.isSixel)
        if reading.picture?.key == key { return }
        if let hit = service.cachedPicture(key) {
            reading.picture = hit
            state.reading = reading
            return
        }
        reading.pending = key
        state.reading = reading
        var request = PictureRequest(key: key, files: details.files, priorFiles: details.prior?.files ?? [:], ai: details.ai)
        request.priorDate = details.prior.map { WorklistEntry.formatDate($0.studyDate) } ?? ""
        let made = request
        let service = self.service
        effects.run { .pictureReady(service.render(made)) }
    }

    func pictureReady(_ picture: RenderedPicture, _ state: inout WorkstationState, _ effects: Effects<WorkstationAction>) {
        guard var reading = state.reading, reading.entry.studyInstanceUID == picture.key.studyUID else { return }
        if reading.pending == picture.key { reading.pending = nil }
        reading.picture = picture
        if !picture.problems.isEmpty { state.message = "Not shown: " + picture.problems.joined(separator: "; ") }
        let prefetch = !reading.prefetched
        reading.prefetched = true
        state.reading = reading
        requestPicture(&state, effects)
        if prefetch, let next = state.worklist.entry(after: reading.entry.studyInstanceUID) {
            // The reader usually goes on to the next study: open it and make its first picture now.
            let key = PictureKey(studyUID: next.studyInstanceUID, layout: ReadingLayout(state.settings.layout, prior: false),
                                 cells: imageArea(state)).fitting(toBreast: state.settings.fitToBreast)
            let service = self.service
            effects.run {
                service.prefetch(next, key: key)
                return nil
            }
        }
    }
}
