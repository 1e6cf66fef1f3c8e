// The monitor's input statistics of a view: percentiles and area of the breast region, and
// Immerkær's noise estimate, on images whose answers are known.
import Foundation
import Imaging
import MammoCore
import Testing

@Suite("Input statistics") struct InputStatisticsTests {
    /// A 200x100 image: air (stored 100) on the left half, "breast" on the right with a ramp
    /// from 2000 to 2400 and Gaussian noise of σ stored values (12 bits).
    static func image(sigma: Double, seed: UInt64 = 7, monochrome1: Bool = false) -> GrayImage<Int32> {
        var state = seed
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return (Double(state >> 11) + 0.5) / Double(1 << 53)
        }
        func gaussian() -> Double { (-2 * log(uniform())).squareRoot() * cos(2 * .pi * uniform()) }
        let w = 200, h = 100
        var pixels = [Int32](repeating: 0, count: w * h)
        for y in 0..<h {
            for x in 0..<w {
                let value = x < 100 ? 100 : 2000 + 400 * Double(x - 100) / 99 + sigma * gaussian()
                pixels[y * w + x] = Int32((monochrome1 ? 4095 - value : value).rounded())
            }
        }
        return GrayImage(width: w, height: h, pixels: pixels)
    }

    @Test func percentilesNoiseAndAreaOfTheBreastRegion() throws {
        let stats = try #require(InputStatistics.measure(stored: Self.image(sigma: 20), bitsStored: 12, monochrome1: false,
                                                         spacing: PixelSpacing(row: 0.5, column: 0.5)))
        #expect(abs(stats.p50 - 2200 / 4095) < 0.003)
        #expect(abs(stats.p05 - 2020 / 4095) < 0.004 && abs(stats.p95 - 2380 / 4095) < 0.004)
        let noise = try #require(stats.noise)
        #expect(abs(noise - 20 / 4095) / (20 / 4095) < 0.1, "σ 20 stored values, estimated \(noise * 4095)")
        #expect(abs((stats.breastAreaMM2 ?? 0) - 100 * 100 * 0.25) < 1, "the right half, 0.25 mm² a pixel")
    }

    @Test func moreNoiseReadsAsMoreAndMonochrome1IsTurnedOver() throws {
        let quiet = try #require(InputStatistics.measure(stored: Self.image(sigma: 10), bitsStored: 12, monochrome1: false, spacing: nil))
        let loud = try #require(InputStatistics.measure(stored: Self.image(sigma: 40), bitsStored: 12, monochrome1: false, spacing: nil))
        #expect((loud.noise ?? 0) > 3 * (quiet.noise ?? 1))
        #expect(quiet.breastAreaMM2 == nil)
        let inverted = try #require(InputStatistics.measure(stored: Self.image(sigma: 10, monochrome1: true), bitsStored: 12,
                                                            monochrome1: true, spacing: nil))
        #expect(abs(inverted.p50 - quiet.p50) < 0.002, "tissue bright either way")
    }

    @Test func aFlatImageHasNoBreastToMeasure() {
        let flat = GrayImage(width: 10, height: 10, pixels: [Int32](repeating: 0, count: 100))
        let stats = InputStatistics.measure(stored: flat, bitsStored: 12, monochrome1: false, spacing: nil)
        // No threshold: the mask is everything; still a finite answer, never a crash.
        #expect(stats.map { $0.p50 == 0 && ($0.noise ?? 0) == 0 } ?? true)
    }
}
