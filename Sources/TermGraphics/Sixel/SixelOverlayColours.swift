// Registers for an image's overlay colours, chosen from the overlay itself: median cut over a
// 5-bit-per-channel histogram into the registers the fixed palette leaves free. Heatmap
// pixels blended over grey then land within a few levels of their source, which a fixed
// cube (about 50 levels apart per channel) cannot do in 256 registers.
import MammoCore

struct SixelOverlayColours {
    /// 15-bit colour key (5 bits per channel) → register.
    let registerOfBin: [UInt8]
    /// Definitions of the registers after the palette's own, in order.
    let definitions: [SixelPalette.Percentages]

    @inline(__always)
    static func key(_ c: RGBColor) -> Int { (Int(c.r >> 3) << 10) | (Int(c.g >> 3) << 5) | Int(c.b >> 3) }

    /// Nil when there is no overlay colour to place (or no free register).
    init?(raster: DisplayRaster, palette: SixelPalette) {
        guard let overlay = raster.overlay, palette.freeRegisters > 0 else { return nil }
        var count = [Int32](repeating: 0, count: 32768)
        var sums = [Int](repeating: 0, count: 32768 * 3)
        let hasExtras = !palette.extraColours.isEmpty
        overlay.withUnsafeBufferPointer { overlay in
            count.withUnsafeMutableBufferPointer { count in
                sums.withUnsafeMutableBufferPointer { sums in
                    for c in overlay {
                        guard let c else { continue }
                        if hasExtras, palette.register(exactly: c) != nil { continue }
                        let k = Self.key(c)
                        count[k] &+= 1
                        sums[k &* 3] &+= Int(c.r); sums[k &* 3 &+ 1] &+= Int(c.g); sums[k &* 3 &+ 2] &+= Int(c.b)
                    }
                }
            }
        }
        // One entry per occupied bin: its weight and mean colour.
        var bins: [Bin] = []
        for k in 0..<32768 where count[k] > 0 {
            let n = Double(count[k])
            bins.append(Bin(key: k, weight: n, mean: (Double(sums[k * 3]) / n, Double(sums[k * 3 + 1]) / n, Double(sums[k * 3 + 2]) / n)))
        }
        guard !bins.isEmpty else { return nil }

        var boxes = [Box(bins, 0..<bins.count)]
        while boxes.count < palette.freeRegisters {
            // Split the box that contributes most error, along its widest channel, at the
            // weighted median.
            guard let worst = boxes.indices.filter({ boxes[$0].range.count > 1 }).max(by: { boxes[$0].error < boxes[$1].error }),
                  boxes[worst].error > 0 else { break }
            let box = boxes[worst]
            let axis = box.widestChannel
            bins[box.range].sort { a, b in
                let (x, y) = (a.channel(axis), b.channel(axis))
                return x != y ? x < y : a.key < b.key
            }
            var cumulative = 0.0, split = box.range.lowerBound + 1
            for i in box.range {
                cumulative += bins[i].weight
                if cumulative >= box.weight / 2 { split = i + 1; break }
            }
            split = min(max(split, box.range.lowerBound + 1), box.range.upperBound - 1)
            boxes[worst] = Box(bins, box.range.lowerBound..<split)
            boxes.append(Box(bins, split..<box.range.upperBound))
        }

        var registerOfBin = [UInt8](repeating: 0, count: 32768)
        var definitions: [SixelPalette.Percentages] = []
        for box in boxes {
            let register = UInt8(palette.registerCount + definitions.count)
            let m = box.mean
            definitions.append(SixelPalette.Percentages(RGBColor(r: UInt8(m.0.rounded()), g: UInt8(m.1.rounded()), b: UInt8(m.2.rounded()))))
            for i in box.range { registerOfBin[bins[i].key] = register }
        }
        self.registerOfBin = registerOfBin
        self.definitions = definitions
    }

    private struct Bin {
        var key: Int
        var weight: Double
        var mean: (Double, Double, Double)
        func channel(_ axis: Int) -> Double { axis == 0 ? mean.0 : axis == 1 ? mean.1 : mean.2 }
    }

    private struct Box {
        var range: Range<Int>
        var weight = 0.0
        var mean = (0.0, 0.0, 0.0)
        /// Weighted squared deviation from the mean, per channel.
        var spread = (0.0, 0.0, 0.0)

        init(_ bins: [Bin], _ range: Range<Int>) {
            self.range = range
            var s = (0.0, 0.0, 0.0), q = (0.0, 0.0, 0.0)
            for i in range {
                let b = bins[i], w = b.weight
                weight += w
                s.0 += w * b.mean.0; s.1 += w * b.mean.1; s.2 += w * b.mean.2
                q.0 += w * b.mean.0 * b.mean.0; q.1 += w * b.mean.1 * b.mean.1; q.2 += w * b.mean.2 * b.mean.2
            }
            guard weight > 0 else { return }
            mean = (s.0 / weight, s.1 / weight, s.2 / weight)
            spread = (q.0 - s.0 * mean.0, q.1 - s.1 * mean.1, q.2 - s.2 * mean.2)
        }

        var error: Double { spread.0 + spread.1 + spread.2 }
        var widestChannel: Int { spread.0 >= spread.1 && spread.0 >= spread.2 ? 0 : spread.1 >= spread.2 ? 1 : 2 }
    }
}
