// What the reading screen draws over its pictures: the AI's result (its map and numbered boxes)
// and the ground truth (outlines), each on its own key (a, o), so both can be on at once, told
// apart by shape (AI: numbered rectangles; truth: the lesion's outline) and colour; and how the
// AI map is drawn (its opacity in steps, filled or as contour lines). Part of the picture's key.
import Imaging

public struct OverlaySelection: Hashable, Sendable {
    public var ai = false
    public var truth = false
    /// The AI map's opacity in percent (one of `opacitySteps`); nil: the theme's.
    public var mapOpacity: Int?
    /// The AI map filled or as iso-contour lines only; nil: the theme's mode.
    public var mapMode: HeatmapStyle.Mode?

    /// What `<` and `>` step through.
    public static let opacitySteps = [0, 25, 50, 75, 100]
    /// Nothing drawn, the map as the theme says.
    public static let none = OverlaySelection()

    public init(ai: Bool = false, truth: Bool = false, mapOpacity: Int? = nil, mapMode: HeatmapStyle.Mode? = nil) {
        self.ai = ai; self.truth = truth; self.mapOpacity = mapOpacity; self.mapMode = mapMode
    }

    /// `show --overlay`'s one-at-a-time choice.
    public init(_ choice: OverlayChoice) {
        self.init(ai: choice == .ai, truth: choice == .truth)
    }

    /// "AI + ground truth", "AI", "ground truth" or "off".
    public var label: String {
        switch (ai, truth) {
        case (true, true): "AI + ground truth"
        case (true, false): OverlayChoice.ai.label
        case (false, true): OverlayChoice.truth.label
        case (false, false): OverlayChoice.none.label
        }
    }

    /// The theme's map style with this selection's opacity and mode.
    public func heatmap(_ theme: HeatmapStyle) -> HeatmapStyle {
        var style = theme
        if let mapOpacity { style.opacity = Float(mapOpacity) / 100 }
        if let mapMode { style.mode = mapMode }
        return style
    }

    /// The opacity one step down (`up` false) or up from the one shown with `theme`, in percent.
    public func steppedOpacity(up: Bool, theme: HeatmapStyle) -> Int {
        let now = mapOpacity ?? Int((theme.opacity * 100).rounded())
        let steps = Self.opacitySteps
        let next = up ? steps.first { $0 > now } : steps.last { $0 < now }
        return next ?? (up ? steps[steps.count - 1] : steps[0])
    }

    /// "map 50 %, contours": the AI map as shown with `theme`.
    public func mapLabel(_ theme: HeatmapStyle) -> String {
        let style = heatmap(theme)
        return "map \(Int((style.opacity * 100).rounded())) %" + (style.mode == .contour ? ", contours" : "")
    }
}
