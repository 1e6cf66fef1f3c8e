// Which views hang together: the 2x2 screening protocol, all four in one row (wide screens), the
// CC or the MLO pair, or one view. `--layout` and config.toml's `layout` spell them 2x2, 1x4, cc,
// mlo, single. Right views come first in every row, so each pair's chest walls meet (DOMAIN.md).
import MammoCore

public enum HangingLayout: Hashable, Sendable {
    case grid
    /// RCC LCC RMLO LMLO: the 2x2 read row by row, so the views stand in the order of the 1-4
    /// keys and the reader's usual scan (CCs, then MLOs) is kept; each pair still meets at the
    /// chest wall.
    case row
    case ccPair
    case mloPair
    case single(ViewKey)

    /// The names `--layout` and config.toml take, in `L`'s cycle order.
    public static let names = ["2x2", "1x4", "cc", "mlo", "single"]

    /// The layout a name stands for; `single` shows `view`. nil for a name not in `names`.
    public init?(name: String, view: ViewKey = .rightCC) {
        switch name.lowercased() {
        case "2x2": self = .grid
        case "1x4": self = .row
        case "cc": self = .ccPair
        case "mlo": self = .mloPair
        case "single": self = .single(view)
        default: return nil
        }
    }

    public var name: String {
        switch self {
        case .grid: "2x2"
        case .row: "1x4"
        case .ccPair: "cc"
        case .mloPair: "mlo"
        case .single: "single"
        }
    }

    /// The views row by row, right before left in each pair.
    public var rows: [[ViewKey]] {
        switch self {
        case .grid: [[.rightCC, .leftCC], [.rightMLO, .leftMLO]]
        case .row: [[.rightCC, .leftCC, .rightMLO, .leftMLO]]
        case .ccPair: [[.rightCC, .leftCC]]
        case .mloPair: [[.rightMLO, .leftMLO]]
        case .single(let view): [[view]]
        }
    }

    public var views: [ViewKey] { rows.flatMap { $0 } }

    /// `L`'s next layout: 2x2 → 1x4 → CC pair → MLO pair → single (`view`) → 2x2.
    public func next(singleView view: ViewKey) -> HangingLayout {
        switch self {
        case .grid: .row
        case .row: .ccPair
        case .ccPair: .mloPair
        case .mloPair: .single(view)
        case .single: .grid
        }
    }

    /// Words for the screen: "1x4 RCC LCC RMLO LMLO", "CC pair", "RCC".
    public var label: String {
        switch self {
        case .grid: "RCC LCC / RMLO LMLO"
        case .row: "1x4 RCC LCC RMLO LMLO"
        case .ccPair: "CC pair RCC LCC"
        case .mloPair: "MLO pair RMLO LMLO"
        case .single(let view): view.label
        }
    }
}
