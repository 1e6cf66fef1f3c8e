// `show --overlay`: what is drawn over the pictures, one at a time: nothing, the AI's result
// (its map and lesion boxes), or the synthetic ground truth (outlines and a map made from them).
// The reading screen keeps AI and truth apart as OverlaySelection (both may be on).

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
