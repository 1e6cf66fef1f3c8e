// Rendered views as a reader sees them: chest wall on the correct edge, pectoral muscle only on
// the MLO, air dark but not zero, 12-bit values and a sensible window.
import MammoCore
import Testing
@testable import Synth

@Suite struct BreastViewTests {
    /// One patient's four views, rendered once for the whole suite.
    static let views: [ViewKey: RenderedView] = {
        var out: [ViewKey: RenderedView] = [:]
        for key in ViewKey.screening { out[key] = SynthTestSupport.render(key) }
        return out
    }()

    @Test(arguments: ViewKey.screening)
    func chestWallEdgeHasBreastAndFarEdgeIsAir(key: ViewKey) throws {
        let view = try #require(BreastViewTests.views[key])
        let image = view.image
        let chestWallX = key.side == .right ? image.width - 3 : 0
        let farX = key.side == .right ? 0 : image.width - 3
        let rows = image.height / 3
        let chestWall = SynthTestSupport.mean(image, x: chestWallX, y: rows, width: 3, height: rows)
        let far = SynthTestSupport.mean(image, x: farX, y: 0, width: 3, height: image.height)
        #expect(chestWall > 600, "\(key): chest-wall edge mean \(chestWall)")
        #expect(far < 100, "\(key): far edge mean \(far)")
    }

    @Test(arguments: ViewKey.screening)
    func twelveBitValuesAndWindowInsideThem(key: ViewKey) throws {
        let view = try #require(BreastViewTests.views[key])
        #expect(view.image.width == 832 && view.image.height == 1024)
        #expect(view.image.pixels.allSatisfy { $0 <= 4095 })
        #expect(view.windowWidth >= 200)
        #expect(view.windowCenter - view.windowWidth / 2 >= 0)
        #expect(view.windowCenter + view.windowWidth / 2 <= 4095 + view.windowWidth / 2)
        // Air: near black but not flat zero (detector noise).
        let corner = (0..<40).flatMap { y in (0..<40).map { x in view.image[key.side == .right ? x : view.image.width - 1 - x, view.image.height - 1 - y] } }
        let mean = Double(corner.reduce(0) { $0 + Int($1) }) / Double(corner.count)
        #expect(mean > 10 && mean < 120)
        #expect(Set(corner).count > 1)
    }

    @Test(arguments: [Side.right, .left])
    func pectoralMuscleOnMLOOnly(side: Side) throws {
        let mlo = try #require(BreastViewTests.views[ViewKey(side: side, view: .mlo)])
        let cc = try #require(BreastViewTests.views[ViewKey(side: side, view: .cc)])
        // Top corner at the chest wall: 6% of the width, 4% of the height.
        let w = mlo.image.width * 6 / 100, h = mlo.image.height * 4 / 100
        let x = side == .right ? mlo.image.width - w : 0
        let mloCorner = SynthTestSupport.mean(mlo.image, x: x, y: 0, width: w, height: h)
        let ccCorner = SynthTestSupport.mean(cc.image, x: x, y: 0, width: w, height: h)
        // The muscle is brighter than the MLO's breast tissue in general.
        let mloMiddle = SynthTestSupport.mean(mlo.image, x: side == .right ? mlo.image.width * 3 / 4 : mlo.image.width / 8,
                                              y: mlo.image.height * 3 / 5, width: mlo.image.width / 8, height: mlo.image.height / 10)
        #expect(mloCorner > ccCorner + 800, "MLO corner \(mloCorner), CC corner \(ccCorner)")
        #expect(mloCorner > mloMiddle, "MLO corner \(mloCorner), MLO middle \(mloMiddle)")
        #expect(ccCorner < 400)
    }

    @Test func peripheryIsDarkerThanTheInterior() throws {
        let view = try #require(BreastViewTests.views[.leftCC])
        let geometry = ViewGeometry(anatomy: SynthTestSupport.anatomy(side: .left), view: .cc,
                                    fieldWidthMM: SynthTestSupport.size.fieldWidthMM, fieldHeightMM: SynthTestSupport.size.fieldHeightMM)
        let s = SynthTestSupport.size.pixelSpacingMM
        let y = Int(geometry.nippleY / s)
        let tip = Int(geometry.extent(atY: geometry.nippleY + 25) / s)
        // Just inside the skin line at 25 mm below the nipple level, versus 40 mm deeper.
        let yy = Int((geometry.nippleY + 25) / s)
        let edge = SynthTestSupport.mean(view.image, x: tip - 8, y: yy - 3, width: 4, height: 6)
        let inner = SynthTestSupport.mean(view.image, x: tip - Int(40 / s), y: yy - 3, width: 4, height: 6)
        #expect(edge < inner, "edge \(edge), inner \(inner)")
        #expect(y > 0)
    }

    @Test func denseBreastsAreBrighterThanFattyOnes() {
        let fatty = SynthTestSupport.render(.leftCC, seed: 21, density: .a)
        let dense = SynthTestSupport.render(.leftCC, seed: 21, density: .d)
        let a = SynthTestSupport.mean(fatty.image, x: 40, y: 300, width: 200, height: 400)
        let d = SynthTestSupport.mean(dense.image, x: 40, y: 300, width: 200, height: 400)
        #expect(d > a + 300, "dense \(d), fatty \(a)")
    }
}
