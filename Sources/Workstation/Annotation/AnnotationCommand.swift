// What an annotation-screen key asks for; AnnotationKeymap binds keys to these.

public enum AnnotationCommand: Hashable, Sendable {
    /// Arrows and h j k l: the cursor, or the selected mark while moving or resizing it (display directions).
    case step(dx: Int, dy: Int, fine: Bool)
    case tool(AnnotationTool)
    case place, finish, removeVertex
    case nextMark, previousMark
    case move, resize, delete, link
    case undo, redo
    case review, accept
    case cancel, leave
    /// Keys the reading screen handles the same way here: views, zoom, window, studies, help, quit.
    case reading(ReadingCommand)
}
