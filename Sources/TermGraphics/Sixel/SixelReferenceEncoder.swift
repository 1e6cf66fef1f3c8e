// The naive sixel encoder the tuned one is checked against: every colour of a band painted
// with its own pixels only, one character per column, no run-length. Slow and large, but
// simple enough to trust.

public enum SixelReferenceEncoder {
    public static func encode(_ image: SixelIndexedImage) -> [UInt8] {
        let w = image.width, h = image.height
        let out = ByteBuffer(capacity: 1024)
        SixelFraming.writeHeader(width: w, height: h, definitions: image.definitions,
                                 used: (0..<256).map { image.registers.contains(UInt8($0)) }, to: out)
        var band = 0
        while band * 6 < h {
            for register in 0..<256 {
                var line: [UInt8] = []
                var any = false
                for x in 0..<w {
                    var sixel: UInt8 = 0
                    for r in 0..<6 where band * 6 + r < h && image.registers[(band * 6 + r) * w + x] == UInt8(register) {
                        sixel |= 1 << r
                    }
                    any = any || sixel != 0
                    line.append(63 + sixel)
                }
                if any { out.append("#\(register)"); out.append(line); out.append("$") }
            }
            out.append("-")
            band += 1
        }
        out.append(SixelFraming.stringTerminator)
        return out.bytes
    }
}
