// Why the open study's marks were read again, so the status line can say what it means.
public enum AnnotationReload: Equatable, Sendable {
    /// The review opened: every annotator's marks as the library has them now.
    case review
    /// A reviewer accepted a mark as ground truth (or withdrew it); `id` is that mark.
    case accepted(id: String, accepting: Bool)
    /// A write was refused: the marks are put back as the library holds them.
    case refused
}
