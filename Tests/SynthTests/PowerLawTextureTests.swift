// The texture's measured power spectrum falls as f^-beta: fit log power against log frequency
// over the radially averaged spectrum of an uncropped (periodic) field.
import Foundation
import Testing
@testable import Synth

@Suite struct PowerLawTextureTests {
    static func measuredSlope(beta: Double, n: Int = 256, seed: UInt64 = 5) -> Double {
        let field = PowerLawTexture.generate(width: n, height: n, beta: beta, seed: seed)
        var re = field.pixels.map(Double.init), im = [Double](repeating: 0, count: n * n)
        FFT.transform2D(real: &re, imag: &im, width: n, height: n)
        // Radial average in integer frequency bins.
        var power = [Double](repeating: 0, count: n / 2), counts = [Int](repeating: 0, count: n / 2)
        for ky in 0..<n {
            let fy = ky <= n / 2 ? ky : ky - n
            for kx in 0..<n {
                let fx = kx <= n / 2 ? kx : kx - n
                let bin = Int((Double(fx * fx + fy * fy)).squareRoot().rounded())
                guard bin >= 1, bin < n / 2 else { continue }
                power[bin] += re[ky * n + kx] * re[ky * n + kx] + im[ky * n + kx] * im[ky * n + kx]
                counts[bin] += 1
            }
        }
        // Least squares over bins 4 ... n/4 (away from the few lowest and the corner frequencies).
        var xs: [Double] = [], ys: [Double] = []
        for bin in 4...(n / 4) where counts[bin] > 0 {
            xs.append(log(Double(bin)))
            ys.append(log(power[bin] / Double(counts[bin])))
        }
        let mx = xs.reduce(0, +) / Double(xs.count), my = ys.reduce(0, +) / Double(ys.count)
        var sxy = 0.0, sxx = 0.0
        for i in xs.indices {
            sxy += (xs[i] - mx) * (ys[i] - my)
            sxx += (xs[i] - mx) * (xs[i] - mx)
        }
        return sxy / sxx
    }

    @Test(arguments: [2.5, 3.0, 3.2])
    func spectrumSlopeIsMinusBeta(beta: Double) {
        let slope = PowerLawTextureTests.measuredSlope(beta: beta)
        #expect(abs(slope + beta) < 0.15, "measured slope \(slope) for beta \(beta)")
    }

    @Test func unitVarianceZeroMeanAndCropped() {
        let field = PowerLawTexture.generate(width: 100, height: 60, beta: 3, seed: 1)
        #expect(field.width == 100 && field.height == 60)
        let n = Double(field.pixels.count)
        let mean = field.pixels.reduce(0) { $0 + Double($1) } / n
        let variance = field.pixels.reduce(0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / n
        #expect(abs(mean) < 1e-4)
        #expect(abs(variance - 1) < 1e-3)
    }

    @Test func pairHalvesAreDifferentFields() {
        let (a, b) = PowerLawTexture.generatePair(width: 64, height: 64, beta: 3, seed: 2)
        var dot = 0.0
        for i in a.pixels.indices { dot += Double(a.pixels[i]) * Double(b.pixels[i]) }
        #expect(abs(dot / Double(a.pixels.count)) < 0.5)
        #expect(a.pixels != b.pixels)
    }
}
