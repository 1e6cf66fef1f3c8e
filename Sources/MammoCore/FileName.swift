// File names that are not UTF-8 (a Latin-1 name from an old archive, a name cut mid-character):
// paths are Swift strings everywhere, so each byte that is not part of valid UTF-8 is carried as
// one private-use scalar U+F780...U+F7FF (like Python's surrogate escapes, which Swift strings
// cannot hold) and turned back into that byte whenever the path goes to the file system.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public enum FileName {
    static let escapeBase: UInt32 = 0xF700

    /// The path as a Swift string, losslessly: valid UTF-8 as itself, other bytes escaped.
    public static func string(bytes: some Collection<UInt8>) -> String {
        if let valid = String(validating: Array(bytes), as: UTF8.self) { return valid }
        var scalars = String.UnicodeScalarView()
        var remaining = Array(bytes)[...]
        while let first = remaining.first {
            // The longest valid UTF-8 sequence at the start (1...4 bytes), else one escaped byte.
            var taken = false
            for length in (1...min(4, remaining.count)).reversed() {
                if let piece = String(validating: Array(remaining.prefix(length)), as: UTF8.self), piece.unicodeScalars.count == 1 {
                    scalars.append(contentsOf: piece.unicodeScalars)
                    remaining = remaining.dropFirst(length)
                    taken = true
                    break
                }
            }
            if !taken {
                scalars.append(Unicode.Scalar(escapeBase + UInt32(first)) ?? "?")
                remaining = remaining.dropFirst()
            }
        }
        return String(scalars)
    }

    /// The bytes the file system knows the path by (NUL-terminated, for C calls).
    public static func bytes(_ path: String) -> [CChar] {
        var out: [CChar] = []
        out.reserveCapacity(path.utf8.count + 1)
        for scalar in path.unicodeScalars {
            if (escapeBase + 0x80...escapeBase + 0xFF).contains(scalar.value) {
                out.append(CChar(bitPattern: UInt8(scalar.value - escapeBase)))
            } else {
                out.append(contentsOf: String(scalar).utf8.map { CChar(bitPattern: $0) })
            }
        }
        out.append(0)
        return out
    }

    /// True when the path carries escaped bytes (so Foundation's file APIs cannot open it).
    public static func isEscaped(_ path: String) -> Bool {
        path.unicodeScalars.contains { (escapeBase + 0x80...escapeBase + 0xFF).contains($0.value) }
    }

    /// Whether something exists at the path (escaped bytes restored).
    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return bytes(path).withUnsafeBufferPointer { stat($0.baseAddress!, &info) } == 0
    }

    /// The names in a folder, each losslessly (readdir, not Foundation, which replaces bad bytes).
    public static func contents(ofFolder path: String) -> [String]? {
        guard let folder = bytes(path).withUnsafeBufferPointer({ opendir($0.baseAddress!) }) else { return nil }
        defer { closedir(folder) }
        var names: [String] = []
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in FileName.string(bytes: raw.prefix(while: { $0 != 0 })) }
            if name != ".", name != ".." { names.append(name) }
        }
        return names
    }
}
