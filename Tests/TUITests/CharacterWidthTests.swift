// The pure width table against glibc's wcwidth in C.UTF-8: the widths ncurses and the
// terminal use, so the buffer and the screen agree on every column.
import Testing
#if canImport(Glibc)
import Glibc
#endif
import CNcurses
@testable import TUI

@Suite struct CharacterWidthTests {
    #if canImport(Glibc)
    @Test func agreesWithGlibcWcwidth() throws {
        guard let utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", nil) else {
            Issue.record("C.UTF-8 locale missing")
            return
        }
        defer { freelocale(utf8) }
        let previous = uselocale(utf8)
        defer { uselocale(previous) }
        var mismatches: [String] = []
        var compared = 0
        for v in UInt32(0x20)...0x3FFFF {
            if (0x7F..<0xA0).contains(v) { continue }
            guard let scalar = Unicode.Scalar(v) else { continue }
            let theirs = Int(mt_wcwidth(wchar_t(bitPattern: v)))
            if theirs < 0 { continue }  // unassigned to glibc: nothing to agree on
            // Characters assigned after glibc's Unicode version are unknown there, not wrong here.
            if scalar.properties.age.map({ $0.major > 15 }) ?? false { continue }
            compared += 1
            if scalar.terminalWidth != theirs {
                mismatches.append(String(v, radix: 16) + ":\(scalar.terminalWidth)/\(theirs)")
            }
        }
        #expect(compared > 100_000)
        #expect(mismatches.isEmpty, "ours/glibc: \(mismatches.prefix(40))")
    }
    #endif
}
