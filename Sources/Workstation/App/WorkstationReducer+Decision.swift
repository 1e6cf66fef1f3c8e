// The reader's decision under the session's protocol: the form (d), marks on the image (x),
// submitting (the rows are written off the UI loop; the protocol moves on only once they are
// in the library), and keeping the AI out of sight until the protocol shows it.
import Foundation
import MammoCore
import Store
import Study
import TUI

extension WorkstationReducer {
    /// Keys while the decision form is open; false when the form is closed (the key is the screen's).
    func decisionFormEvent(_ event: Event, _ state: inout WorkstationState, _ effects: Effects<WorkstationAction>) -> Bool {
        guard var reading = state.reading, var form = reading.form else { return false }
        guard case .key(let key) = event else { return true }
        switch form.handle(key) {
        case .submit(let decision):
            reading.form = nil
            reading.draft = form.draft
            state.reading = reading
            submit(decision, &state, effects)
            return true
        case .close:
            reading.form = nil
            reading.draft = form.draft
            state.message = "Decision kept as a draft: d to go on"
        case .refused(let reason):
            reading.form = form
            state.message = reason
        case .edited, .ignored:
            reading.form = form
            if form.confirming {
                let recall = form.draft.recall == true ? "recall" : "no recall"
                state.message = "Submit this \(reading.flow.stage.rawValue) decision (\(recall))? y / n"
            }
        }
        state.reading = reading
        return true
    }

    func openDecision(_ reading: inout ReadingState, _ state: inout WorkstationState, _ effects: Effects<WorkstationAction>) {
        guard reading.details != nil else {
            state.message = Self.opening(reading, "d works once it is open")
            return
        }
        guard !reading.flow.isComplete else {
            state.message = "This exam is read (\(reading.recorded) rows recorded)"
            return
        }
        // Asked again each time: a disk freed (or filled) since the study opened counts.
        checkWritability(reading.entry.studyInstanceUID, effects)
        if let problem = reading.writeProblem {
            state.message = Self.cannotRecord(problem)
            return
        }
        reading.form = DecisionForm(draft: reading.draft, breasts: reading.presentBreasts)
        state.message = "Decision (\(reading.flow.stage.rawValue)): BI-RADS by its digit (4 then a b c) · digits suspicion · ↑↓ field · Enter submit · Esc close"
    }

    /// The status line's text; its first words are what fits beside the key hints.
    static func cannotRecord(_ problem: String) -> String {
        "Cannot record: \(problem) — fix it, then d again"
    }

    /// Checks off the loop whether the library takes a decision now (`Database.checkWritable`).
    func checkWritability(_ uid: String, _ effects: Effects<WorkstationAction>) {
        let library = service.library
        effects.run {
            do {
                try library.checkWritable()
                return .writability(studyUID: uid, problem: nil)
            } catch {
                return .writability(studyUID: uid, problem: (error as? StoreError)?.brief ?? "\(error)")
            }
        }
    }

    func writability(_ uid: String, problem: String?, _ state: inout WorkstationState) {
        guard var reading = state.reading, reading.entry.studyInstanceUID == uid else { return }
        let was = reading.writeProblem
        reading.writeProblem = problem
        if let problem {
            // An open form keeps what the reader typed; it just cannot be submitted yet.
            state.message = reading.form == nil ? Self.cannotRecord(problem)
                : "Cannot record: \(problem) — your entries are kept: fix it, then Enter"
        } else if was != nil {
            state.message = reading.form == nil ? "The library takes decisions again: d to go on" : "The library takes decisions again: Enter to submit"
        }
        state.reading = reading
    }

    /// The write failed at submit time: the decision comes back in the form, with the reason.
    func decisionNotRecorded(_ uid: String, reason: String, _ state: inout WorkstationState) {
        guard var reading = state.reading, reading.entry.studyInstanceUID == uid else {
            state.message = "NOT recorded (\(reason))"
            return
        }
        if reading.form == nil { reading.form = DecisionForm(draft: reading.draft, breasts: reading.presentBreasts) }
        state.message = "NOT recorded: \(reason) — kept here: Enter to submit again, Esc keeps it as a draft"
        state.reading = reading
    }

    /// A mark at the centre of the view shown alone (zoom and pan to put it on the lesion).
    func placeMark(_ reading: inout ReadingState, _ state: inout WorkstationState) {
        guard reading.details != nil else {
            state.message = Self.opening(reading, "x works once it is open")
            return
        }
        guard case .single(let view) = reading.layout, let facts = reading.details?.views[view] else {
            state.message = "Show one view (1-4) and zoom onto the lesion to mark it"
            return
        }
        let at = reading.zoom.storedCenter(stored: facts.storedSize, flipHorizontal: facts.flipHorizontal, flipVertical: facts.flipVertical)
        // The submitted suspicion replaces this one (DecisionDraft.marks).
        let mark = ReaderMark(view: view, x: at.x, y: at.y, kind: .mass, suspicion: reading.draft.suspicion ?? 0)
        reading.draft.marks.append(mark)
        state.message = "Mark \(reading.draft.marks.count) on \(view.label) at \(Int(mark.x)),\(Int(mark.y)) (recorded with the decision)"
    }

    /// Writes the rows the protocol asks for, all in one transaction; the flow moves on when they
    /// are stored. A failed write brings the form back with the decision and the reason.
    func submit(_ decision: ReaderDecision, _ state: inout WorkstationState, _ effects: Effects<WorkstationAction>) {
        guard var reading = state.reading else { return }
        if let problem = reading.writeProblem {
            // Known not to be writable: keep the form open with the decision, and ask again.
            reading.form = DecisionForm(draft: DecisionDraft(decision), breasts: reading.presentBreasts)
            state.reading = reading
            state.message = Self.cannotRecord(problem)
            checkWritability(reading.entry.studyInstanceUID, effects)
            return
        }
        var flow = reading.flow
        let (entries, next) = flow.submit(decision)
        guard !entries.isEmpty else { return }
        let settings = state.settings
        let ai = reading.details?.ai ?? reading.withheldAI
        let now = environment.now()
        let seconds = max(now.timeIntervalSince(reading.openedAt), 0)
        var records: [ReadRecord] = []
        do {
            for entry in entries {
                let aiShown = entry.visibility != .none
                records.append(try ReadRecord(
                    reader: settings.readerID.isEmpty ? "reader" : settings.readerID, session: settings.session.id,
                    studyInstanceUID: reading.entry.studyInstanceUID, readingProtocol: settings.session.readingProtocol,
                    stage: entry.stage, aiVisibility: entry.visibility,
                    aiScore: aiShown ? ai?.examScore : nil, aiModel: aiShown ? ai.map { "\($0.model) \($0.modelVersion)" } : nil,
                    safetyNetAlert: entry.safetyNetAlert, openedAt: Timestamp(reading.openedAt),
                    submittedAt: Timestamp(now), readingSeconds: seconds, decision: entry.decision))
            }
        } catch {
            state.message = "Not recorded: \(error)"
            return
        }
        state.message = "Recording…"
        let library = service.library, uid = reading.entry.studyInstanceUID
        let toWrite = records, advanced = flow
        effects.run {
            do {
                let (_, anchorProblem) = try library.appendReads(toWrite)
                let recorded = WorkstationAction.decisionRecorded(studyUID: uid, flow: advanced, rows: toWrite.count, next: next)
                guard let anchorProblem else { return recorded }
                // Recorded first, then the warning on the line it leaves (actions arrive in order).
                effects.send(recorded)
                return .anchorWarning(anchorProblem.description)
            } catch {
                return .decisionNotRecorded(studyUID: uid, reason: (error as? StoreError)?.brief ?? "\(error)")
            }
        }
    }

    func decisionRecorded(_ uid: String, flow: ProtocolFlow, rows: Int, next: ProtocolFlow.Next, _ state: inout WorkstationState,
                          _ effects: Effects<WorkstationAction>) {
        guard var reading = state.reading, reading.entry.studyInstanceUID == uid else {
            state.message = "Decision recorded"
            return
        }
        reading.flow = flow
        reading.recorded += rows
        gate(&reading, session: state.settings.session)
        switch next {
        case .done:
            state.message = "Decision recorded (\(reading.recorded) rows). ] next study · q worklist"
        case .revealed:
            reading.overlay.ai = true
            state.message = "Initial decision recorded. The AI is shown now: d for your final decision"
        case .alert:
            reading.overlay.ai = true
            state.message = "Safety net: the AI flags this exam (region shown). d to confirm or revise your call"
        }
        state.reading = reading
        requestPicture(&state, effects)
    }

    /// Puts the AI result (and the truth) where the protocol allows: in the details when it may
    /// be seen, aside otherwise, so no panel, overlay or picture can draw it early.
    func gate(_ reading: inout ReadingState, session: ReadingSession) {
        guard var details = reading.details else { return }
        if reading.flow.showsFindings {
            if let ai = reading.withheldAI {
                details = details.withAI(ai)
                reading.withheldAI = nil
            }
        } else if let ai = details.ai {
            reading.withheldAI = ai
            details = details.withoutAI()
        }
        if !session.showsTruth { details = details.withoutTruth() }
        if details.ai == nil { reading.overlay.ai = false }
        if !session.showsTruth { reading.overlay.truth = false }
        if details != reading.details {
            reading.details = details
            reading.showFindingsFromTheTop()
        }
    }
}
