// Makes untrusted text (DICOM strings, file names) safe to put on a terminal.
// DICOM text can carry ESC sequences that would retitle, recolour or hijack a terminal.

public enum PrintableText {
    /// Drops C0/C1 control characters (ESC, CSI, BEL, ...), DEL, bidi overrides and other
    /// format characters; turns tabs and newlines into spaces; collapses runs of spaces; trims.
    public static func clean(_ text: String) -> String {
        // Fast path: printable ASCII without doubled, leading or trailing spaces is already clean.
        let utf8 = text.utf8
        var previousSpace = true
        var clean = true
        for byte in utf8 {
            if byte < 0x20 || byte >= 0x7F || (byte == 0x20 && previousSpace) { clean = false; break }
            previousSpace = byte == 0x20
        }
        if clean && !previousSpace { return text }
        if utf8.isEmpty { return text }
        var out = String.UnicodeScalarView()
        var lastWasSpace = false
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v == 0x09 || v == 0x0A || v == 0x0D {
                if !lastWasSpace { out.append(" "); lastWasSpace = true }
                continue
            }
            if isDropped(v) { continue }
            if v == 0x20 {
                if lastWasSpace { continue }
                lastWasSpace = true
            } else {
                lastWasSpace = false
            }
            out.append(scalar)
        }
        return String(out).trimmedSpaces
    }

    /// As `clean`, but runs of spaces and leading spaces stay: for lines of a table we lay out
    /// with spaces (the reader-study report) that may still carry outside text (model names).
    /// Tabs and line breaks become one space each; trailing spaces go.
    public static func keepingSpaces(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v == 0x09 || v == 0x0A || v == 0x0D { out.append(" "); continue }
            if isDropped(v) { continue }
            out.append(scalar)
        }
        while out.last == " " { out.removeLast() }
        return String(out)
    }

    /// Control characters (C0, DEL, C1), bidi controls, zero-width and other invisible format characters.
    static func isDropped(_ v: UInt32) -> Bool {
        v < 0x20 || (0x7F...0x9F).contains(v)
            || (0x200B...0x200F).contains(v) || (0x202A...0x202E).contains(v)
            || (0x2066...0x2069).contains(v) || v == 0xFEFF || v == 0x061C
            || (0xFFF9...0xFFFB).contains(v) || (0xE0000...0xE007F).contains(v)
    }

    /// DICOM person names use "^" between components: "DOE^JANE" reads "DOE, JANE".
    public static func personName(_ raw: String) -> String {
        let parts = clean(raw).split(separator: "=").first.map(String.init) ?? ""
        let components = parts.split(separator: "^", omittingEmptySubsequences: false)
            .map { $0.trimmedSpaces }
        guard let family = components.first else { return "" }
        let given = components.dropFirst().filter { !$0.isEmpty }.joined(separator: " ")
        return given.isEmpty ? family : "\(family), \(given)"
    }
}
