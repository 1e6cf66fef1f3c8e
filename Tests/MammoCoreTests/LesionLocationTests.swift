// A lesion's location in a report's words: the clock as read facing the patient, the depth
// third, the distance from the nipple, the one-view aspect, the JSON shape scripts read.
import Foundation
import MammoCore
import Testing

@Suite struct LesionLocationTests {
    @Test func clockFacesThePatient() {
        // Lateral is 9 o'clock on the right breast, 3 on the left; superior is 12, inferior 6.
        #expect(LesionLocation.clock(lateral: 30, superior: 0, side: .right) == 9)
        #expect(LesionLocation.clock(lateral: 30, superior: 0, side: .left) == 3)
        #expect(LesionLocation.clock(lateral: 0, superior: 30, side: .right) == 12)
        #expect(LesionLocation.clock(lateral: 0, superior: -30, side: .left) == 6)
        // Upper outer quadrant: between 10 and 11 on the right, 1 and 2 on the left.
        #expect([10, 11].contains(LesionLocation.clock(lateral: 20, superior: 20, side: .right)))
        #expect([1, 2].contains(LesionLocation.clock(lateral: 20, superior: 20, side: .left)))
        #expect(LesionLocation.clock(lateral: -20, superior: -20, side: .right) == 5 || LesionLocation.clock(lateral: -20, superior: -20, side: .right) == 4)
    }

    /// A right CC with the chest wall at the stored right (no flip), nipple at (100, 200),
    /// 300 px to the chest wall, 0.5 mm pixels.
    static let cc = BreastFrame(side: .right, position: .cc, nipple: PixelPoint(x: 100, y: 200), nippleToChestWall: 300,
                                chestWallAtStoredLeft: false, storedRowsRunUp: false, spacing: PixelSpacing(row: 0.5, column: 0.5))
    static let mlo = BreastFrame(side: .right, position: .mlo, nipple: PixelPoint(x: 100, y: 300), nippleToChestWall: 300,
                                 chestWallAtStoredLeft: false, storedRowsRunUp: false, spacing: PixelSpacing(row: 0.5, column: 0.5))

    @Test func depthThirdAndNippleDistance() {
        // 150 px toward the chest wall (half the way: middle), 80 px up (lateral on a CC).
        let l = LesionLocation.locate(PixelPoint(x: 250, y: 120), in: Self.cc, side: .right)
        #expect(l.depth == .middle)
        #expect(l.aspect == "lateral")
        #expect(l.clock == nil)   // one view gives no clock
        #expect(abs((l.nippleDistanceMM ?? 0) - (150 * 150 + 80 * 80).squareRoot() * 0.5) < 0.06)
        #expect(LesionLocation.locate(PixelPoint(x: 140, y: 260), in: Self.cc, side: .right).depth == .anterior)
        #expect(LesionLocation.locate(PixelPoint(x: 330, y: 260), in: Self.cc, side: .right).aspect == "medial")
        #expect(LesionLocation.locate(PixelPoint(x: 330, y: 260), in: Self.cc, side: .right).depth == .posterior)
    }

    @Test func clockFromBothViews() {
        // 60 mm lateral on the CC; on the MLO up = superior·cos45 + lateral·sin45 with superior 0.
        let lateralPX = 120.0, mloUpPX = lateralPX * sin(Double.pi / 4)
        let onCC = PixelPoint(x: 180, y: 200 - lateralPX), onMLO = PixelPoint(x: 180, y: 300 - mloUpPX)
        let l = LesionLocation.locate(onCC, in: Self.cc, side: .right, other: (onMLO, Self.mlo))
        #expect(l.clock == 9)
        #expect(l.text.hasPrefix("R 9 o'clock"))
        // Without a spacing: depth, but neither distance nor clock.
        var noSpacing = Self.cc; noSpacing.spacing = nil
        let bare = LesionLocation.locate(onCC, in: noSpacing, side: .right, other: (onMLO, Self.mlo))
        #expect(bare.clock == nil && bare.nippleDistanceMM == nil && bare.depth == .anterior)
    }

    @Test func flippedStorageReadsTheSame() {
        // The same breast stored mirrored and upside down: chest wall at stored column 0.
        let flipped = BreastFrame(side: .right, position: .cc, nipple: PixelPoint(x: 400, y: 200), nippleToChestWall: 300,
                                  chestWallAtStoredLeft: true, storedRowsRunUp: true, spacing: PixelSpacing(row: 0.5, column: 0.5))
        let a = LesionLocation.locate(PixelPoint(x: 250, y: 120), in: Self.cc, side: .right)
        let b = LesionLocation.locate(PixelPoint(x: 250, y: 280), in: flipped, side: .right)
        #expect(a == b)
    }

    @Test func subareolarAndNoFrame() {
        let l = LesionLocation.locate(PixelPoint(x: 120, y: 205), in: Self.cc, side: .right)
        #expect(l.aspect == "subareolar")
        let none = LesionLocation.locate(PixelPoint(x: 120, y: 205), in: nil, side: .left)
        #expect(none == LesionLocation(side: .left))
        #expect(none.text == "L")
    }

    @Test func jsonHasEveryKey() throws {
        let data = try JSONEncoder().encode(LesionLocation(side: .left, depth: .posterior))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["side", "clock", "depth", "nippleDistanceMM", "aspect"])
        #expect(object["side"] as? String == "L" && object["depth"] as? String == "posterior")
        #expect(object["clock"] is NSNull)
    }

    @Test func nippleIsTheFarthestTissueFromTheChestWall() throws {
        // A half-disc of tissue against column 0, tip at column 29 on rows 9-11.
        var pixels = [Float](repeating: 0, count: 40 * 21)
        for y in 0..<21 {
            let reach = Int((Double(900 - (y - 10) * (y - 10) * 9)).squareRoot())
            for x in 0..<min(40, reach) { pixels[y * 40 + x] = 1 }
        }
        let tip = try #require(Nipple.locate(pixels, rows: 21, columns: 40))
        #expect(abs(tip.y - 10.5) < 0.6)
        #expect(tip.x > 28 && tip.x < 31)
        #expect(Nipple.locate([Float](repeating: 0, count: 40), rows: 4, columns: 10) == nil)
    }
}
