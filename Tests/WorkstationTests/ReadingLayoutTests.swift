// Layouts (issue 15): the names `--layout` and config.toml take, L's cycle, where each view of
// each layout lands (right views against the right of their tile, so each pair's chest walls
// meet), the prior's set beside or under the current one, one scale for views of unequal crops,
// and fit to breast cropping the air while keeping the chest-wall edge.
import Foundation
import Imaging
import MammoCore
import Testing
@testable import Workstation

@Suite("Reading layouts")
struct ReadingLayoutTests {
    typealias Slot = HangingArrangement.Slot

    @Test func namesParseAndABadOneIsRefused() {
        #expect(HangingLayout.names.compactMap { HangingLayout(name: $0) } == [.grid, .row, .ccPair, .mloPair, .single(.rightCC)])
        #expect(HangingLayout(name: "single", view: .leftMLO) == .single(.leftMLO))
        #expect(HangingLayout(name: "1X4") == .row)
        #expect(HangingLayout(name: "3x3") == nil)
        #expect(HangingLayout(name: "") == nil)
        for layout in [HangingLayout.grid, .row, .ccPair, .mloPair, .single(.leftCC)] {
            #expect(HangingLayout(name: layout.name, view: .leftCC) == layout)
        }
    }

    @Test func lCyclesThroughEveryLayoutAndBack() {
        var layout = HangingLayout.grid
        var seen: [HangingLayout] = []
        for _ in 0..<5 { seen.append(layout); layout = layout.next(singleView: .rightCC) }
        #expect(seen == [.grid, .row, .ccPair, .mloPair, .single(.rightCC)])
        #expect(layout == .grid)
        #expect(HangingLayout.single(.leftMLO).next(singleView: .rightCC) == .grid)
    }

    @Test func readingLayoutKeepsSingleViewsAndThePriorFlag() {
        #expect(ReadingLayout(.grid, prior: false) == .four)
        #expect(ReadingLayout(.single(.leftCC), prior: true) == .prior(.leftCC))
        #expect(ReadingLayout(.single(.leftCC), prior: false) == .single(.leftCC))
        #expect(ReadingLayout(.mloPair, prior: true).showsPrior)
        #expect(ReadingLayout(.mloPair, prior: true).primaryView == .rightMLO)
        #expect(ReadingLayout.prior(.leftMLO).hanging == .single(.leftMLO))
        #expect(ReadingLayout.four.label == "RCC LCC / RMLO LMLO")
        #expect(ReadingLayout(.row, prior: true).label == "1x4 RCC LCC RMLO LMLO vs prior")
    }

    /// (column, row) of each view of an arrangement, current and prior apart.
    static func places(_ a: HangingArrangement, prior: Bool = false) -> [ViewKey: [Int]] {
        var out: [ViewKey: [Int]] = [:]
        for slot in a.slots where slot.prior == prior { out[slot.view] = [slot.column, slot.row] }
        return out
    }

    @Test func eachLayoutHangsItsViewsRightBeforeLeft() {
        let wide = PixelSize(width: 900, height: 400)
        let grid = HangingArrangement(.grid, prior: false, canvas: wide)
        #expect(grid.columns == 2 && grid.rows == 2)
        #expect(Self.places(grid) == [.rightCC: [0, 0], .leftCC: [1, 0], .rightMLO: [0, 1], .leftMLO: [1, 1]])
        let row = HangingArrangement(.row, prior: false, canvas: wide)
        #expect(row.columns == 4 && row.rows == 1)
        #expect(Self.places(row) == [.rightCC: [0, 0], .leftCC: [1, 0], .rightMLO: [2, 0], .leftMLO: [3, 0]])
        #expect(Self.places(HangingArrangement(.ccPair, prior: false, canvas: wide)) == [.rightCC: [0, 0], .leftCC: [1, 0]])
        #expect(Self.places(HangingArrangement(.mloPair, prior: false, canvas: wide)) == [.rightMLO: [0, 0], .leftMLO: [1, 0]])
        #expect(Self.places(HangingArrangement(.single(.leftMLO), prior: false, canvas: wide)) == [.leftMLO: [0, 0]])
    }

    @Test func thePriorSetHangsBesideTheFourAndUnderTheRow() {
        let canvas = PixelSize(width: 900, height: 400)
        let grid = HangingArrangement(.grid, prior: true, canvas: canvas)
        #expect(grid.priorPlace == .beside && grid.columns == 4 && grid.rows == 2)
        #expect(Self.places(grid, prior: true) == [.rightCC: [2, 0], .leftCC: [3, 0], .rightMLO: [2, 1], .leftMLO: [3, 1]])
        let row = HangingArrangement(.row, prior: true, canvas: canvas)
        #expect(row.priorPlace == .below && row.columns == 4 && row.rows == 2)
        #expect(Self.places(row, prior: true) == [.rightCC: [0, 1], .leftCC: [1, 1], .rightMLO: [2, 1], .leftMLO: [3, 1]])
        let single = HangingArrangement(.single(.leftCC), prior: true, canvas: canvas)
        #expect(single.priorPlace == .beside && single.slots.count == 2)
        // A pair goes where its views come out larger: beside on a wide canvas, under on a tall one.
        #expect(HangingArrangement(.ccPair, prior: true, canvas: PixelSize(width: 1600, height: 400)).priorPlace == .beside)
        #expect(HangingArrangement(.ccPair, prior: true, canvas: PixelSize(width: 500, height: 800)).priorPlace == .below)
        // The band between the sets is at least the set gap, and the tiles leave room for it.
        let band = row.separator(canvas: canvas, gap: 4, setGap: 30)
        #expect(band?.height == 30 && band?.width == 900)
        #expect(HangingArrangement(.row, prior: false, canvas: canvas).separator(canvas: canvas, gap: 4, setGap: 30) == nil)
        let tile = row.tileSize(canvas: canvas, gap: 4, setGap: 30)
        #expect(tile.height * 2 + 30 <= 400 && tile.height * 2 + 30 > 396)
    }

    /// Columns of `image` holding a pixel of `value`.
    static func columns(of value: UInt8, in image: GrayImage<UInt8>) -> [Int] {
        (0..<image.width).filter { x in (0..<image.height).contains { image[x, $0] == value } }
    }

    @Test(arguments: [HangingLayout.grid, .row, .ccPair, .mloPair])
    func theChestWallsOfEachPairMeet(layout: HangingLayout) {
        let canvas = PixelSize(width: 400, height: 200), gap = 4
        let arrangement = HangingArrangement(layout, prior: true, canvas: canvas, gap: gap)
        let tile = arrangement.tileSize(canvas: canvas, gap: gap, setGap: 12)
        var views: [Slot: GrayImage<UInt8>] = [:]
        for (index, slot) in arrangement.slots.enumerated() {
            // Narrower than the tile, so where it sits in it shows.
            views[slot] = GrayImage(width: tile.width / 2, height: tile.height / 2, repeating: UInt8(index + 1))
        }
        let composed = HangingCanvas.compose(views, arrangement, canvas: canvas, gap: gap, setGap: 12, background: 0)
        for (index, slot) in arrangement.slots.enumerated() {
            let origin = arrangement.origin(of: slot, canvas: canvas, gap: gap, setGap: 12)
            let lit = Self.columns(of: UInt8(index + 1), in: composed)
            if slot.view.side == .right {
                #expect(lit.last == origin.x + tile.width - 1, "\(slot.label) against its tile's right edge")
            } else {
                #expect(lit.first == origin.x, "\(slot.label) against its tile's left edge")
            }
        }
        // A right view and the left view beside it: only the gap between their chest walls.
        for slot in arrangement.slots where slot.view.side == .right {
            guard let partner = arrangement.slots.firstIndex(where: { $0.row == slot.row && $0.column == slot.column + 1 && $0.prior == slot.prior }),
                  let me = arrangement.slots.firstIndex(of: slot) else { continue }
            let right = Self.columns(of: UInt8(me + 1), in: composed), left = Self.columns(of: UInt8(partner + 1), in: composed)
            #expect((left.first ?? 0) - (right.last ?? 0) == gap + 1, "\(slot.label) meets \(arrangement.slots[partner].label)")
        }
    }

    static func overview(width: Int, height: Int, spacing: Double?, region: NormalizedRegion = .whole) -> ViewOverview {
        ViewOverview(path: "x", sopInstanceUID: "1", key: .rightCC, storedSize: PixelSize(width: width, height: height),
                     presentation: GrayscalePresentation(), baseMapping: .window(center: 0, width: 1, function: .linear),
                     baseWindow: VOIWindow(center: 0, width: 1), windowIsAutomatic: true, flipHorizontal: false, flipVertical: false,
                     pixelSpacing: spacing, image: GrayImage(width: 4, height: 4, repeating: 0), breastRegion: region)
    }

    @Test func viewsOfUnequalSizeShareOneScale() throws {
        let current = Slot(view: .rightCC, prior: false, column: 0, row: 0), prior = Slot(view: .rightCC, prior: true, column: 1, row: 0)
        let tile = PixelSize(width: 300, height: 400)
        // Equal views fill the tile as before.
        let same = LayoutFit.plan([current: Self.overview(width: 3000, height: 4000, spacing: 0.1),
                                   prior: Self.overview(width: 3000, height: 4000, spacing: 0.1)], tile: tile, fitToBreast: false)
        #expect(same[current]?.maxSize == tile && same[prior]?.maxSize == tile)
        // A prior half the size in pixels at twice the spacing is the same breast: the same size on screen.
        let mm = LayoutFit.plan([current: Self.overview(width: 3000, height: 4000, spacing: 0.1),
                                 prior: Self.overview(width: 1500, height: 2000, spacing: 0.2)], tile: tile, fitToBreast: false)
        #expect(mm[current]?.maxSize == tile && mm[prior]?.maxSize == tile)
        // Without spacing: pixels decide, the larger view limits the scale.
        let px = LayoutFit.plan([current: Self.overview(width: 3000, height: 4000, spacing: nil),
                                 prior: Self.overview(width: 1500, height: 4000, spacing: nil)], tile: tile, fitToBreast: false)
        #expect(px[current]?.maxSize == tile)
        #expect(px[prior]?.maxSize == PixelSize(width: 150, height: 400))
    }

    @Test func fitToBreastGivesAViewAndItsPriorOneCropAndOneScale() throws {
        let current = Slot(view: .rightCC, prior: false, column: 0, row: 0), prior = Slot(view: .rightCC, prior: true, column: 1, row: 0)
        let lcc = Slot(view: .leftCC, prior: false, column: 1, row: 0)
        let a = NormalizedRegion(x: 0.4, y: 0.2, width: 0.6, height: 0.5), b = NormalizedRegion(x: 0.5, y: 0.1, width: 0.5, height: 0.5)
        let left = NormalizedRegion(x: 0, y: 0.1, width: 0.5, height: 0.8)
        let tile = PixelSize(width: 300, height: 400)
        let plan = LayoutFit.plan([current: Self.overview(width: 1000, height: 1000, spacing: 0.1, region: a),
                                   prior: Self.overview(width: 1000, height: 1000, spacing: 0.1, region: b),
                                   lcc: Self.overview(width: 1000, height: 1000, spacing: 0.1, region: left)], tile: tile, fitToBreast: true)
        func near(_ r: NormalizedRegion?, _ x: Double, _ y: Double, _ w: Double, _ h: Double) -> Bool {
            guard let r else { return false }
            return [r.x - x, r.y - y, r.width - w, r.height - h].allSatisfy { abs($0) < 1e-9 }
        }
        #expect(near(plan[current]?.region, 0.4, 0.1, 0.6, 0.6) && plan[prior]?.region == plan[current]?.region)
        #expect(plan[lcc]?.region == left)
        // One scale: 600 x 600 and 500 x 800 stored pixels; the LCC's height limits it (400 / 800).
        func about(_ size: PixelSize?, _ w: Int, _ h: Int) -> Bool {
            guard let size else { return false }
            return abs(size.width - w) <= 1 && abs(size.height - h) <= 1
        }
        #expect(about(plan[current]?.maxSize, 300, 300), "\(String(describing: plan[current]))")
        #expect(about(plan[lcc]?.maxSize, 250, 400), "\(String(describing: plan[lcc]))")
        // Zoomed, the zoom's region wins.
        let zoom = NormalizedRegion(x: 0.25, y: 0.25, width: 0.5, height: 0.5)
        let zoomed = LayoutFit.plan([current: Self.overview(width: 1000, height: 1000, spacing: 0.1, region: a)], tile: tile,
                                    zoom: zoom, fitToBreast: true)
        #expect(zoomed[current]?.region == zoom)
    }

    @Test func theBreastRegionReachesTheChestWallAndLeavesTheAirOut() {
        // A breast against the right edge, in the middle rows, air elsewhere (as stored = displayed).
        var preview = GrayImage<Float>(width: 100, height: 100, repeating: 10)
        for y in 30..<70 { for x in 60..<100 { preview[x, y] = 900 } }
        let region = ViewOverview.breastRegion(of: preview, monochrome1: false, side: .right, flipHorizontal: false, flipVertical: false)
        #expect(abs(region.x - 0.57) < 0.011 && abs(region.x + region.width - 1) < 1e-9, "\(region)")
        #expect(abs(region.y - 0.27) < 0.011 && abs(region.y + region.height - 0.73) < 0.011, "\(region)")
        // Stored on the other side and flipped for display: the same region as displayed.
        var mirrored = GrayImage<Float>(width: 100, height: 100, repeating: 10)
        for y in 30..<70 { for x in 0..<40 { mirrored[x, y] = 900 } }
        let flipped = ViewOverview.breastRegion(of: mirrored, monochrome1: false, side: .right, flipHorizontal: true, flipVertical: false)
        #expect(abs(flipped.x - region.x) < 1e-9 && abs(flipped.width - region.width) < 1e-9)
        // A left view's chest wall is its left edge; MONOCHROME1 tissue is dark.
        var dark = GrayImage<Float>(width: 100, height: 100, repeating: 900)
        for y in 10..<90 { for x in 0..<50 { dark[x, y] = 10 } }
        let left = ViewOverview.breastRegion(of: dark, monochrome1: true, side: .left, flipHorizontal: false, flipVertical: false)
        #expect(left.x == 0 && abs(left.width - 0.53) < 0.011, "\(left)")
        // No air at all: no crop.
        let full = ViewOverview.breastRegion(of: GrayImage(width: 50, height: 50, repeating: 500), monochrome1: false, side: .right,
                                             flipHorizontal: false, flipVertical: false)
        #expect(full.isWhole)
    }
}

extension ReadingLayoutTests {
    /// On the samples: every view's breast leaves air out and reaches its chest-wall edge as displayed.
    @Test(arguments: [ViewKey.rightCC, .leftCC, .rightMLO, .leftMLO])
    func theSamplesBreastRegionsCropTheAir(view: ViewKey) throws {
        let path = SampleLibrary.samples + "/SYN-0004/20251220/\(view.label).dcm"
        let region = try DecodedView.decode(path: path, as: view, detail: OverlayStyle().detail).overview.breastRegion
        #expect(!region.isWhole, "\(view.label): \(region)")
        #expect(region.width * region.height < 0.9, "\(view.label): \(region)")
        if view.side == .right { #expect(abs(region.x + region.width - 1) < 1e-9) } else { #expect(region.x == 0) }
    }
}
