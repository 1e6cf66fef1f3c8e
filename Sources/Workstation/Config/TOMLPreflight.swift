// Checks a TOML text for what TOMLKit's parser (toml++ 3.4.0) cannot survive, before it sees the
// text. toml++ asserts (abort() in our builds, undefined behaviour with NDEBUG) instead of
// reporting a syntax error on a table header whose key starts with anything but a key character
// (`[{`, `[.a]`, `[` then a line break) and on an array element that starts with `}`
// (`a = [}]`). Found by fuzzing (FUZZING.md, target `toml`).
//
// Themes and config.toml hold only tables, [[pacs]] entries and plain values (strings, numbers,
// booleans), so a value that opens an array or inline table is refused too: that keeps toml++'s
// array and inline-table parsers, where the second assertion sits, out of reach.
// Line-based, as toml++ reads headers and keys; lines inside a multi-line string are skipped.
enum TOMLPreflight {
    /// The 1-based line and the reason when `text` must not be handed to TOMLKit; nil when it may.
    static func problem(in text: String) -> (line: Int, reason: String)? {
        var closing: [UInt8]?  // the delimiter that ends the multi-line string we are in
        for (index, line) in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            if let delimiter = closing {
                // The rest of the line after the closing delimiter follows a value: nothing to check there.
                if find(delimiter, in: Array(line)[...]) != nil { closing = nil }
                continue
            }
            var bytes = Array(line)[...]
            if index == 0 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }  // toml++ skips a BOM
            bytes = bytes.drop(while: isBlank)
            guard let first = bytes.first else { continue }
            if first == UInt8(ascii: "[") {
                // As toml++ does: blanks, an optional second `[`, blanks, then the key.
                var rest = bytes.dropFirst().drop(while: isBlank)
                if rest.first == UInt8(ascii: "[") { rest = rest.dropFirst().drop(while: isBlank) }
                // The line may not end there either: toml++ would read the line break as the key.
                guard let start = rest.first, startsKey(start) else {
                    return (index + 1, "a table header must start with a key (letters, digits, '_', '-' or a quoted name)")
                }
                continue
            }
            guard startsKey(first), first != UInt8(ascii: "]"), let equals = valueStart(bytes) else { continue }
            let value = bytes[equals...].drop(while: isBlank)
            if value.first == UInt8(ascii: "[") || value.first == UInt8(ascii: "{") {
                return (index + 1, "arrays and inline tables are not part of this file's format (one value per key; archives are [[pacs]] entries)")
            }
            for delimiter in [Array("\"\"\"".utf8), Array("'''".utf8)] where value.starts(with: delimiter) {
                if find(delimiter, in: value.dropFirst(3)) == nil { closing = delimiter }
            }
        }
        return nil
    }

    /// Where the value begins: just after the `=` that ends the (possibly quoted, dotted) key.
    static func valueStart(_ line: ArraySlice<UInt8>) -> Int? {
        var quote: UInt8?
        var escaped = false
        for i in line.indices {
            let byte = line[i]
            if let q = quote {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") && q == UInt8(ascii: "\"") { escaped = true } else if byte == q { quote = nil }
                continue
            }
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") { quote = byte; continue }
            if byte == UInt8(ascii: "=") { return i + 1 }
            if byte == UInt8(ascii: "#") { return nil }
        }
        return nil
    }

    static func find(_ needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var i = haystack.startIndex
        while i + needle.count <= haystack.endIndex {
            if haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    static func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }

    /// Bare key characters, quotes, or the `]` of an empty header (which toml++ reports itself).
    static func startsKey(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "]"):
            return true
        default:
            return false
        }
    }
}
