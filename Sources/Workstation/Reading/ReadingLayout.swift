// What the image area shows: several views hung together (2x2, 1x4, the CC or the MLO pair),
// one view, or either beside (or over) the same views of the prior exam.
import Imaging
import MammoCore

public enum ReadingLayout: Hashable, Sendable {
    /// A multi-view layout (never `.single`), with the prior's same set or not.
    case hung(HangingLayout, prior: Bool)
    case single(ViewKey)
    /// One view beside the same view of the prior exam.
    case prior(ViewKey)

    /// The 2x2 screening protocol.
    public static let four = ReadingLayout.hung(.grid, prior: false)

    /// The layout for `hanging`, compared with the prior or not (a single view keeps its cases).
    public init(_ hanging: HangingLayout, prior: Bool) {
        switch hanging {
        case .single(let view): self = prior ? .prior(view) : .single(view)
        default: self = .hung(hanging, prior: prior)
        }
    }

    /// The views shown and whether the prior's are beside them.
    public var hanging: HangingLayout {
        switch self {
        case .hung(let layout, _): return layout
        case .single(let view), .prior(let view): return .single(view)
        }
    }

    public var showsPrior: Bool {
        switch self {
        case .hung(_, let prior): return prior
        case .prior: return true
        case .single: return false
        }
    }

    /// Whether several views are shown (not one view alone or compared).
    public var isMultiView: Bool {
        if case .hung = self { return true }
        return false
    }

    /// The view the metadata panel reports on (the window shown is that view's).
    public var primaryView: ViewKey { hanging.views.first ?? .rightCC }

    /// Short text for the image header and the metadata panel.
    public var label: String {
        switch self {
        case .hung(let layout, let prior): return layout.label + (prior ? " vs prior" : "")
        case .single(let key): return key.label
        case .prior(let key): return "\(key.label) current vs prior"
        }
    }
}
