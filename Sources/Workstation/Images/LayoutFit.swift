// The crop and size of every view in a layout, before any is rendered: each view's region (the
// zoom's, the breast's with fit to breast, else the whole view; a view and its prior share one),
// and one scale for all of them, in millimetres where every view knows its pixel spacing, so the
// views of a pair, and the current and prior exams, still compare. The workstation and `show`
// both plan with it.
import Imaging
import MammoCore

public enum LayoutFit {
    public typealias Slot = HangingArrangement.Slot

    public struct Plan: Equatable, Sendable {
        public var region: NormalizedRegion
        /// The box the view is fitted into (ViewRenderer.Options.maxSize).
        public var maxSize: PixelSize
    }

    /// `zoom` (when zoomed) wins over `fitToBreast`. Views of equal crops fill the tile as they
    /// always have; unequal ones all take the scale of the one that fits worst.
    public static func plan(_ overviews: [Slot: ViewOverview], tile: PixelSize, zoom: NormalizedRegion = .whole,
                            fitToBreast: Bool) -> [Slot: Plan] {
        var regions: [Slot: NormalizedRegion] = [:]
        for (slot, view) in overviews {
            if !zoom.isWhole {
                regions[slot] = zoom
            } else if fitToBreast {
                // The current and the prior view of one side and projection: the same crop.
                regions[slot] = overviews.filter { $0.key.view == slot.view }.values.map(\.breastRegion)
                    .reduce(view.breastRegion) { $0.union($1) }
            } else {
                regions[slot] = .whole
            }
        }
        var crops: [Slot: ViewRenderer.Crop] = [:]
        for (slot, view) in overviews { crops[slot] = ViewRenderer.storedCrop(regions[slot] ?? .whole, of: view) }
        let sizes = Set(crops.values.map { PixelSize(width: $0.width, height: $0.height) })
        let spacings = overviews.values.map(\.pixelSpacing)
        let sameSpacing = Set(spacings.map { $0 ?? 0 }).count <= 1
        guard sizes.count > 1 || !sameSpacing else {
            return regions.mapValues { Plan(region: $0, maxSize: tile) }
        }
        // Sizes in millimetres when every view has a spacing, else in stored pixels.
        let useMM = spacings.allSatisfy { ($0 ?? 0) > 0 }
        func extent(_ slot: Slot) -> (w: Double, h: Double) {
            guard let crop = crops[slot] else { return (1, 1) }
            let unit = useMM ? (overviews[slot]?.pixelSpacing ?? 1) : 1
            return (Double(crop.width) * unit, Double(crop.height) * unit)
        }
        // Canvas pixels per unit, the same for every view: the worst fit decides.
        let scale = crops.keys.map { slot -> Double in
            let e = extent(slot)
            return min(Double(tile.width) / e.w, Double(tile.height) / e.h)
        }.min() ?? 1
        var plans: [Slot: Plan] = [:]
        for slot in crops.keys {
            let e = extent(slot)
            let size = PixelSize(width: min(max(Int(e.w * scale), 1), tile.width), height: min(max(Int(e.h * scale), 1), tile.height))
            plans[slot] = Plan(region: regions[slot] ?? .whole, maxSize: size)
        }
        return plans
    }
}
