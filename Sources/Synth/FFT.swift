// Radix-2 complex FFT (1-D and 2-D, split real/imaginary arrays) for the power-law texture.
// Its naive reference is `NaiveDFT`; tests compare the two.
import Foundation

/// An in-place decimation-in-time radix-2 FFT for one power-of-two length.
/// Forward uses e^(-2πi jk/n); inverse uses e^(+2πi jk/n) and divides by n, as numpy does.
public struct FFT: Sendable {
    public let count: Int
    private let cosTable: [Double]
    private let sinTable: [Double]
    private let bitReversed: [Int]

    /// nil unless `count` is a power of two (1 included).
    public init?(count: Int) {
        guard count >= 1, count & (count - 1) == 0 else { return nil }
        self.count = count
        let half = max(1, count / 2)
        cosTable = (0..<half).map { cos(2 * Double.pi * Double($0) / Double(count)) }
        sinTable = (0..<half).map { sin(2 * Double.pi * Double($0) / Double(count)) }
        var bits = 0
        while (1 << bits) < count { bits += 1 }
        bitReversed = (0..<count).map { i in
            var r = 0
            for b in 0..<bits where i & (1 << b) != 0 { r |= 1 << (bits - 1 - b) }
            return r
        }
    }

    /// The smallest power of two >= n.
    public static func paddedCount(_ n: Int) -> Int {
        var p = 1
        while p < n { p <<= 1 }
        return p
    }

    public func transform(real: inout [Double], imag: inout [Double], inverse: Bool = false) {
        precondition(real.count == count && imag.count == count, "FFT: arrays must hold \(count) values")
        real.withUnsafeMutableBufferPointer { re in
            imag.withUnsafeMutableBufferPointer { im in
                guard let r = re.baseAddress, let i = im.baseAddress else { return }
                transform(r, i, inverse: inverse)
            }
        }
    }

    /// Transforms `count` contiguous values in place.
    public func transform(_ re: UnsafeMutablePointer<Double>, _ im: UnsafeMutablePointer<Double>, inverse: Bool) {
        let n = count
        guard n > 1 else { return }
        for i in 0..<n {
            let j = bitReversed[i]
            if j > i {
                swap(&re[i], &re[j])
                swap(&im[i], &im[j])
            }
        }
        let sign: Double = inverse ? 1 : -1
        cosTable.withUnsafeBufferPointer { cosT in
            sinTable.withUnsafeBufferPointer { sinT in
                var half = 1
                while half < n {
                    let step = n / (2 * half)
                    var start = 0
                    while start < n {
                        for k in 0..<half {
                            let wr = cosT[k * step]
                            let wi = sign * sinT[k * step]
                            let i = start + k
                            let j = i + half
                            let tr = wr * re[j] - wi * im[j]
                            let ti = wr * im[j] + wi * re[j]
                            re[j] = re[i] - tr
                            im[j] = im[i] - ti
                            re[i] += tr
                            im[i] += ti
                        }
                        start += 2 * half
                    }
                    half *= 2
                }
            }
        }
        if inverse {
            let scale = 1 / Double(n)
            for i in 0..<n {
                re[i] *= scale
                im[i] *= scale
            }
        }
    }

    /// 2-D transform of a row-major `width` x `height` grid (both powers of two): rows, then
    /// columns through a contiguous scratch column. Rows and columns run on all cores; each
    /// 1-D transform is the same arithmetic however the work is split, so results are identical.
    public static func transform2D(real: inout [Double], imag: inout [Double], width: Int, height: Int, inverse: Bool = false) {
        precondition(real.count == width * height && imag.count == width * height, "FFT2D: grid size mismatch")
        guard let rowFFT = FFT(count: width), let colFFT = FFT(count: height) else {
            preconditionFailure("FFT2D: \(width)x\(height) is not a power-of-two grid")
        }
        real.withUnsafeMutableBufferPointer { reBuffer in
            imag.withUnsafeMutableBufferPointer { imBuffer in
                guard let re = reBuffer.baseAddress, let im = imBuffer.baseAddress else { return }
                let grid = SendableGrid(re: re, im: im)
                Parallel.forEachChunk(height, minimumChunk: 8) { rows in
                    for y in rows { rowFFT.transform(grid.re + y * width, grid.im + y * width, inverse: inverse) }
                }
                Parallel.forEachChunk(width, minimumChunk: 8) { columns in
                    var scratchRe = [Double](repeating: 0, count: height)
                    var scratchIm = [Double](repeating: 0, count: height)
                    scratchRe.withUnsafeMutableBufferPointer { sr in
                        scratchIm.withUnsafeMutableBufferPointer { si in
                            guard let sre = sr.baseAddress, let sim = si.baseAddress else { return }
                            for x in columns {
                                for y in 0..<height {
                                    sre[y] = grid.re[y * width + x]
                                    sim[y] = grid.im[y * width + x]
                                }
                                colFFT.transform(sre, sim, inverse: inverse)
                                for y in 0..<height {
                                    grid.re[y * width + x] = sre[y]
                                    grid.im[y * width + x] = sim[y]
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Two raw pointers shared by worker threads that write disjoint rows or columns.
struct SendableGrid {
    let re: UnsafeMutablePointer<Double>
    let im: UnsafeMutablePointer<Double>
}
