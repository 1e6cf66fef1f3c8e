// Turns DICOM string bytes into Swift text: UTF-8 when valid, else ISO 8859-1 (the common
import Foundation
// single-byte character set), trailing NUL/space padding removed. Not yet made printable.

enum DicomText {
    static func decode(_ buffer: [CChar]) -> String {
        let bytes = buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }
        return decode(bytes: bytes)
    }

    static func decode<Bytes: Collection>(bytes: Bytes) -> String where Bytes.Element == UInt8 {
        // Most header text is plain ASCII: take it as it is, minus padding.
        if bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            var text = String(decoding: bytes, as: UTF8.self)
            while text.last == " " { text.removeLast() }
            while text.first == " " { text.removeFirst() }
            return text
        }
        let text: String
        if let utf8 = String(validating: bytes, as: UTF8.self) {
            text = utf8
        } else {
            text = String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
        }
        return text.trimmedSpaces
    }
}
