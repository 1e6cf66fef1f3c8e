// The checks the pydicom references were made with: zlib CRC-32 over little-endian int32
// samples, and 8x8 block means.
import Foundation

enum Checksum {
    /// CRC-32 (IEEE, as zlib.crc32), table-driven.
    static func crc32(_ samples: [Int32]) -> String {
        var crc: UInt32 = 0xFFFF_FFFF
        for sample in samples {
            var v = UInt32(bitPattern: sample)
            for _ in 0..<4 {
                crc = table[Int((crc ^ v) & 0xFF)] ^ (crc >> 8)
                v >>= 8
            }
        }
        return String(format: "%08x", crc ^ 0xFFFF_FFFF)
    }

    static let table: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func blockMeans(_ samples: [Int32], rows: Int, columns: Int, samplesPerPixel spp: Int) -> [Double] {
        var result: [Double] = []
        for by in 0..<8 {
            for bx in 0..<8 {
                let y0 = by * rows / 8, y1 = (by + 1) * rows / 8, x0 = bx * columns / 8, x1 = (bx + 1) * columns / 8
                var sum = 0.0, count = 0
                for y in y0..<y1 {
                    for x in x0..<x1 {
                        for s in 0..<spp { sum += Double(samples[(y * columns + x) * spp + s]); count += 1 }
                    }
                }
                result.append(count > 0 ? sum / Double(count) : 0)
            }
        }
        return result
    }
}
