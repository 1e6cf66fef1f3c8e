// Lesion locations read off synthetic mammograms agree with where the planner put the lesions:
// the clock (from the CC's lateral and the MLO's oblique offset) to within an hour, and the
// distance from the nipple on the CC to within a few millimetres.
import MammoCore
import Testing
@testable import Synth

@Suite struct LesionLocationSynthTests {
    static func frame(_ view: RenderedView) -> BreastFrame? {
        let pixels = view.image.pixels.map(Float.init)
        let spacing = PixelSpacing(row: view.pixelSpacingMM, column: view.pixelSpacingMM)
        return BreastFrame.measure(pixels, width: view.image.width, height: view.image.height,
                                   stored: PixelSize(width: view.image.width, height: view.image.height),
                                   side: view.viewKey.side, position: view.viewKey.view,
                                   flipHorizontal: false, flipVertical: false, spacing: spacing)
    }

    @Test(arguments: [Side.right, .left])
    func clockAndDistanceMatchThePlan(side: Side) throws {
        let size = SynthTestSupport.size
        let anatomy = SynthTestSupport.anatomy(side: side, density: .a)
        var r = SynthRandom(seed: side == .right ? 21 : 22)
        let lesions = (0..<8).compactMap {
            CohortPlanner.place(id: "M\($0)", shape: .round, pathology: .benign, diameter: 6, anatomy: anatomy, size: size, random: &r)
        }
        #expect(lesions.count >= 6)
        let cc = SynthTestSupport.render(ViewKey(side: side, view: .cc), density: .a, lesions: lesions)
        let mlo = SynthTestSupport.render(ViewKey(side: side, view: .mlo), density: .a, lesions: lesions)
        let ccFrame = try #require(Self.frame(cc)), mloFrame = try #require(Self.frame(mlo))
        var checked = 0
        for spec in lesions {
            guard let a = cc.lesions.first(where: { $0.lesionID == spec.id }), let b = mlo.lesions.first(where: { $0.lesionID == spec.id })
            else { continue }
            let location = LesionLocation.locate(a.box.center, in: ccFrame, side: side, other: (b.box.center, mloFrame))
            let lateral = spec.lateralMM, superior = spec.superiorMM
            guard (lateral * lateral + superior * superior).squareRoot() > 25 else { continue }   // the clock is loose near the nipple
            let expected = LesionLocation.clock(lateral: lateral, superior: superior, side: side)
            let got = try #require(location.clock, "\(spec.id): no clock")
            let apart = min((got - expected + 12) % 12, (expected - got + 12) % 12)
            #expect(apart <= 1, "\(spec.id): clock \(got), planned \(expected) (lateral \(lateral), superior \(superior))")
            // On the CC the nipple tip is nippleLength in front of the depth origin.
            let depth = spec.depthMM + anatomy.nippleLengthMM
            let planned = (depth * depth + lateral * lateral).squareRoot()
            let measured = try #require(location.nippleDistanceMM)
            #expect(abs(measured - planned) < 6, "\(spec.id): \(measured) mm from the nipple, planned \(planned)")
            checked += 1
        }
        #expect(checked >= 3)
    }
}
