// Ids for imported marks whose format carries none (VinDr, CBIS-DDSM, outside COCO): derived from
// the row's content, so importing the same file again replaces the marks instead of doubling them.
// Two 64-bit FNV-1a hashes with different offsets, written as an RFC 9562 version 8 UUID
// ("custom": not random, not time-based).

public enum StableAnnotationID {
    public static func make(_ parts: [String]) -> String {
        let bytes = Array(parts.joined(separator: "\u{1F}").utf8)
        func fnv1a(_ offset: UInt64) -> UInt64 {
            var h = offset
            for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
            return h
        }
        var high = fnv1a(0xCBF2_9CE4_8422_2325), low = fnv1a(0x6C62_272E_07BB_0142)
        high = (high & ~0xF000) | 0x8000                          // version 8
        low = (low & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000 // variant 10
        func hex(_ v: UInt64, _ digits: Int) -> String {
            let s = String(v, radix: 16)
            return String(repeating: "0", count: max(0, digits - s.count)) + s
        }
        let h = hex(high, 16), l = hex(low, 16)
        return "\(h.prefix(8))-\(h.dropFirst(8).prefix(4))-\(h.suffix(4))-\(l.prefix(4))-\(l.suffix(12))".uppercased()
    }
}
