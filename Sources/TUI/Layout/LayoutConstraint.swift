// How one part of a split rectangle is sized along the split axis, and the solver that turns a
// list of parts into sizes for a given length. Table columns use the same rules.

public enum LayoutConstraint: Hashable, Sendable {
    /// Exactly `n` cells.
    case fixed(Int)
    /// This share (0...1) of the whole length, rounded down.
    case fraction(Double)
    /// At least `n` cells, then a share (weight 1) of what is left over.
    case min(Int)
    /// A share of what is left over, by weight.
    case fill(Int)

    public static let fill = LayoutConstraint.fill(1)

    /// Sizes for `constraints` along `length`, after `spacing` between neighbours. They sum to at
    /// most `length`. When the fixed, fractional and minimum sizes do not fit, parts are shrunk
    /// from the last one backwards: the first parts (a title, a list) are usually the ones a
    /// reader needs. Leftover cells go to `.min`/`.fill` parts by weight, earliest first for
    /// rounding; with none of those, to the fractions, so 1/3 + 1/3 + 1/3 covers the whole.
    public static func sizes(_ constraints: [LayoutConstraint], length: Int, spacing: Int = 0) -> [Int] {
        guard !constraints.isEmpty else { return [] }
        let available = Swift.max(length - spacing * (constraints.count - 1), 0)
        var sizes = constraints.map { c -> Int in
            switch c {
            case .fixed(let n), .min(let n): return Swift.max(n, 0)
            case .fraction(let p): return Swift.max(Int((Double(available) * Swift.min(Swift.max(p, 0), 1)).rounded(.down)), 0)
            case .fill: return 0
            }
        }
        var excess = sizes.reduce(0, +) - available
        var i = sizes.count - 1
        while excess > 0 && i >= 0 {
            let cut = Swift.min(sizes[i], excess)
            sizes[i] -= cut
            excess -= cut
            i -= 1
        }
        var leftover = available - sizes.reduce(0, +)
        guard leftover > 0 else { return sizes }
        let weights = constraints.map { c -> Int in
            switch c {
            case .min: return 1
            case .fill(let w): return Swift.max(w, 0)
            default: return 0
            }
        }
        let totalWeight = weights.reduce(0, +)
        if totalWeight > 0 {
            var given = 0
            for j in sizes.indices where weights[j] > 0 {
                let share = leftover * weights[j] / totalWeight
                sizes[j] += share
                given += share
            }
            var rest = leftover - given
            for j in sizes.indices where weights[j] > 0 && rest > 0 { sizes[j] += 1; rest -= 1 }
            return sizes
        }
        let fractions = constraints.indices.filter { if case .fraction = constraints[$0] { return true } else { return false } }
        for j in fractions where leftover > 0 { sizes[j] += 1; leftover -= 1 }
        return sizes
    }
}
