// A small sixel decoder for tests: registers per pixel and the colours defined, so encoders can
// be compared on what a terminal would draw rather than on their bytes.

struct DecodedSixel: Equatable {
    var width: Int
    var height: Int
    /// Register per pixel, row-major; nil where no sixel set the pixel.
    var registers: [Int?]
    /// `#r;2;R;G;B` definitions, in percent.
    var definitions: [Int: [Int]]
}

enum SixelDecodeError: Error { case noIntroducer, noTerminator, malformed(String) }

enum SixelDecoder {
    static func decode(_ bytes: [UInt8]) throws -> DecodedSixel {
        guard let start = bytes.indices.first(where: { bytes[$0] == 0x1B && $0 + 1 < bytes.count && bytes[$0 + 1] == 0x50 })
        else { throw SixelDecodeError.noIntroducer }
        var i = start + 2
        while i < bytes.count && bytes[i] != UInt8(ascii: "q") { i += 1 }
        i += 1
        var width = 0, height = 0
        var pixels: [Int: Int] = [:]  // y * 100_000 + x → register
        var definitions: [Int: [Int]] = [:]
        var x = 0, bandTop = 0, register = 0
        func number() -> Int? {
            var v: Int?
            while i < bytes.count, (48...57).contains(bytes[i]) { v = (v ?? 0) * 10 + Int(bytes[i] - 48); i += 1 }
            return v
        }
        func numbers() -> [Int] {
            var out: [Int] = []
            repeat {
                if i < bytes.count && bytes[i] == UInt8(ascii: ";") { i += 1 }
                out.append(number() ?? 0)
            } while i < bytes.count && bytes[i] == UInt8(ascii: ";")
            return out
        }
        func paint(_ char: UInt8, times: Int) {
            let bits = Int(char) - 63
            for _ in 0..<times {
                for r in 0..<6 where bits & (1 << r) != 0 { pixels[(bandTop + r) * 100_000 + x] = register }
                x += 1
            }
        }
        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case 0x1B:
                guard i + 1 < bytes.count, bytes[i + 1] == 0x5C else { throw SixelDecodeError.malformed("ESC at \(i)") }
                var registers = [Int?](repeating: nil, count: width * height)
                for (key, reg) in pixels {
                    let py = key / 100_000, px = key % 100_000
                    guard px < width, py < height else { throw SixelDecodeError.malformed("pixel \(px),\(py) outside \(width)x\(height)") }
                    registers[py * width + px] = reg
                }
                return DecodedSixel(width: width, height: height, registers: registers, definitions: definitions)
            case UInt8(ascii: "\""):
                i += 1
                let p = numbers()
                guard p.count == 4 else { throw SixelDecodeError.malformed("raster attributes \(p)") }
                width = p[2]; height = p[3]
            case UInt8(ascii: "#"):
                i += 1
                let p = numbers()
                if p.count == 5 { definitions[p[0]] = Array(p[2...]) }
                register = p[0]
            case UInt8(ascii: "!"):
                i += 1
                let n = number() ?? 1
                guard i < bytes.count, (63...126).contains(bytes[i]) else { throw SixelDecodeError.malformed("repeat at \(i)") }
                paint(bytes[i], times: n); i += 1
            case UInt8(ascii: "$"): x = 0; i += 1
            case UInt8(ascii: "-"): x = 0; bandTop += 6; i += 1
            case 63...126: paint(b, times: 1); i += 1
            default: throw SixelDecodeError.malformed("byte \(b) at \(i)")
            }
        }
        throw SixelDecodeError.noTerminator
    }
}
