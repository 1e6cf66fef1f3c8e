// The O(n^2) discrete Fourier transform straight from its definition: the reference `FFT` is
// tested against. Same sign and scaling conventions as `FFT`.
import Foundation

public enum NaiveDFT {
    public static func transform(real: [Double], imag: [Double], inverse: Bool = false) -> (real: [Double], imag: [Double]) {
        let n = real.count
        precondition(imag.count == n, "NaiveDFT: real and imaginary parts differ in length")
        let sign: Double = inverse ? 1 : -1
        var outRe = [Double](repeating: 0, count: n)
        var outIm = [Double](repeating: 0, count: n)
        for k in 0..<n {
            var sr = 0.0, si = 0.0
            for j in 0..<n {
                // Reduce j*k mod n first so the angle stays small and accurate.
                let angle = sign * 2 * Double.pi * Double((j * k) % n) / Double(n)
                let c = cos(angle), s = sin(angle)
                sr += real[j] * c - imag[j] * s
                si += real[j] * s + imag[j] * c
            }
            outRe[k] = inverse ? sr / Double(n) : sr
            outIm[k] = inverse ? si / Double(n) : si
        }
        return (outRe, outIm)
    }

    /// 2-D DFT of a row-major grid: 1-D DFTs of every row, then of every column.
    public static func transform2D(real: [Double], imag: [Double], width: Int, height: Int, inverse: Bool = false) -> (real: [Double], imag: [Double]) {
        var re = real, im = imag
        for y in 0..<height {
            let r = transform(real: Array(re[(y * width)..<((y + 1) * width)]), imag: Array(im[(y * width)..<((y + 1) * width)]), inverse: inverse)
            for x in 0..<width { re[y * width + x] = r.real[x]; im[y * width + x] = r.imag[x] }
        }
        for x in 0..<width {
            let c = transform(real: (0..<height).map { re[$0 * width + x] }, imag: (0..<height).map { im[$0 * width + x] }, inverse: inverse)
            for y in 0..<height { re[y * width + x] = c.real[y]; im[y * width + x] = c.imag[y] }
        }
        return (re, im)
    }
}
