// UIDs under the 2.25 root (PS3.5 B.2): a UUID written as one decimal integer.
import Foundation

public enum DicomUID {
    /// A new random UID.
    public static func make() -> String {
        let uuid = UUID().uuid
        let bytes = withUnsafeBytes(of: uuid) { Array($0) }
        return fromBytes(bytes)
    }

    /// A UID that is always the same for the same text (synthetic data must be reproducible).
    public static func derived(from seedText: String) -> String {
        let data = Array(seedText.utf8)
        // Two independent 64-bit FNV-1a hashes make 128 bits.
        func fnv(_ basis: UInt64) -> UInt64 {
            var hash = basis
            for byte in data { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
            return hash
        }
        let high = fnv(0xCBF2_9CE4_8422_2325), low = fnv(0x6C62_272E_07BB_0142 ^ UInt64(data.count))
        var bytes = [UInt8]()
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8((high >> UInt64(shift)) & 0xFF)) }
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8((low >> UInt64(shift)) & 0xFF)) }
        // Mark as a version-4-like UUID so the value range matches random ones.
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return fromBytes(bytes)
    }

    /// "2.25." followed by the big-endian 128-bit number in decimal, without leading zeros.
    static func fromBytes(_ bytes: [UInt8]) -> String {
        var number = bytes  // big-endian base-256 digits
        var digits: [UInt8] = []
        while number.contains(where: { $0 != 0 }) {
            var remainder = 0
            for i in number.indices {
                let value = remainder * 256 + Int(number[i])
                number[i] = UInt8(value / 10)
                remainder = value % 10
            }
            digits.append(UInt8(remainder))
        }
        let decimal = digits.isEmpty ? "0" : String(digits.reversed().map { Character(String($0)) })
        return "2.25." + decimal
    }
}
