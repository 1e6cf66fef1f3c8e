// The radix-2 FFT against the naive DFT reference (tolerance 1e-9 relative to the signal), and
// the inverse undoing the forward transform.
import Testing
@testable import Synth

@Suite struct FFTTests {
    static func signal(_ n: Int, seed: UInt64) -> ([Double], [Double]) {
        var r = SynthRandom(seed: seed)
        return ((0..<n).map { _ in r.normal() }, (0..<n).map { _ in r.normal() })
    }

    @Test(arguments: [1, 2, 4, 8, 32, 128])
    func matchesNaiveDFT(n: Int) throws {
        let (re, im) = FFTTests.signal(n, seed: UInt64(n))
        let fft = try #require(FFT(count: n))
        for inverse in [false, true] {
            var fr = re, fi = im
            fft.transform(real: &fr, imag: &fi, inverse: inverse)
            let reference = NaiveDFT.transform(real: re, imag: im, inverse: inverse)
            for k in 0..<n {
                #expect(abs(fr[k] - reference.real[k]) < 1e-9 * Double(n))
                #expect(abs(fi[k] - reference.imag[k]) < 1e-9 * Double(n))
            }
        }
    }

    @Test func twoDimensionalMatchesNaiveDFT() {
        let width = 16, height = 8
        let (re, im) = FFTTests.signal(width * height, seed: 77)
        var fr = re, fi = im
        FFT.transform2D(real: &fr, imag: &fi, width: width, height: height)
        let reference = NaiveDFT.transform2D(real: re, imag: im, width: width, height: height)
        for i in 0..<(width * height) {
            #expect(abs(fr[i] - reference.real[i]) < 1e-8)
            #expect(abs(fi[i] - reference.imag[i]) < 1e-8)
        }
        FFT.transform2D(real: &fr, imag: &fi, width: width, height: height, inverse: true)
        for i in 0..<(width * height) {
            #expect(abs(fr[i] - re[i]) < 1e-10)
            #expect(abs(fi[i] - im[i]) < 1e-10)
        }
    }

    @Test func rejectsLengthsThatAreNotPowersOfTwo() {
        #expect(FFT(count: 12) == nil)
        #expect(FFT(count: 0) == nil)
        #expect(FFT.paddedCount(3328) == 4096)
        #expect(FFT.paddedCount(1024) == 1024)
    }
}
