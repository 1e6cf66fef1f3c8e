// Anatomical background texture: Gaussian noise filtered to a power spectrum P(f) = K / f^beta
// (beta about 3 for breast tissue, Burgess et al.), made with one inverse FFT.
import Foundation
import MammoCore

public enum PowerLawTexture {
    /// Two independent zero-mean, unit-variance fields of `width` x `height` texels with spectrum
    /// K / f^beta (f in cycles per texel). The grid is padded to powers of two and cropped, so an
    /// uncropped power-of-two field is periodic.
    ///
    /// Why two: complex white noise shaped by a real, symmetric filter and inverse-transformed has
    /// real and imaginary parts that are independent fields with the same spectrum, so one FFT
    /// pays for both (Synth uses one for the gland layout and one for fine texture).
    public static func generatePair(width: Int, height: Int, beta: Double, seed: UInt64) -> (GrayImage<Float>, GrayImage<Float>) {
        let pw = FFT.paddedCount(width), ph = FFT.paddedCount(height)
        let count = pw * ph
        var re = [Double](repeating: 0, count: count)
        var im = [Double](repeating: 0, count: count)
        let key = SynthRandom.key(seed, "power-law-texture")
        let exponent = -beta / 2
        for ky in 0..<ph {
            let fy = Double(ky <= ph / 2 ? ky : ky - ph) / Double(ph)
            for kx in 0..<pw {
                let fx = Double(kx <= pw / 2 ? kx : kx - pw) / Double(pw)
                let i = ky * pw + kx
                let f2 = fx * fx + fy * fy
                guard f2 > 0 else { continue }  // no DC: the fields have zero mean
                let amplitude = pow(f2, exponent / 2)
                re[i] = amplitude * SynthRandom.normal(key: key, counter: UInt64(2 * i))
                im[i] = amplitude * SynthRandom.normal(key: key, counter: UInt64(2 * i + 1))
            }
        }
        FFT.transform2D(real: &re, imag: &im, width: pw, height: ph, inverse: true)
        return (crop(re, pw, width, height), crop(im, pw, width, height))
    }

    /// One field; see `generatePair`.
    public static func generate(width: Int, height: Int, beta: Double, seed: UInt64) -> GrayImage<Float> {
        generatePair(width: width, height: height, beta: beta, seed: seed).0
    }

    /// Crops the padded grid and rescales to zero mean and unit variance over what is kept.
    private static func crop(_ grid: [Double], _ gridWidth: Int, _ width: Int, _ height: Int) -> GrayImage<Float> {
        var sum = 0.0, sumSquares = 0.0
        for y in 0..<height {
            for x in 0..<width {
                let v = grid[y * gridWidth + x]
                sum += v
                sumSquares += v * v
            }
        }
        let n = Double(width * height)
        let mean = sum / n
        let sd = max((sumSquares / n - mean * mean).squareRoot(), 1e-300)
        var out = [Float](repeating: 0, count: width * height)
        for y in 0..<height {
            for x in 0..<width {
                out[y * width + x] = Float((grid[y * gridWidth + x] - mean) / sd)
            }
        }
        return GrayImage(width: width, height: height, pixels: out)
    }
}
