// One undoable step of annotating: the marks it touched, before and after (nil: absent). Undo
// puts every `before` back, redo every `after`; both are written to the library at once.
import MammoCore

public struct AnnotationEdit: Hashable, Sendable {
    public struct Change: Hashable, Sendable {
        public var id: String
        public var before: Annotation?
        public var after: Annotation?
    }

    /// "add box", "move", "delete", ... for the status line.
    public var label: String
    public var changes: [Change]

    public init(label: String, changes: [Change]) {
        self.label = label
        self.changes = changes
    }

    /// The edit that undoes this one.
    public var inverse: AnnotationEdit {
        AnnotationEdit(label: label, changes: changes.reversed().map { Change(id: $0.id, before: $0.after, after: $0.before) })
    }
}
