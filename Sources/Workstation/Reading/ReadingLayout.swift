// What the image area shows: the four-view hanging protocol, one view, or one view beside
// the same view of the prior exam.
import MammoCore

public enum ReadingLayout: Hashable, Sendable {
    case four
    case single(ViewKey)
    case prior(ViewKey)

    /// The view the metadata panel reports on (the window shown is that view's).
    public var primaryView: ViewKey {
        switch self {
        case .four: return .rightCC
        case .single(let key), .prior(let key): return key
        }
    }

    /// Short text for the image header and the metadata panel.
    public var label: String {
        switch self {
        case .four: return "RCC LCC / RMLO LMLO"
        case .single(let key): return key.label
        case .prior(let key): return "\(key.label) current vs prior"
        }
    }
}
