// What is drawn over the pictures: nothing, the AI's result (its map and lesion boxes), or the
// synthetic ground truth (outlines and a map made from them). One at a time, so a reader never
// mistakes one for the other; the status line and the metadata panel say which.

public enum OverlayChoice: String, CaseIterable, Hashable, Sendable {
    case none, ai, truth

    public var label: String {
        switch self {
        case .none: return "off"
        case .ai: return "AI"
        case .truth: return "ground truth"
        }
    }
}
