// Acquisition profiles: the default system renders exactly what it always did, and the others
// shift what a drift monitor measures (breast-region intensity, noise) while the anatomy and the
// ground truth stay put.
import MammoCore
import Testing
@testable import Synth

@Suite struct AcquisitionProfileTests {
    /// FNV-1a over the stored values, the fingerprint the golden values below were taken with.
    static func fingerprint(_ pixels: [UInt16]) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for p in pixels { h ^= UInt64(p); h = h &* 0x0000_0100_0000_01b3 }
        return h
    }

    static func render(_ profile: AcquisitionProfile, noiseSeed: UInt64, lesions: [LesionSpec] = []) -> RenderedView {
        let key = ViewKey.leftCC
        return MammogramRenderer(size: SynthTestSupport.size)
            .render(anatomy: SynthTestSupport.anatomy(side: key.side), view: key.view, lesions: lesions,
                    noiseSeed: noiseSeed, profile: profile)
    }

    /// Median stored value and a noise estimate (the spread of the difference of two renders
    /// that differ only in their noise, over sqrt 2) well inside the breast.
    static func statistics(_ profile: AcquisitionProfile) -> (median: Double, noise: Double) {
        let reference = render(.default, noiseSeed: 1).image.pixels
        let a = render(profile, noiseSeed: 1).image.pixels, b = render(profile, noiseSeed: 2).image.pixels
        // Inside the breast by the default image, so every profile is measured on the same pixels.
        let inside = reference.indices.filter { reference[$0] > 1000 }
        let values = inside.map { Double(a[$0]) }.sorted()
        let differences = inside.map { Double(a[$0]) - Double(b[$0]) }
        let mean = differences.reduce(0, +) / Double(differences.count)
        let variance = differences.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(differences.count - 1)
        return (values[values.count / 2], (variance / 2).squareRoot())
    }

    /// What a monitor can estimate from one image: the spread (MAD) of horizontal second
    /// differences well inside the breast, scaled to a noise standard deviation.
    static func oneImageNoise(_ profile: AcquisitionProfile) -> Double {
        let reference = render(.default, noiseSeed: 1).image
        let image = render(profile, noiseSeed: 1).image
        var residuals: [Double] = []
        for y in 0..<image.height {
            for x in 1..<(image.width - 1) where reference[x, y] > 1000 {
                residuals.append(Double(image[x - 1, y]) - 2 * Double(image[x, y]) + Double(image[x + 1, y]))
            }
        }
        func median(_ values: [Double]) -> Double { let sorted = values.sorted(); return sorted[sorted.count / 2] }
        let centre = median(residuals)
        return 1.4826 * median(residuals.map { abs($0 - centre) }) / 6.0.squareRoot()
    }

    static let defaultStatistics = statistics(.default)

    @Test func defaultProfileRendersTodaysPixels() {
        // Taken from a file the previous `mammoterm synth --exams 6 --seed 9 --compression none`
        // wrote (SYN-0001's current RCC), before profiles existed.
        let options = SynthOptions(examCount: 6, seed: 9)
        guard let patient = CohortPlanner.plan(options).first, let exam = patient.exams.first else {
            Issue.record("no patient planned"); return
        }
        #expect(exam.studyInstanceUID == "2.25.185708787421357242239396402277029910201")
        #expect(exam.seriesInstanceUID == "2.25.317113886329806193021621507042425271250")
        #expect(exam.studyDate == "20250524")
        #expect(exam.accessionNumber == "SYN0001C")
        #expect(patient.patientID == "SYN-0001")
        let anatomy = patient.anatomy(side: .right, size: options.size)
        let view = MammogramRenderer(size: options.size).render(
            anatomy: anatomy, view: .cc, positioning: exam.positioning[.rightCC] ?? .standard, lesions: exam.lesions,
            noiseSeed: SynthRandom.key(exam.noiseSeed, "RCC"), texture: BreastTexture(anatomy: anatomy), profile: .default)
        #expect(AcquisitionProfileTests.fingerprint(view.image.pixels) == 0x42f8_e9d7_049a_9eb5)
        #expect(view.windowCenter == 2466 && view.windowWidth == 3102)
    }

    @Test func vendorBShiftsIntensityAndNoise() {
        let base = AcquisitionProfileTests.defaultStatistics
        let shifted = AcquisitionProfileTests.statistics(.vendorB)
        // A brighter tone curve and more gain: the breast-region median moves by hundreds of levels.
        #expect(shifted.median - base.median > 300, "median \(shifted.median) vs \(base.median)")
        // Noise at least half again the default's.
        #expect(shifted.noise > 1.5 * base.noise, "noise \(shifted.noise) vs \(base.noise)")
        #expect(base.noise > 3 && base.noise < 15, "default noise \(base.noise)")
        // Also in what one image shows (texture included), not only in the pure noise.
        let one = AcquisitionProfileTests.oneImageNoise(.default), shiftedOne = AcquisitionProfileTests.oneImageNoise(.vendorB)
        #expect(shiftedOne > 1.2 * one, "one-image noise \(shiftedOne) vs \(one)")
    }

    @Test func lowDoseAddsNoiseNotBrightness() {
        let base = AcquisitionProfileTests.defaultStatistics
        let low = AcquisitionProfileTests.statistics(.lowDose)
        #expect(abs(low.median - base.median) <= 3, "median \(low.median) vs \(base.median)")
        #expect(low.noise > 1.4 * base.noise && low.noise < 1.8 * base.noise, "noise \(low.noise) vs \(base.noise)")
        let one = AcquisitionProfileTests.oneImageNoise(.default), lowOne = AcquisitionProfileTests.oneImageNoise(.lowDose)
        #expect(lowOne > 1.15 * one, "one-image noise \(lowOne) vs \(one)")
    }

    @Test(arguments: [AcquisitionProfile.vendorB, .lowDose])
    func groundTruthDoesNotDependOnTheSystem(profile: AcquisitionProfile) throws {
        let anatomy = SynthTestSupport.anatomy(side: .left)
        var r = SynthRandom(seed: 5)
        let lesion = try #require(CohortPlanner.place(id: "M1", shape: .spiculated, pathology: .malignant, diameter: 14,
                                                      anatomy: anatomy, size: SynthTestSupport.size, random: &r))
        let a = AcquisitionProfileTests.render(.default, noiseSeed: 3, lesions: [lesion])
        let b = AcquisitionProfileTests.render(profile, noiseSeed: 3, lesions: [lesion])
        #expect(a.lesions.map(\.box) == b.lesions.map(\.box))
        #expect(a.lesions.map(\.outline) == b.lesions.map(\.outline))
        // The lesion is still brighter than its surroundings under the other system.
        let box = try #require(b.lesions.first?.box)
        let inside = SynthTestSupport.mean(b.image, x: Int(box.x + box.width * 0.35), y: Int(box.y + box.height * 0.35),
                                           width: Int(box.width * 0.3), height: Int(box.height * 0.3))
        let around = SynthTestSupport.mean(b.image, x: Int(box.x - box.width * 0.6), y: Int(box.y + box.height * 0.35),
                                           width: Int(box.width * 0.3), height: Int(box.height * 0.3))
        #expect(inside > around, "lesion \(inside) vs surroundings \(around)")
    }

    @Test func profilesAreNamedAndDistinct() {
        let names = AcquisitionProfile.all.map(\.name)
        #expect(names.count >= 3 && Set(names).count == names.count)
        #expect(AcquisitionProfile.named("vendor-b") == AcquisitionProfile.vendorB)
        #expect(AcquisitionProfile.named("nosuch") == nil)
        #expect(AcquisitionProfile.vendorB.manufacturer != AcquisitionProfile.default.manufacturer)
        #expect(AcquisitionProfile.lowDose.manufacturer == AcquisitionProfile.default.manufacturer)
        #expect(AcquisitionProfile.lowDose.kvp < AcquisitionProfile.default.kvp)
        #expect(AcquisitionProfile.lowDose.exposureMAs(thicknessMM: 50) < AcquisitionProfile.default.exposureMAs(thicknessMM: 50))
        #expect(AcquisitionProfile.default.exposureMAs(thicknessMM: 70) > AcquisitionProfile.default.exposureMAs(thicknessMM: 40))
        #expect(!AcquisitionProfile.default.altersDetector && AcquisitionProfile.vendorB.altersDetector)
    }

    @Test func processingCurvesKeepTheEndsAndOrder() {
        for curve in [AcquisitionProfile.ProcessingCurve.gamma(0.78), .sigmoid(center: 0.45, slope: 6)] {
            #expect(abs(curve.apply(0)) < 1e-12 && abs(curve.apply(1) - 1) < 1e-12)
            let samples = stride(from: 0.0, through: 1.0, by: 0.05).map(curve.apply)
            #expect(zip(samples, samples.dropFirst()).allSatisfy { $0 < $1 })
        }
        #expect(AcquisitionProfile.ProcessingCurve.gamma(0.78).apply(0.4) > 0.45)
    }

    @Test func blurKeepsTheMeanAndReportsTheNoiseItKeeps() {
        var r = SynthRandom(seed: 12)
        let width = 64, height = 64
        var image = (0..<(width * height)).map { _ in r.normal() }
        let before = image.reduce(0, +) / Double(image.count)
        let kept = GaussianBlur.apply(&image, width: width, height: height, sigma: 1.5)
        let after = image.reduce(0, +) / Double(image.count)
        let variance = image.reduce(0) { $0 + ($1 - after) * ($1 - after) } / Double(image.count)
        #expect(abs(after - before) < 0.02)
        // About 1 / (4 pi sigma^2) of unit white noise survives.
        #expect(abs(kept - 1 / (4 * Double.pi * 1.5 * 1.5)) < 0.005)
        #expect(abs(variance - kept) < 0.3 * kept, "variance \(variance), predicted \(kept)")
    }
}
