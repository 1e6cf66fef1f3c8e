// Lesions: inside the breast in both views of their side, brighter than the same place without
// them, calcification clusters of at least five specks, same depth from the nipple in CC and MLO.
import MammoCore
import Testing
@testable import Synth

@Suite struct LesionTests {
    static let lesions: [LesionSpec] = {
        let size = SynthTestSupport.size
        var r = SynthRandom(seed: 3)
        let right = SynthTestSupport.anatomy(side: .right, density: .a), left = SynthTestSupport.anatomy(side: .left, density: .a)
        return [
            CohortPlanner.place(id: "M1", shape: .spiculated, pathology: .malignant, diameter: 14, anatomy: right, size: size, random: &r),
            CohortPlanner.place(id: "M2", shape: .round, pathology: .benign, diameter: 10, anatomy: left, size: size, random: &r),
            CohortPlanner.place(id: "C1", shape: .pleomorphic, pathology: .malignant, diameter: 8, anatomy: left, size: size, random: &r),
        ].compactMap { $0 }
    }()

    static func render(_ key: ViewKey, withLesions: Bool) -> RenderedView {
        SynthTestSupport.render(key, density: .a, lesions: withLesions ? lesions : [])
    }

    @Test func placementSucceeds() {
        #expect(LesionTests.lesions.count == 3)
    }

    @Test(arguments: ViewKey.screening)
    func boxesInsideBreastAndLesionsAddBrightness(key: ViewKey) {
        let with = LesionTests.render(key, withLesions: true)
        let without = LesionTests.render(key, withLesions: false)
        let expected = LesionTests.lesions.filter { $0.side == key.side }
        #expect(with.lesions.count == expected.count)
        for annotation in with.lesions {
            let b = annotation.box
            #expect(b.x >= 0 && b.y >= 0 && b.maxX <= Double(with.image.width) && b.maxY <= Double(with.image.height))
            #expect(b.width > 2 && b.height > 2)
            // Every box corner region is breast, not air, in the lesion-free image.
            for (x, y) in [(b.x, b.y), (b.maxX, b.y), (b.x, b.maxY), (b.maxX, b.maxY)] {
                #expect(SynthTestSupport.mean(without.image, x: Int(x) - 1, y: Int(y) - 1, width: 3, height: 3) > 250,
                        "\(key) \(annotation.lesionID): box corner (\(x), \(y)) is in air")
            }
            // Inside the outline, the lesion adds brightness: on average for a mass, at the
            // specks for a calcification cluster (most of its hull is ordinary tissue).
            var added = 0.0, n = 0, peak = 0.0
            for y in Int(b.y)..<Int(b.maxY.rounded(.up)) {
                for x in Int(b.x)..<Int(b.maxX.rounded(.up))
                where SynthTestSupport.contains(annotation.outline, Double(x) + 0.5, Double(y) + 0.5) {
                    let difference = Double(with.image[x, y]) - Double(without.image[x, y])
                    added += difference
                    peak = max(peak, difference)
                    n += 1
                }
            }
            #expect(n > 0)
            if annotation.lesionID.hasPrefix("M") {
                #expect(added / Double(max(n, 1)) > 40, "\(key) \(annotation.lesionID): adds \(added / Double(max(n, 1)))")
            } else {
                #expect(peak > 400, "\(key) \(annotation.lesionID): brightest speck adds \(peak)")
            }
        }
        // Away from the lesions nothing changes (same noise seed).
        #expect(with.image[5, 5] == without.image[5, 5])
    }

    /// In a fatty breast a mass stands out from the ring of tissue around it.
    @Test func massIsBrighterThanItsSurroundings() throws {
        let view = LesionTests.render(.leftCC, withLesions: true)
        let annotation = try #require(view.lesions.first { $0.lesionID == "M2" })
        var inside = 0.0, ni = 0, ring = 0.0, nr = 0
        let c = annotation.box.center
        let r = max(annotation.box.width, annotation.box.height) / 2
        for y in Int(c.y - 2 * r)...Int(c.y + 2 * r) {
            for x in Int(c.x - 2 * r)...Int(c.x + 2 * r) {
                let d = ((Double(x) - c.x) * (Double(x) - c.x) + (Double(y) - c.y) * (Double(y) - c.y)).squareRoot()
                if SynthTestSupport.contains(annotation.outline, Double(x) + 0.5, Double(y) + 0.5) {
                    inside += Double(view.image[x, y]); ni += 1
                } else if d > 1.4 * r && d < 2 * r {
                    ring += Double(view.image[x, y]); nr += 1
                }
            }
        }
        #expect(inside / Double(ni) > ring / Double(nr) + 100)
    }

    @Test(arguments: [LesionShape.pleomorphic, .punctate, .coarse])
    func clustersHaveAtLeastFiveSpecks(shape: LesionShape) {
        for seed in 0..<200 as Range<UInt64> {
            let spec = LesionSpec(id: "c", shape: shape, pathology: .benign, side: .left, diameterMM: 8,
                                  depthMM: 40, lateralMM: 0, superiorMM: 0, detailSeed: seed)
            let count = spec.details.specks.count
            #expect(count >= 5)
            for speck in spec.details.specks {
                if shape != .coarse { #expect(speck.radiusMM * 2 >= 0.1 && speck.radiusMM * 2 <= 0.8) }
            }
            var r = SynthRandom(seed: seed)
            if let earlier = CohortPlanner.earlierVersion(of: spec, random: &r) {
                #expect(earlier.details.specks.count >= 5)
            }
        }
    }

    @Test func malignantClustersAreTight() {
        for seed in 0..<50 as Range<UInt64> {
            let spec = LesionSpec(id: "c", shape: .pleomorphic, pathology: .malignant, side: .left, diameterMM: 8,
                                  depthMM: 40, lateralMM: 0, superiorMM: 0, detailSeed: seed)
            for speck in spec.details.specks {
                let o = speck.offset
                #expect((o.0 * o.0 + o.1 * o.1 + o.2 * o.2).squareRoot() <= 8 * 0.75)
            }
        }
    }

    @Test func sameDepthFromTheNippleInBothViews() {
        for lesion in LesionTests.lesions {
            let anatomy = SynthTestSupport.anatomy(side: lesion.side, density: .a)
            let size = SynthTestSupport.size
            let cc = ViewGeometry(anatomy: anatomy, view: .cc, fieldWidthMM: size.fieldWidthMM, fieldHeightMM: size.fieldHeightMM)
            let mlo = ViewGeometry(anatomy: anatomy, view: .mlo, fieldWidthMM: size.fieldWidthMM, fieldHeightMM: size.fieldHeightMM)
            let a = cc.project(depthMM: lesion.depthMM, lateralMM: lesion.lateralMM, superiorMM: lesion.superiorMM)
            let b = mlo.project(depthMM: lesion.depthMM, lateralMM: lesion.lateralMM, superiorMM: lesion.superiorMM)
            let ccDepth = cc.nippleX - anatomy.nippleLengthMM - a.x
            let mloDepth = mlo.nippleX - anatomy.nippleLengthMM - b.x
            #expect(abs(ccDepth - mloDepth) < 1e-9)
            #expect(abs(ccDepth - lesion.depthMM) < 1e-9)
        }
    }
}
