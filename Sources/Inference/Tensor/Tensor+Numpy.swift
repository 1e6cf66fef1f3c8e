// Tensors as NumPy .npy files (format 1.0/2.0/3.0): float32, little-endian ('<f4'), C order only.
// Layout: "\x93NUMPY", major, minor, header length (u16 LE for 1.x, u32 LE for 2.x/3.x), then an ASCII
// Python dict {'descr': '<f4', 'fortran_order': False, 'shape': (d0, d1, ...), } padded to 64 bytes, then data.
import Foundation

extension Tensor {
    private static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)

    public init(npyContentsOf url: URL) throws {
        let bytes: Data
        do {
            bytes = try Data(contentsOf: url)
        } catch {
            throw InferenceError(path: url.path, reason: "cannot read (\(error.localizedDescription))")
        }
        do {
            try self.init(npyData: bytes)
        } catch let error as InferenceError {
            throw InferenceError(path: url.path, reason: error.reason)
        }
    }

    public init(npyData bytes: Data) throws {
        let data = [UInt8](bytes)
        guard data.count >= 10, Array(data[0..<6]) == Self.magic else {
            throw InferenceError(reason: "not a NumPy .npy file (no \\x93NUMPY magic)")
        }
        let major = data[6]
        let (headerLength, headerStart): (Int, Int)
        switch major {
        case 1: (headerLength, headerStart) = (Int(data[8]) | Int(data[9]) << 8, 10)
        case 2, 3:
            guard data.count >= 12 else { throw InferenceError(reason: "truncated .npy header") }
            (headerLength, headerStart) = ((0..<4).reduce(0) { $0 | Int(data[8 + $1]) << (8 * $1) }, 12)
        default: throw InferenceError(reason: ".npy format version \(major) is not supported (1, 2 or 3)")
        }
        guard data.count >= headerStart + headerLength else { throw InferenceError(reason: "truncated .npy header") }
        let header = String(decoding: data[headerStart..<(headerStart + headerLength)], as: UTF8.self)
        guard let descr = Self.field("descr", in: header), descr == "'<f4'" else {
            throw InferenceError(reason: "element type \(Self.field("descr", in: header) ?? "?") is not float32 little-endian ('<f4'); convert with x.astype('<f4')")
        }
        guard Self.field("fortran_order", in: header) == "False" else {
            throw InferenceError(reason: "Fortran-ordered array; save a C-ordered one (np.ascontiguousarray)")
        }
        guard let shapeText = Self.field("shape", in: header), shapeText.hasPrefix("("), shapeText.hasSuffix(")") else {
            throw InferenceError(reason: "no shape in the .npy header")
        }
        let shape = try shapeText.dropFirst().dropLast().split(separator: ",").map { part -> Int in
            guard let dim = Int(part.trimmingCharacters(in: .whitespaces)), dim >= 0 else {
                throw InferenceError(reason: "bad shape \(shapeText) in the .npy header")
            }
            return dim
        }
        let start = headerStart + headerLength
        let count = shape.elementCount
        guard data.count - start == count * 4 else {
            throw InferenceError(reason: "data holds \(data.count - start) bytes, shape \(shape) needs \(count * 4)")
        }
        var values = [Float](repeating: 0, count: count)
        for i in 0..<count {
            let o = start + 4 * i
            values[i] = Float(bitPattern: UInt32(data[o]) | UInt32(data[o + 1]) << 8 | UInt32(data[o + 2]) << 16 | UInt32(data[o + 3]) << 24)
        }
        self.init(unchecked: shape, values)
    }

    /// The text of `key`'s value in the header dict: up to the next top-level comma or the closing brace.
    private static func field(_ key: String, in header: String) -> String? {
        guard let range = header.range(of: "'\(key)':") else { return nil }
        var depth = 0
        var value = ""
        for character in header[range.upperBound...] {
            if character == "(" { depth += 1 }
            if character == ")" { depth -= 1 }
            if depth == 0, character == "," || character == "}" { break }
            value.append(character)
        }
        return value.trimmingCharacters(in: .whitespaces)
    }

    /// The tensor as a version 1.0 .npy file ('<f4', C order).
    public var npyData: Data {
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': \(shapeText), }"
        // Magic (6) + version (2) + length (2) + header + newline, padded to a multiple of 64.
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var out = Data(Self.magic + [1, 0])
        out.append(contentsOf: [UInt8(header.utf8.count & 0xFF), UInt8(header.utf8.count >> 8)])
        out.append(contentsOf: Array(header.utf8))
        var littleEndian = data.map { $0.bitPattern.littleEndian }
        out.append(Data(bytes: &littleEndian, count: littleEndian.count * 4))
        return out
    }
}
