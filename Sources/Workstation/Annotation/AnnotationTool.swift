// The shape the next mark is drawn as. Box and ellipse take two corners, a polygon its vertices
// (Enter closes it), a point one press.

public enum AnnotationTool: String, Hashable, Sendable, CaseIterable {
    case box, ellipse, polygon, point

    /// What Space does next, for the status line.
    public func hint(placed: Int) -> String {
        switch self {
        case .box, .ellipse: placed == 0 ? "Space: first corner" : "Space: opposite corner"
        case .polygon: placed < 3 ? "Space: vertex \(placed + 1) (3 at least)" : "Space: vertex \(placed + 1) · Enter: close"
        case .point: "Space: place the point"
        }
    }
}
