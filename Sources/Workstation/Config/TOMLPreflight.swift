// Checks a TOML text for what TOMLKit's parser (toml++ 3.4.0) cannot survive, before it sees
// the text: a table header whose key starts with anything but a key character, e.g. `[{` or
// `[.a]`. toml++ asserts there (abort() in our builds, undefined behaviour with NDEBUG) instead
// of reporting a syntax error. Found by fuzzing (FUZZING.md, target `toml`).
//
// Line-based, as toml++ reads table headers: a line whose first non-blank character is `[`. A
// continuation line of a multi-line array or string that looks like such a header (`[{ a = 1 }],`)
// is refused as well; themes and config.toml have no such values.
enum TOMLPreflight {
    /// The 1-based line and the reason when `text` must not be handed to TOMLKit; nil when it may.
    static func problem(in text: String) -> (line: Int, reason: String)? {
        var line = 1
        var atLineStart = true
        var bytes = text.utf8.makeIterator()
        while let byte = bytes.next() {
            if byte == UInt8(ascii: "\n") { line += 1; atLineStart = true; continue }
            guard atLineStart else { continue }
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { continue }
            atLineStart = false
            guard byte == UInt8(ascii: "[") else { continue }
            // As toml++ does: blanks, an optional second `[`, blanks, then the key.
            var next = bytes.next()
            while next == UInt8(ascii: " ") || next == UInt8(ascii: "\t") { next = bytes.next() }
            if next == UInt8(ascii: "[") {
                next = bytes.next()
                while next == UInt8(ascii: " ") || next == UInt8(ascii: "\t") { next = bytes.next() }
            }
            guard let first = next else { return nil }  // the text ends: toml++ reports that itself
            if !startsKey(first) {
                return (line, "a table header must start with a key (letters, digits, '_', '-' or a quoted name)")
            }
        }
        return nil
    }

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
