// What the annotation screen draws over the view: the marks (each with its role, which picks a
// theme colour), the shape being drawn, and the cursor, all in stored-image pixels. Part of the
// picture's key, so a moved cursor or an edited mark makes a new picture.
import MammoCore

public struct AnnotationOverlay: Hashable, Sendable {
    public enum Role: Hashable, Sendable {
        /// The annotator's own mark; the selected one; another annotator's (review); accepted as ground truth;
        /// the shape being drawn.
        case own, selected, other, accepted, draft
    }

    public struct Mark: Hashable, Sendable {
        public var shape: AnnotationShape
        public var role: Role
        public init(shape: AnnotationShape, role: Role) { self.shape = shape; self.role = role }
    }

    public var view: ViewKey
    public var marks: [Mark]
    /// The cursor in stored pixels (nil: none shown).
    public var cursor: PixelPoint?

    public init(view: ViewKey, marks: [Mark], cursor: PixelPoint?) {
        self.view = view
        self.marks = marks
        self.cursor = cursor
    }
}
