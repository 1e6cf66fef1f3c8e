// The annotation screen (the reading screen in annotation mode): the cursor in stored pixels, shapes
// drawn with the keyboard or the mouse, labels, move / resize / delete, undo and redo, CC–MLO links,
// and the review of every annotator's marks. Each edit is shown at once and written to the library
// as it is made, by an effect on the annotation lane (WorkstationEnvironment): writes stay in the
// order the edits were made and survive a killed process, and a slow library never holds up a key.
// A refused write takes the edit back and puts the marks as the library has them.
import Foundation
import MammoCore
import Store
import TermGraphics
import TUI

extension WorkstationReducer {
    /// Starts annotating the open study: its marks and image UIDs are read off the loop
    /// (`annotationsLoaded` goes on), or once the study is open.
    func enterAnnotation(_ reading: inout ReadingState, _ state: inout WorkstationState, _ effects: Effects<WorkstationAction>) {
        guard reading.details != nil else {
            reading.startsAnnotating = true
            state.message = "Opening the study for annotation…"
            return
        }
        reading.startsAnnotating = false
        guard !reading.loadingAnnotations else { return }
        reading.loadingAnnotations = true
        state.message = "Reading the study's marks…"
        let library = service.library, uid = reading.entry.studyInstanceUID
        effects.run {
            do throws(StoreError) {
                return .annotationsLoaded(studyUID: uid, .success(try AnnotationLibraryView.read(studyUID: uid, from: library)))
            } catch {
                return .annotationsLoaded(studyUID: uid, .failure(WorkstationError(reason: error.description)))
            }
        }
    }

    /// The marks are read: one view, the cursor in the middle of it.
    func annotationsLoaded(_ uid: String, _ result: Result<AnnotationLibraryView, WorkstationError>, _ state: inout WorkstationState,
                           _ effects: Effects<WorkstationAction>) {
        guard var reading = state.reading, reading.entry.studyInstanceUID == uid, reading.loadingAnnotations,
              let details = reading.details else { return }
        reading.loadingAnnotations = false
        let annotator = state.settings.annotator ?? state.settings.readerID
        switch result {
        case .success(let found):
            reading.annotation = AnnotationSession(annotator: annotator, marks: found.marks, images: found.images)
        case .failure(let error):
            state.reading = reading
            state.message = "Cannot annotate: \(error)"
            return
        }
        let view: ViewKey
        switch reading.layout {
        case .single(let v), .prior(let v): view = v
        case .hung: view = reading.presentViews.first ?? .rightCC
        }
        reading.layout = .single(view)
        reading.zoom = ZoomState()
        reading.overlay = .none
        reading.form = nil
        centreCursor(&reading, details: details)
        let own = reading.annotation?.shownMarks.count ?? 0
        state.reading = reading
        state.message = "Annotating as \(PrintableText.clean(annotator)): \(own) mark\(own == 1 ? "" : "s") so far · b e p . tool, Space place, ? help"
        requestPicture(&state, effects)
    }

    func centreCursor(_ reading: inout ReadingState, details: StudyDetails) {
        guard let facts = details.views[reading.layout.primaryView] else { return }
        reading.annotation?.cursor = PixelPoint(x: Double(facts.storedWidth / 2), y: Double(facts.storedHeight / 2))
    }

    /// The cell the annotation cursor is on, for the rulers (after every change: keys, resize, a new study).
    func keepCursorCell(_ state: inout WorkstationState) {
        guard var reading = state.reading, var session = reading.annotation else { return }
        let cell = placement(reading, state).flatMap { $0.cell(of: session.cursor) }
        guard cell != session.cursorCell else { return }
        session.cursorCell = cell
        reading.annotation = session
        state.reading = reading
    }

    /// Where the view lands in the image area now (nil before the study is open).
    func placement(_ reading: ReadingState, _ state: WorkstationState) -> ViewPlacement? {
        let view = reading.layout.primaryView
        guard let facts = reading.details?.views[view] else { return nil }
        let area = imageArea(state)
        let geometry = service.graphics.raster(for: CellArea(columns: max(area.width, 1), rows: max(area.height, 1)))
        return ViewPlacement.single(view: view, facts: facts, zoom: reading.zoom, cells: area, geometry: geometry)
    }

    func annotationEvent(_ event: Event, _ state: inout WorkstationState, _ effects: Effects<WorkstationAction>) {
        guard var reading = state.reading, var session = reading.annotation else { return }
        if var form = session.form, case .key(let key) = event {
            switch form.handle(key) {
            case .stay:
                session.form = form
            case .save:
                session.form = nil
                if let mark = session.mark(id: form.markID) {
                    var labelled = form.applied(to: mark)
                    if labelled != mark {
                        labelled.modifiedAt = environment.timestamp
                        commit(AnnotationEdit(label: "label", changes: [.init(id: mark.id, before: mark, after: labelled)]),
                               &session, studyUID: reading.entry.studyInstanceUID, effects)
                    }
                    state.message = "Saved: \(labelled.category.label)\(labelled.birads.map { ", BI-RADS \($0.rawValue)" } ?? "")"
                }
            case .cancel:
                session.form = nil
                state.message = "Labels unchanged"
            case .ignored:
                break
            }
            reading.annotation = session
            state.reading = reading
            requestPicture(&state, effects)
            return
        }
        switch event {
        case .key(let key):
            guard let command = AnnotationKeymap.command(for: key) else { return }
            run(command, &reading, &session, &state, effects)
        case .mouse(let mouse):
            handleMouse(mouse, &reading, &session, &state, effects)
        default:
            return
        }
        guard state.screen == .reading, state.reading?.entry == reading.entry else { return }
        if state.reading?.annotation != nil || reading.annotation != nil {
            if reading.annotation != nil { reading.annotation = session }
            state.reading = reading
        }
        requestPicture(&state, effects)
    }

    func run(_ command: AnnotationCommand, _ reading: inout ReadingState, _ session: inout AnnotationSession,
             _ state: inout WorkstationState, _ effects: Effects<WorkstationAction>) {
        state.message = ""
        guard let details = reading.details else { return }
        let view = reading.layout.primaryView
        switch command {
        case .step(let dx, let dy, let fine):
            guard let place = placement(reading, state) else { return }
            let fineStep = max(1, (place.storedPerCanvasPixel).rounded())
            let step = fine ? fineStep : max(fineStep, (place.crop.width / 40).rounded())
            // Display directions: right on screen is left in a mirrored view's stored pixels.
            let sx = Double(dx) * step * (place.flipHorizontal ? -1 : 1), sy = Double(dy) * step * (place.flipVertical ? -1 : 1)
            switch session.adjusting {
            case .cursor:
                session.cursor = clamp(PixelPoint(x: session.cursor.x + sx, y: session.cursor.y + sy), place.stored)
                follow(session.cursor, &reading, place)
                state.message = session.draft.isEmpty ? "" : session.tool.hint(placed: session.draft.count)
            case .move, .resize:
                guard let mark = session.selected else { endAdjusting(&session, &state); return }
                var changed = mark
                if session.adjusting == .move {
                    changed.shape = mark.shape.translated(dx: sx, dy: sy)
                } else {
                    // Grown or shrunk about its centre: shifted by half of what the size really changed.
                    let grown = mark.shape.resized(dx: Double(dx) * 2 * step, dy: Double(dy) * 2 * step)
                    let before = mark.shape.bounds, after = grown.bounds
                    changed.shape = grown.translated(dx: -(after.width - before.width) / 2, dy: -(after.height - before.height) / 2)
                }
                guard changed.shape != mark.shape, (try? changed.shape.validate(in: place.stored)) != nil else {
                    state.message = "The mark would leave the image or vanish"
                    return
                }
                changed.modifiedAt = environment.timestamp
                // Written at once; one undo step for the whole adjustment (begun with m / s).
                let step = AnnotationEdit(label: "adjust", changes: [.init(id: mark.id, before: mark, after: changed)])
                write(step, studyUID: reading.entry.studyInstanceUID, effects)
                session.apply(AnnotationEdit(label: "adjust", changes: [.init(id: mark.id, before: mark, after: changed)]))
                let b = changed.shape.bounds
                state.message = "\(session.adjusting == .move ? "Moving" : "Resizing"): \(Int(b.x)),\(Int(b.y)) \(Int(b.width))×\(Int(b.height)) px · m s or Enter ends"
            }
        case .tool(let tool):
            guard !session.reviewing else { state.message = "Leave the review (V) to draw"; return }
            endAdjusting(&session, &state)
            session.tool = tool
            session.draft = []
            state.message = "Tool: \(tool.rawValue) · \(tool.hint(placed: 0))"
        case .place:
            place(&reading, &session, &state, effects)
        case .finish:
            if session.adjusting != .cursor {
                endAdjusting(&session, &state)
            } else if session.tool == .polygon && !session.draft.isEmpty {
                guard session.draft.count >= 3 else {
                    state.message = "A polygon needs at least 3 vertices (\(session.draft.count) so far)"
                    return
                }
                addMark(.polygon(session.draft), &reading, &session, &state, effects)
            } else if let mark = session.selected, mark.annotator == session.annotator, !session.reviewing {
                session.form = AnnotationForm(mark: mark)
            } else if session.selected != nil {
                state.message = "Only the annotator who drew a mark labels it"
            }
        case .removeVertex:
            if !session.draft.isEmpty { session.draft.removeLast() }
        case .nextMark, .previousMark:
            endAdjusting(&session, &state)
            let marks = ViewKey.screening.flatMap { session.shownMarks(on: $0) }
            guard !marks.isEmpty else { state.message = "No marks yet: draw one (b e p . then Space)"; return }
            let current = session.selectedID.flatMap { id in marks.firstIndex { $0.id == id } }
            let index: Int = if let current { (current + (command == .nextMark ? 1 : marks.count - 1)) % marks.count }
                             else { command == .nextMark ? 0 : marks.count - 1 }
            select(marks[index], &reading, &session, &state)
        case .move, .resize:
            let mode: AnnotationSession.Adjusting = command == .move ? .move : .resize
            if session.adjusting == mode { endAdjusting(&session, &state); return }
            endAdjusting(&session, &state)
            guard let mark = session.selected else { state.message = "Select a mark first (Tab)"; return }
            guard mark.annotator == session.annotator, !session.reviewing else {
                state.message = "Only the annotator who drew a mark changes it"
                return
            }
            if mode == .resize, case .point = mark.shape {
                state.message = "A point has no size: move it with m"
                return
            }
            session.adjusting = mode
            // A placeholder holding where the mark started; endAdjusting turns it into the real step (or drops it).
            session.undo.append(AnnotationEdit(label: mode.rawValue, changes: [.init(id: mark.id, before: mark, after: mark)]))
            state.message = "\(mode == .move ? "Move" : "Resize") with the arrows (h j k l fine) · m s or Enter ends"
        case .delete:
            endAdjusting(&session, &state)
            guard let mark = session.selected else { state.message = "Select a mark first (Tab)"; return }
            guard mark.annotator == session.annotator, !session.reviewing else {
                state.message = "Only the annotator who drew a mark deletes it"
                return
            }
            commit(AnnotationEdit(label: "delete", changes: [.init(id: mark.id, before: mark, after: nil)]), &session,
                   studyUID: reading.entry.studyInstanceUID, effects)
            state.message = "Deleted (u undoes)"
        case .link:
            link(&reading, &session, &state, effects)
        case .undo, .redo:
            endAdjusting(&session, &state)
            let undoing = command == .undo
            guard let edit = undoing ? session.undo.popLast() : session.redo.popLast() else {
                state.message = undoing ? "Nothing to undo" : "Nothing to redo"
                return
            }
            let applied = undoing ? edit.inverse : edit
            write(applied, studyUID: reading.entry.studyInstanceUID, effects)
            session.apply(applied)
            if undoing { session.redo.append(edit) } else { session.undo.append(edit) }
            // The mark the step brought back (or changed) is selected and shown, on its own view.
            if let id = applied.changes.last(where: { $0.after != nil })?.id, let mark = session.mark(id: id) {
                select(mark, &reading, &session, &state)
            }
            state.message = "\(undoing ? "Undone" : "Redone"): \(edit.label)"
        case .review:
            endAdjusting(&session, &state)
            session.reviewing.toggle()
            // Other annotators may be working now: the review shows the library as it is.
            if session.reviewing { reload(studyUID: reading.entry.studyInstanceUID, reason: .review, effects) }
            session.draft = []
            session.selectedID = nil
            state.message = session.reviewing ? "Review: every annotator's marks · Tab select, g accept as ground truth, V leaves"
                                              : "Annotating as \(PrintableText.clean(session.annotator))"
        case .accept:
            guard session.reviewing else { state.message = "Accepting is part of the review: press V first"; return }
            guard let mark = session.selected else { state.message = "Select a mark first (Tab)"; return }
            // Only the two acceptance columns are written (the annotator may have changed the mark since the
            // review opened); g again withdraws, so it is not an undo step.
            let accepting = !mark.isAccepted
            let library = service.library, uid = reading.entry.studyInstanceUID, reviewer = session.annotator, id = mark.id
            let at = environment.timestamp
            state.message = accepting ? "Accepting…" : "Withdrawing the acceptance…"
            effects.run(in: environment.annotationWrites) {
                do {
                    try library.setAccepted(ids: [id], reviewer: reviewer, accepted: accepting, at: at)
                } catch {
                    return .notice("NOT SAVED: \(error)")
                }
                return Self.readMarks(uid, library, reason: .accepted(id: id, accepting: accepting))
            }
        case .cancel:
            if session.adjusting != .cursor { endAdjusting(&session, &state) }
            else if !session.draft.isEmpty { session.draft = []; state.message = "Shape cancelled" }
            else if session.linkFrom != nil { session.linkFrom = nil; state.message = "Link cancelled" }
            else if session.selectedID != nil { session.selectedID = nil }
        case .leave:
            endAdjusting(&session, &state)
            reading.annotation = nil
            reading.startsAnnotating = false
            state.message = "Annotation mode left"
            if state.settings.annotator != nil {
                // An annotation session (mammoterm annotate) goes back to its worklist.
                state.reading = reading
                run(.back, &state, effects)
            }
            return
        case .reading(let readingCommand):
            // Zoom and window keys may come in the middle of moving or resizing a mark; another view or study ends it.
            switch readingCommand {
            case .showView, .nextStudy, .previousStudy, .quit: endAdjusting(&session, &state)
            default: break
            }
            readingInAnnotation(readingCommand, &reading, &session, &state, effects, details: details, view: view)
        }
    }

    /// View, zoom, window and study keys while annotating: zoom centres on the cursor; a new view puts the
    /// cursor in its middle; another study opens in annotation mode.
    func readingInAnnotation(_ command: ReadingCommand, _ reading: inout ReadingState, _ session: inout AnnotationSession,
                             _ state: inout WorkstationState, _ effects: Effects<WorkstationAction>, details: StudyDetails, view: ViewKey) {
        switch command {
        case .zoomIn, .zoomOut:
            zoom(in: command == .zoomIn, at: session.cursor, &reading)
            state.message = reading.zoom.isZoomed ? "Zoom \(ReadingScreen.formatFactor(reading.zoom.factor))× at the cursor" : "Whole view"
        case .showView(let next):
            guard reading.presentViews.contains(next) else { state.message = "This study has no \(next.label) view"; return }
            reading.layout = .single(next)
            reading.zoom = ZoomState()
            session.draft = []
            if session.selected?.view != next { session.selectedID = nil }
            reading.annotation = session
            centreCursor(&reading, details: details)
            session = reading.annotation ?? session
            if let from = session.linkFrom.flatMap(session.mark(id:)) {
                state.message = "Select the same lesion on \(next.label) (Tab) and press L to link it to \(from.view.label)"
            }
        case .nextStudy, .previousStudy:
            // The next study opens annotating too; at the end of the worklist this one stays as it is.
            reading.annotation = session
            state.reading = reading
            run(command, &state, effects)
            if state.reading?.entry != reading.entry { state.reading?.startsAnnotating = true }
            if var next = state.reading, next.details != nil, next.annotation == nil, next.startsAnnotating {
                enterAnnotation(&next, &state, effects)
                state.reading = next
            }
            reading = state.reading ?? reading
            session = reading.annotation ?? session
        default:
            state.reading = reading
            run(command, &state, effects)
            if let r = state.reading { reading.window = r.window; reading.invert = r.invert }
        }
    }

    // MARK: Drawing

    func place(_ reading: inout ReadingState, _ session: inout AnnotationSession, _ state: inout WorkstationState,
               _ effects: Effects<WorkstationAction>) {
        guard !session.reviewing else { state.message = "Leave the review (V) to draw"; return }
        endAdjusting(&session, &state)
        let p = session.cursor
        switch session.tool {
        case .point:
            addMark(.point(p), &reading, &session, &state, effects)
        case .box, .ellipse:
            guard let first = session.draft.first else {
                session.draft = [p]
                state.message = session.tool.hint(placed: 1)
                return
            }
            guard let box = PixelBox(bounding: [first, p]), box.width >= 1, box.height >= 1 else {
                state.message = "Move the cursor away from the first corner first"
                return
            }
            addMark(session.tool == .box ? .box(box) : .ellipse(box), &reading, &session, &state, effects)
        case .polygon:
            if session.draft.last != p { session.draft.append(p) }
            state.message = session.tool.hint(placed: session.draft.count)
        }
    }

    func addMark(_ shape: AnnotationShape, _ reading: inout ReadingState, _ session: inout AnnotationSession, _ state: inout WorkstationState,
                 _ effects: Effects<WorkstationAction>) {
        let view = reading.layout.primaryView
        guard let image = session.images[view] else { state.message = "This view's image is not in the library"; return }
        let facts = reading.details?.views[view]
        let size = facts.map { PixelSize(width: $0.storedWidth, height: $0.storedHeight) }
        do {
            try shape.validate(in: size)
        } catch {
            state.message = "Not drawn: \(error.reason)"
            return
        }
        // The category of the annotator's last mark: a run of calcifications needs no relabelling.
        let category = session.marks.last { $0.annotator == session.annotator }?.category ?? .mass
        let mark = Annotation(id: environment.newID(), studyInstanceUID: reading.entry.studyInstanceUID, sopInstanceUID: image,
                              view: view, shape: shape, category: category, annotator: session.annotator, createdAt: environment.timestamp)
        commit(AnnotationEdit(label: "add \(shape.kind)", changes: [.init(id: mark.id, before: nil, after: mark)]), &session,
               studyUID: reading.entry.studyInstanceUID, effects)
        session.draft = []
        session.selectedID = mark.id
        // Label it at once: the form opens on the new mark.
        session.form = AnnotationForm(mark: mark)
        let b = shape.bounds
        state.message = "Added \(shape.kind) at \(Int(b.x)),\(Int(b.y)) \(Int(b.width))×\(Int(b.height)) px · label it, Enter saves"
    }

    func select(_ mark: Annotation, _ reading: inout ReadingState, _ session: inout AnnotationSession, _ state: inout WorkstationState) {
        session.selectedID = mark.id
        session.draft = []
        if mark.view != reading.layout.primaryView {
            reading.layout = .single(mark.view)
            reading.zoom = ZoomState()
        }
        let c = mark.shape.bounds.center
        session.cursor = PixelPoint(x: c.x.rounded(), y: c.y.rounded())
        if let place = placement(reading, state) { follow(session.cursor, &reading, place) }
        let linked = mark.lesionID.map { id in session.marks.filter { $0.lesionID == id && $0.id != mark.id }.map(\.view.label) } ?? []
        state.message = "\(mark.category.letter)\(session.number(of: mark)) \(mark.category.label) on \(mark.view.label)"
            + (linked.isEmpty ? "" : " · linked to \(linked.joined(separator: ", "))")
            + (session.reviewing ? " · by \(PrintableText.clean(mark.annotator))" : "")
    }

    func link(_ reading: inout ReadingState, _ session: inout AnnotationSession, _ state: inout WorkstationState,
              _ effects: Effects<WorkstationAction>) {
        endAdjusting(&session, &state)
        guard let mark = session.selected, mark.annotator == session.annotator, !session.reviewing else {
            state.message = "Select one of your marks first (Tab)"
            return
        }
        let key = mark.view
        guard let fromID = session.linkFrom, fromID != mark.id, let from = session.mark(id: fromID) else {
            session.linkFrom = session.linkFrom == mark.id ? nil : mark.id
            guard session.linkFrom != nil else { state.message = "Link cancelled"; return }
            let other = ViewKey(side: key.side, view: key.view == .cc ? .mlo : .cc)
            if reading.presentViews.contains(other), let details = reading.details {
                reading.layout = .single(other)
                reading.zoom = ZoomState()
                session.selectedID = nil
                reading.annotation = session
                centreCursor(&reading, details: details)
                session = reading.annotation ?? session
            }
            state.message = "Select the same lesion on \(other.label) (Tab, or draw it) and press L"
            return
        }
        let fromKey = from.view
        guard fromKey.side == key.side, fromKey.view != key.view,
              [ViewPosition.cc, .mlo].contains(fromKey.view), [ViewPosition.cc, .mlo].contains(key.view) else {
            state.message = "Links join the CC and MLO views of one breast: \(from.view.label) and \(mark.view.label) do not"
            return
        }
        let lesion = from.lesionID ?? mark.lesionID ?? environment.newID()
        var a = from, b = mark
        a.lesionID = lesion; b.lesionID = lesion
        a.modifiedAt = environment.timestamp; b.modifiedAt = a.modifiedAt
        commit(AnnotationEdit(label: "link", changes: [.init(id: from.id, before: from, after: a), .init(id: mark.id, before: mark, after: b)]),
               &session, studyUID: reading.entry.studyInstanceUID, effects)
        session.linkFrom = nil
        state.message = "Linked \(from.view.label) and \(mark.view.label): one lesion"
    }

    func handleMouse(_ mouse: MouseEvent, _ reading: inout ReadingState, _ session: inout AnnotationSession, _ state: inout WorkstationState,
                     _ effects: Effects<WorkstationAction>) {
        let area = ReadingScreen.layout(state.size, findingCount: reading.shownFindings.count).image
        guard session.form == nil, let shown = placement(reading, state) else { return }
        let cell = Point(x: mouse.position.x - area.x, y: mouse.position.y - area.y)
        let inside = area.contains(mouse.position)
        func at() -> PixelPoint {
            let p = shown.storedPoint(atCell: cell)
            return PixelPoint(x: p.x.rounded(), y: p.y.rounded())
        }
        switch mouse.kind {
        case .wheelUp, .wheelDown:
            if inside { session.cursor = at() }
            zoom(in: mouse.kind == .wheelUp, at: session.cursor, &reading)
        case .press(.left) where inside:
            session.cursor = at()
            session.dragStart = session.cursor
            place(&reading, &session, &state, effects)
        case .move(.left?) where inside:
            session.cursor = at()
        case .release(.left):
            defer { session.dragStart = nil }
            guard inside, let start = session.dragStart, [.box, .ellipse].contains(session.tool), session.draft.count == 1 else { return }
            let end = at()
            if end != start {
                session.cursor = end
                place(&reading, &session, &state, effects)
            }
        default:
            break
        }
    }

    // MARK: Edits and the library

    /// Applies an edit, makes it the newest undo step and writes it (an effect on the annotation lane).
    func commit(_ edit: AnnotationEdit, _ session: inout AnnotationSession, studyUID: String, _ effects: Effects<WorkstationAction>) {
        session.apply(edit)
        session.undo.append(edit)
        session.redo = []
        write(edit, studyUID: studyUID, effects)
    }

    /// Writes the rows an edit leaves, after every write asked for before it; a refusal comes back
    /// as `annotationNotSaved` with the edit.
    func write(_ edit: AnnotationEdit, studyUID: String, _ effects: Effects<WorkstationAction>) {
        let (saving, deleting) = Self.rows(edit)
        let library = service.library
        effects.run(in: environment.annotationWrites) {
            do {
                if !saving.isEmpty { try library.saveAnnotations(saving) }
                if !deleting.isEmpty { try library.deleteAnnotations(ids: deleting) }
                return nil
            } catch {
                return .annotationNotSaved(studyUID: studyUID, edit: edit, reason: "\(error)")
            }
        }
    }

    /// Reads the study's marks again off the loop (after the writes queued before), for `reason`.
    func reload(studyUID: String, reason: AnnotationReload, _ effects: Effects<WorkstationAction>) {
        let library = service.library
        effects.run(in: environment.annotationWrites) { Self.readMarks(studyUID, library, reason: reason) }
    }

    static func readMarks(_ uid: String, _ library: Database, reason: AnnotationReload) -> WorkstationAction {
        do {
            return .annotationsReloaded(studyUID: uid, .success(try library.annotations(studyInstanceUID: uid)), reason: reason)
        } catch {
            return .annotationsReloaded(studyUID: uid, .failure(WorkstationError(reason: error.description)), reason: reason)
        }
    }

    /// The marks as the library has them (selection and pending link dropped where they no longer apply).
    func annotationsReloaded(_ uid: String, _ result: Result<[Annotation], WorkstationError>, reason: AnnotationReload,
                             _ state: inout WorkstationState, _ effects: Effects<WorkstationAction>) {
        guard var reading = state.reading, reading.entry.studyInstanceUID == uid, var session = reading.annotation else { return }
        switch result {
        case .failure(let error):
            state.message = "Cannot read the marks: \(error)"
            return
        case .success(let marks):
            session.marks = marks
            session.apply(AnnotationEdit(label: "reload", changes: []))
        }
        switch reason {
        case .review, .refused:
            break
        case .accepted(let id, let accepting):
            if session.mark(id: id) == nil {
                state.message = "That mark was deleted by its annotator meanwhile"
            } else {
                state.message = accepting ? "Accepted as ground truth by \(PrintableText.clean(session.annotator))" : "Acceptance withdrawn"
            }
        }
        reading.annotation = session
        state.reading = reading
        requestPicture(&state, effects)
    }

    /// A write was refused: the edit is taken back from the screen and the undo steps, and the
    /// marks are read again so what is shown is what the library holds.
    func annotationNotSaved(_ uid: String, _ edit: AnnotationEdit, reason: String, _ state: inout WorkstationState,
                            _ effects: Effects<WorkstationAction>) {
        state.message = "NOT SAVED: \(reason)"
        guard var reading = state.reading, reading.entry.studyInstanceUID == uid, var session = reading.annotation else { return }
        session.apply(edit.inverse)
        session.undo.removeAll { $0 == edit || $0 == edit.inverse }
        session.redo.removeAll { $0 == edit || $0 == edit.inverse }
        reading.annotation = session
        state.reading = reading
        reload(studyUID: uid, reason: .refused, effects)
        requestPicture(&state, effects)
    }

    static func rows(_ edit: AnnotationEdit) -> (saving: [Annotation], deleting: [String]) {
        (edit.changes.compactMap(\.after), edit.changes.filter { $0.after == nil }.map(\.id))
    }

    /// Ends moving or resizing: the adjustment becomes one undo step (before: where it started).
    func endAdjusting(_ session: inout AnnotationSession, _ state: inout WorkstationState) {
        guard session.adjusting != .cursor else { return }
        session.adjusting = .cursor
        guard let last = session.undo.last, last.label == "move" || last.label == "resize", let change = last.changes.first,
              let now = session.mark(id: change.id) else { return }
        session.undo.removeLast()
        if change.before != now {
            session.undo.append(AnnotationEdit(label: last.label, changes: [.init(id: change.id, before: change.before, after: now)]))
            session.redo = []
        }
    }

    /// One zoom step in or out, centred on the cursor.
    func zoom(in zoomIn: Bool, at cursor: PixelPoint, _ reading: inout ReadingState) {
        guard let facts = reading.details?.views[reading.layout.primaryView] else { return }
        reading.zoom = ZoomState(step: reading.zoom.step + (zoomIn ? 1 : -1), centeredOn: cursor, stored: facts.storedSize,
                                 flipHorizontal: facts.flipHorizontal, flipVertical: facts.flipVertical)
    }

    /// Keeps the cursor on screen: a zoomed view re-centres on it when it leaves the region shown.
    func follow(_ cursor: PixelPoint, _ reading: inout ReadingState, _ place: ViewPlacement) {
        guard reading.zoom.isZoomed, !place.shows(cursor) else { return }
        reading.zoom = ZoomState(step: reading.zoom.step, centeredOn: cursor, stored: place.stored,
                                 flipHorizontal: place.flipHorizontal, flipVertical: place.flipVertical)
    }

    func clamp(_ p: PixelPoint, _ size: PixelSize) -> PixelPoint {
        PixelPoint(x: min(max(p.x, 0), Double(size.width)), y: min(max(p.y, 0), Double(size.height)))
    }
}
