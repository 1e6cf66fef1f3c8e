// 8-bit RGB pictures for the terminal tests: a screenshot, or a sixel image decoded by
// ImageMagick (the independent decoder), and the comparisons the sixel test makes.
import Foundation
import TerminalTestSupport

struct TerminalRGBImage {
    let width: Int
    let height: Int
    /// Row-major, 3 bytes per pixel.
    let rgb: [UInt8]

    init(width: Int, height: Int, rgb: [UInt8]) throws {
        guard width > 0, height > 0, rgb.count == width * height * 3 else {
            throw TerminalTestError("\(rgb.count) bytes for a \(width)x\(height) RGB image")
        }
        self.width = width
        self.height = height
        self.rgb = rgb
    }

    /// Reads a PNG through ImageMagick.
    init(png: String) throws {
        let size = String(decoding: try Self.convert([png, "-format", "%w %h", "info:"]), as: UTF8.self)
            .split(separator: " ").compactMap { Int($0) }
        guard size.count == 2 else { throw TerminalTestError("ImageMagick gave no size for \(png)") }
        try self.init(width: size[0], height: size[1], rgb: Array(try Self.convert([png, "-depth", "8", "rgb:-"])))
    }

    /// Decodes sixel bytes (one DCS ... ST) with ImageMagick. Through PNG: ImageMagick 6.9's
    /// sixel reader leaves direct rgb: output black.
    static func decodeSixel(_ bytes: [UInt8], in folder: URL) throws -> TerminalRGBImage {
        let six = folder.appendingPathComponent("sent.six").path, png = folder.appendingPathComponent("sent.png").path
        try Data(bytes).write(to: URL(fileURLWithPath: six))
        try convert([six, png])
        return try TerminalRGBImage(png: png)
    }

    /// Runs /usr/bin/convert; its stdout.
    @discardableResult
    static func convert(_ arguments: [String]) throws -> Data {
        let result = try TerminalTools.run(TerminalTools.convert, arguments)
        guard result.status == 0 else { throw TerminalTestError("convert \(arguments.joined(separator: " ")) failed: \(result.stderr)") }
        return result.stdout
    }

    func pixel(_ x: Int, _ y: Int) -> (r: Int, g: Int, b: Int) {
        let i = (y * width + x) * 3
        return (Int(rgb[i]), Int(rgb[i + 1]), Int(rgb[i + 2]))
    }

    func luma(_ x: Int, _ y: Int) -> Double {
        let p = pixel(x, y)
        return 0.299 * Double(p.r) + 0.587 * Double(p.g) + 0.114 * Double(p.b)
    }

    func isReddish(_ x: Int, _ y: Int) -> Bool {
        let p = pixel(x, y)
        return p.r >= p.g + 60 && p.r >= p.b + 60
    }

    /// Where `picture` lies in this image: the offset within `xs` x `ys` with the smallest mean
    /// absolute difference over a sparse sample of the picture's non-black pixels (a stride of
    /// 7 does not line up with 6-pixel cells), or nil when the picture has none.
    func offset(of picture: TerminalRGBImage, xs: ClosedRange<Int>, ys: ClosedRange<Int>) -> (x: Int, y: Int)? {
        var samples: [(x: Int, y: Int, p: (r: Int, g: Int, b: Int))] = []
        for y in stride(from: 0, to: picture.height, by: 7) {
            for x in stride(from: 0, to: picture.width, by: 7) where picture.luma(x, y) > 16 {
                samples.append((x, y, picture.pixel(x, y)))
            }
        }
        guard !samples.isEmpty else { return nil }
        var best: (x: Int, y: Int, cost: Int)?
        for oy in ys where oy >= 0 && oy + picture.height <= height {
            for ox in xs where ox >= 0 && ox + picture.width <= width {
                var cost = 0
                for s in samples {
                    let q = pixel(ox + s.x, oy + s.y)
                    cost += abs(q.r - s.p.r) + abs(q.g - s.p.g) + abs(q.b - s.p.b)
                    if let best, cost >= best.cost { break }
                }
                if best == nil || cost < best?.cost ?? Int.max { best = (ox, oy, cost) }
            }
        }
        return best.map { ($0.x, $0.y) }
    }

    struct Difference {
        /// Mean absolute difference per channel over the whole picture, and over its non-black
        /// pixels (the breasts; most of a hanging protocol is black background).
        var overall: Double
        var tissue: Double
        /// Share of pixels where some channel is off by more than 24 levels.
        var badShare: Double
    }

    /// How far this image, from `origin` on, differs from `picture`.
    func difference(from picture: TerminalRGBImage, at origin: (x: Int, y: Int)) -> Difference {
        var total = 0, tissueTotal = 0, tissuePixels = 0, bad = 0
        for y in 0..<picture.height {
            for x in 0..<picture.width {
                let a = picture.pixel(x, y), b = pixel(origin.x + x, origin.y + y)
                let d = (abs(a.r - b.r), abs(a.g - b.g), abs(a.b - b.b))
                let sum = d.0 + d.1 + d.2
                total += sum
                if picture.luma(x, y) > 16 { tissueTotal += sum; tissuePixels += 1 }
                if max(d.0, d.1, d.2) > 24 { bad += 1 }
            }
        }
        let n = picture.width * picture.height
        return Difference(overall: Double(total) / Double(3 * n),
                          tissue: tissuePixels == 0 ? 0 : Double(tissueTotal) / Double(3 * tissuePixels),
                          badShare: Double(bad) / Double(n))
    }

    /// The part of this image at `origin` with `picture`'s size.
    func crop(x: Int, y: Int, width w: Int, height h: Int) throws -> TerminalRGBImage {
        var out: [UInt8] = []
        out.reserveCapacity(w * h * 3)
        for row in y..<(y + h) {
            let start = (row * width + x) * 3
            out += rgb[start..<(start + w * 3)]
        }
        return try TerminalRGBImage(width: w, height: h, rgb: out)
    }
}
