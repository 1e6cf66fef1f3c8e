// Shrinks an image by area averaging (each output pixel is the mean of the input area it
// covers, fractional edges weighted): no aliasing of fine texture or calcifications.
import Dispatch
import Foundation
import MammoCore

public enum AreaDownsample {
    /// The size that fits `maxWidth` x `maxHeight` keeping the aspect ratio; never enlarges.
    public static func fittingSize(width: Int, height: Int, maxWidth: Int, maxHeight: Int) -> PixelSize {
        let scale = min(Double(maxWidth) / Double(width), Double(maxHeight) / Double(height), 1)
        return PixelSize(width: max(1, Int((Double(width) * scale).rounded())), height: max(1, Int((Double(height) * scale).rounded())))
    }

    public static func resize(_ image: GrayImage<Float>, to size: PixelSize) -> GrayImage<Float> {
        if size.width == image.width && size.height == image.height { return image }
        return resizeSamples(image, to: size)
    }

    /// Stored integers straight to a smaller Float raster, with no full-size Float copy
    /// (a 12-megapixel mammogram would need 48 MB of it).
    public static func resize(_ image: GrayImage<Int32>, to size: PixelSize) -> GrayImage<Float> {
        resizeSamples(image, to: size)
    }

    @inline(__always)
    static func resizeSamples<Pixel: AreaSample>(_ image: GrayImage<Pixel>, to size: PixelSize) -> GrayImage<Float> {
        // Separable: rows first, then columns; each pass a sparse weighted sum.
        let horizontal = weights(from: image.width, to: size.width)
        let vertical = weights(from: image.height, to: size.height)
        var rowsPass = [Float](repeating: 0, count: size.width * image.height)
        // The row pass reads every input pixel: split it over the cores in bands of rows.
        let bands = image.height >= 512 ? min(ProcessInfo.processInfo.activeProcessorCount, 8) : 1
        image.pixels.withUnsafeBufferPointer { src in
            rowsPass.withUnsafeMutableBufferPointer { dst in
                let output = UnsafeSendable(dst), input = UnsafeSendable(src)
                DispatchQueue.concurrentPerform(iterations: bands) { band in
                    let dst = output.value, src = input.value
                    for y in (band * image.height / bands)..<((band + 1) * image.height / bands) {
                        let row = y * image.width, out = y * size.width
                        for (x, taps) in horizontal.enumerated() {
                            var sum: Float = 0
                            for tap in taps { sum += src[row + tap.index].areaValue * tap.weight }
                            dst[out + x] = sum
                        }
                    }
                }
            }
        }
        var result = [Float](repeating: 0, count: size.width * size.height)
        rowsPass.withUnsafeBufferPointer { src in
            result.withUnsafeMutableBufferPointer { dst in
                for (y, taps) in vertical.enumerated() {
                    let out = y * size.width
                    for tap in taps {
                        let row = tap.index * size.width
                        for x in 0..<size.width { dst[out + x] += src[row + x] * tap.weight }
                    }
                }
            }
        }
        return GrayImage(width: size.width, height: size.height, pixels: result)
    }

    /// Area mean with the area's maximum blended in: `mean + detail * (max - mean)`. Single
    /// bright specks (calcifications of 0.1–0.5 mm) would otherwise average away when a
    /// 3000-pixel-wide view becomes 300 terminal pixels; `detail` 0 is plain area averaging.
    public static func resizeKeepingDetail(_ image: GrayImage<Int32>, to size: PixelSize, detail: Float) -> GrayImage<Float> {
        let mean = resize(image, to: size)
        guard detail > 0, size.width < image.width || size.height < image.height else { return mean }
        let horizontal = weights(from: image.width, to: size.width)
        let vertical = weights(from: image.height, to: size.height)
        // Separable maximum: each row's maximum over the taps, then over rows.
        var rowMax = [Float](repeating: -.infinity, count: size.width * image.height)
        image.pixels.withUnsafeBufferPointer { src in
            rowMax.withUnsafeMutableBufferPointer { dst in
                for y in 0..<image.height {
                    let row = y * image.width, out = y * size.width
                    for (x, taps) in horizontal.enumerated() {
                        var m = Float(-Float.infinity)
                        for tap in taps { m = max(m, Float(src[row + tap.index])) }
                        dst[out + x] = m
                    }
                }
            }
        }
        var result = mean.pixels
        for (y, taps) in vertical.enumerated() {
            for x in 0..<size.width {
                var m = Float(-Float.infinity)
                for tap in taps { m = max(m, rowMax[tap.index * size.width + x]) }
                let i = y * size.width + x
                result[i] += detail * max(m - result[i], 0)
            }
        }
        return GrayImage(width: size.width, height: size.height, pixels: result)
    }

    struct Tap { var index: Int; var weight: Float }

    /// Pixel types the area average reads, converted without a closure call per pixel.
    protocol AreaSample: Sendable { var areaValue: Float { get } }

    /// A buffer handed to concurrent workers that write disjoint parts of it.
    struct UnsafeSendable<T>: @unchecked Sendable {
        let value: T
        init(_ value: T) { self.value = value }
    }

    /// For each output sample, the input samples it covers and their normalised overlap.
    static func weights(from input: Int, to output: Int) -> [[Tap]] {
        let scale = Double(input) / Double(output)
        return (0..<output).map { o in
            let start = Double(o) * scale, end = min(Double(o + 1) * scale, Double(input))
            var taps: [Tap] = []
            var i = Int(start)
            while Double(i) < end && i < input {
                let overlap = min(end, Double(i + 1)) - max(start, Double(i))
                if overlap > 0 { taps.append(Tap(index: i, weight: Float(overlap / (end - start)))) }
                i += 1
            }
            return taps
        }
    }
}

extension Int32: AreaDownsample.AreaSample {
    @inline(__always) var areaValue: Float { Float(self) }
}

extension Float: AreaDownsample.AreaSample {
    @inline(__always) var areaValue: Float { self }
}
