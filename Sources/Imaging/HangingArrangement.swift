// Where each view of a layout goes on the canvas: a grid of equal tiles, the current exam's set
// and, when compared, the prior's same set beside it (2x2, single) or under it (1x4), the pairs
// whichever gives the bigger views. The two sets are parted by a wider gap, where the prior's
// caption can go.
import MammoCore

public struct HangingArrangement: Equatable, Sendable {
    public struct Slot: Hashable, Sendable {
        public var view: ViewKey
        /// The prior exam's view rather than the current one.
        public var prior: Bool
        public var column: Int
        public var row: Int
        public init(view: ViewKey, prior: Bool, column: Int, row: Int) {
            self.view = view; self.prior = prior; self.column = column; self.row = row
        }

        /// "RCC", or "prior RCC": how a problem names the view.
        public var label: String { (prior ? "prior " : "") + view.label }
    }

    public enum PriorPlace: Equatable, Sendable { case beside, below }

    public var layout: HangingLayout
    public var columns: Int
    public var rows: Int
    public var slots: [Slot]
    /// Where the prior's set hangs; nil when there is no comparison.
    public var priorPlace: PriorPlace?

    /// `viewAspect` (width over height of a view, about 0.8 for a mammogram) decides whether a
    /// compared pair goes beside or under the prior pair on this canvas.
    public init(_ layout: HangingLayout, prior: Bool, canvas: PixelSize, gap: Int = 0, viewAspect: Double = 0.8) {
        self.layout = layout
        let grid = layout.rows
        let setColumns = grid.map(\.count).max() ?? 1, setRows = grid.count
        var place: PriorPlace?
        if prior {
            switch layout {
            case .grid, .single: place = .beside
            case .row: place = .below
            case .ccPair, .mloPair:
                let beside = Self.viewScale(columns: setColumns * 2, rows: setRows, canvas: canvas, gap: gap, aspect: viewAspect)
                let below = Self.viewScale(columns: setColumns, rows: setRows * 2, canvas: canvas, gap: gap, aspect: viewAspect)
                place = beside >= below ? .beside : .below
            }
        }
        priorPlace = place
        columns = place == .beside ? setColumns * 2 : setColumns
        rows = place == .below ? setRows * 2 : setRows
        var slots: [Slot] = []
        for exam in prior ? [false, true] : [false] {
            for (r, line) in grid.enumerated() {
                for (c, view) in line.enumerated() {
                    let column = exam && place == .beside ? c + setColumns : c
                    let row = exam && place == .below ? r + setRows : r
                    slots.append(Slot(view: view, prior: exam, column: column, row: row))
                }
            }
        }
        self.slots = slots
    }

    /// How large a view of `aspect` comes out in a grid of that many tiles (its fitted width).
    static func viewScale(columns: Int, rows: Int, canvas: PixelSize, gap: Int, aspect: Double) -> Double {
        let w = Double(canvas.width - (columns - 1) * gap) / Double(columns)
        let h = Double(canvas.height - (rows - 1) * gap) / Double(rows)
        return min(w, h * aspect)
    }

    /// The gap between the current and the prior set: `gap`, widened to at least `setGap`.
    func between(_ gap: Int, _ setGap: Int) -> Int { max(setGap, gap) }

    /// Every tile's size: the canvas less the gaps, shared equally.
    public func tileSize(canvas: PixelSize, gap: Int, setGap: Int = 0) -> PixelSize {
        let extraX = priorPlace == .beside ? between(gap, setGap) - gap : 0
        let extraY = priorPlace == .below ? between(gap, setGap) - gap : 0
        return PixelSize(width: max((canvas.width - (columns - 1) * gap - extraX) / columns, 1),
                         height: max((canvas.height - (rows - 1) * gap - extraY) / rows, 1))
    }

    /// The top-left corner of a slot's tile.
    public func origin(of slot: Slot, canvas: PixelSize, gap: Int, setGap: Int = 0) -> (x: Int, y: Int) {
        let tile = tileSize(canvas: canvas, gap: gap, setGap: setGap)
        let extra = between(gap, setGap) - gap
        let x = slot.column * (tile.width + gap) + (slot.prior && priorPlace == .beside ? extra : 0)
        let y = slot.row * (tile.height + gap) + (slot.prior && priorPlace == .below ? extra : 0)
        return (x, y)
    }

    /// The band between the two sets (x, y, width, height on the canvas): the prior's caption
    /// goes there; nil without a comparison.
    public func separator(canvas: PixelSize, gap: Int, setGap: Int) -> (x: Int, y: Int, width: Int, height: Int)? {
        guard let priorPlace, let first = slots.first(where: \.prior) else { return nil }
        let start = origin(of: first, canvas: canvas, gap: gap, setGap: setGap)
        let band = between(gap, setGap)
        switch priorPlace {
        case .beside: return (start.x - band, 0, band, canvas.height)
        case .below: return (0, start.y - band, canvas.width, band)
        }
    }
}
