// The annotation screen's state (the reading screen in annotation mode): who annotates, the
// study's marks as the library has them, the cursor in stored pixels, the tool and the shape
// being drawn, the selection and what the arrows adjust, undo and redo, the label form, a
// pending CC–MLO link, and whether the review (every annotator, agreement) is shown.
import MammoCore
import TUI

public struct AnnotationSession: Equatable, Sendable {
    /// What the arrows and h j k l move: the cursor, or the selected mark (moved or resized).
    public enum Adjusting: String, Hashable, Sendable { case cursor, move, resize }

    public var annotator: String
    /// Every mark of the study, every annotator, in the library's order (oldest first).
    public var marks: [Annotation]
    /// The SOP Instance UID of each view's image (what marks are stored against).
    public var images: [ViewKey: String]
    /// The cursor in stored pixels on the view shown (integer pixel corners).
    public var cursor = PixelPoint(x: 0, y: 0)
    public var tool = AnnotationTool.box
    /// Corners or vertices placed for the shape being drawn.
    public var draft: [PixelPoint] = []
    public var selectedID: String?
    public var adjusting = Adjusting.cursor
    public var undo: [AnnotationEdit] = []
    public var redo: [AnnotationEdit] = []
    public var form: AnnotationForm?
    /// A mark waiting to be linked to the same lesion on the breast's other view.
    public var linkFrom: String?
    /// The review: every annotator's marks with their agreement; the reviewer accepts marks as ground truth.
    public var reviewing = false
    /// Where a mouse drag began (stored pixels), while the button is held.
    public var dragStart: PixelPoint?
    /// The measure (m with no mark selected): its points are set at the cursor.
    public var measure: MeasureTool?
    /// The image-area cell showing the cursor (the reducer keeps it current): where the rulers point.
    public var cursorCell: Point?

    public init(annotator: String, marks: [Annotation] = [], images: [ViewKey: String] = [:]) {
        self.annotator = annotator
        self.marks = marks
        self.images = images
    }

    /// Marks the screen lists and draws: the annotator's own, or everyone's in the review.
    public var shownMarks: [Annotation] {
        reviewing ? marks : marks.filter { $0.annotator == annotator }
    }

    /// The shown marks on one view.
    public func shownMarks(on view: ViewKey) -> [Annotation] {
        shownMarks.filter { $0.view == view }
    }

    public var selected: Annotation? { selectedID.flatMap { id in marks.first { $0.id == id } } }

    public func mark(id: String) -> Annotation? { marks.first { $0.id == id } }

    /// Short names for the list: "M1", "C2" (category letter and the mark's place among the shown marks).
    public func number(of mark: Annotation) -> Int { (shownMarks.firstIndex { $0.id == mark.id } ?? 0) + 1 }

    /// The shape being drawn with the cursor as its next point (nil when nothing is placed yet).
    public var draftShape: AnnotationShape? {
        guard let first = draft.first else { return nil }
        switch tool {
        case .box, .ellipse:
            guard let box = PixelBox(bounding: [first, cursor]) else { return nil }
            return tool == .box ? .box(box) : .ellipse(box)
        case .polygon:
            return .polygon(draft + [cursor])
        case .point:
            return nil
        }
    }

    /// What the picture draws for `view`. Without `cursorInPicture` the cursor is left out and the shape being
    /// drawn shows only its placed corners / vertices (nothing in the picture follows the cursor).
    public func overlay(for view: ViewKey, cursorInPicture: Bool = true) -> AnnotationOverlay {
        var drawn: [AnnotationOverlay.Mark] = shownMarks(on: view).map { m in
            let role: AnnotationOverlay.Role = m.id == selectedID ? .selected
                : m.isAccepted && reviewing ? .accepted
                : m.annotator == annotator ? .own : .other
            return AnnotationOverlay.Mark(shape: m.shape, role: role)
        }
        if cursorInPicture {
            if let shape = draftShape { drawn.append(AnnotationOverlay.Mark(shape: shape, role: .draft)) }
        } else {
            drawn += draft.map { AnnotationOverlay.Mark(shape: .point($0), role: .draft) }
        }
        return AnnotationOverlay(view: view, marks: drawn, cursor: form == nil && cursorInPicture ? cursor : nil)
    }

    /// Applies an edit to the marks in memory (the reducer writes it to the library).
    public mutating func apply(_ edit: AnnotationEdit) {
        for change in edit.changes {
            let index = marks.firstIndex { $0.id == change.id }
            switch (index, change.after) {
            case let (i?, after?): marks[i] = after
            case let (nil, after?): marks.append(after)
            case let (i?, nil): marks.remove(at: i)
            case (nil, nil): break
            }
        }
        if let id = selectedID, mark(id: id) == nil { selectedID = nil }
        if let id = linkFrom, mark(id: id) == nil { linkFrom = nil }
        // A label form on a mark taken back (a refused write) has nothing left to label.
        if let id = form?.markID, mark(id: id) == nil { form = nil }
    }
}
