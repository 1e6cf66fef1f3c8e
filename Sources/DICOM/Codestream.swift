// The frame header of a compressed codestream (ISO 10918-1 B.2.2 SOFn, ISO 14495-1 SOF55,
// ISO 15444-1 A.5.1 SIZ): its size, components and precision, found in the first bytes.
struct Codestream: Equatable {
    var columns: Int
    var rows: Int
    var components: Int
    var precision: Int
    var isJPEG2000 = false

    /// What the first bytes of a fragment say.
    enum Finding: Equatable {
        case frame(Codestream)
        /// Not the start of such a codestream.
        case notACodestream
        /// The frame header lies beyond the bytes read (a large APP segment, an ICC profile).
        case beyondTheBytesRead
    }

    /// A JPEG or JPEG-LS stream: SOI, then segments up to the first start of frame.
    static func jpeg(_ bytes: [UInt8]) -> Finding {
        guard bytes.count >= 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { return .notACodestream }
        var at = 2
        while at + 4 <= bytes.count {
            guard bytes[at] == 0xFF else { return .notACodestream }
            let marker = bytes[at + 1]
            if marker == 0xFF { at += 1; continue }  // fill byte
            let length = Int(bytes[at + 2]) << 8 | Int(bytes[at + 3])
            // SOF0-SOF15 except DHT (C4), JPG (C8), DAC (CC); SOF55 (F7) is JPEG-LS.
            if (0xC0...0xCF).contains(marker) && ![0xC4, 0xC8, 0xCC].contains(marker) || marker == 0xF7 {
                guard at + 10 <= bytes.count else { return .beyondTheBytesRead }
                guard length >= 8 else { return .notACodestream }
                return .frame(Codestream(columns: Int(bytes[at + 7]) << 8 | Int(bytes[at + 8]),
                                         rows: Int(bytes[at + 5]) << 8 | Int(bytes[at + 6]),
                                         components: Int(bytes[at + 9]), precision: Int(bytes[at + 4])))
            }
            guard length >= 2 else { return .notACodestream }
            at += 2 + length
        }
        return .beyondTheBytesRead
    }

    /// A JPEG 2000 codestream (SOC, SIZ) or a JP2 file whose codestream box holds one.
    static func jpeg2000(_ bytes: [UInt8]) -> Finding {
        var at = 0
        if bytes.count >= 12, bytes[4..<8].elementsEqual("jP  ".utf8) {
            // JP2: find the contiguous codestream box ("jp2c"), after the header boxes.
            guard let box = find(Array("jp2c".utf8), in: bytes) else { return .beyondTheBytesRead }
            at = box + 4
        }
        guard at + 43 <= bytes.count else { return .beyondTheBytesRead }
        guard bytes[at] == 0xFF, bytes[at + 1] == 0x4F, bytes[at + 2] == 0xFF, bytes[at + 3] == 0x51 else { return .notACodestream }
        func word(_ offset: Int) -> Int { bytes[(at + offset)..<(at + offset + 4)].reduce(0) { $0 << 8 | Int($1) } }
        // SIZ: Lsiz(2) Rsiz(2) Xsiz Ysiz XOsiz YOsiz XTsiz YTsiz XTOsiz YTOsiz (4 each) Csiz(2) Ssiz...
        let width = word(8) - word(16), height = word(12) - word(20)
        let components = Int(bytes[at + 40]) << 8 | Int(bytes[at + 41])
        let precision = Int(bytes[at + 42] & 0x7F) + 1
        return .frame(Codestream(columns: width, rows: height, components: components, precision: precision, isJPEG2000: true))
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        for index in 0...(bytes.count - needle.count) where bytes[index..<index + needle.count].elementsEqual(needle) {
            return index
        }
        return nil
    }
}
