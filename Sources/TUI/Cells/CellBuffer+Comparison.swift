// A readable account of how two buffers differ, for tests that compare a whole screen: both
// screens row by row with the differing rows marked, then the first style differences.

extension CellBuffer {
    /// Nil when `self` shows the same as `expected` (the same characters, and the same styles
    /// too when `comparingStyles`); else the expected and actual rows side by side, differing
    /// rows marked with ">", and up to `styleLimit` cells whose style differs.
    public func difference(from expected: CellBuffer, comparingStyles: Bool = false, styleLimit: Int = 12) -> String? {
        let sameSize = size == expected.size
        let rowsDiffer = (0..<max(height, expected.height)).filter { y in
            !sameSize || !Self.sameCharacters(self, expected, row: y)
        }
        var styleNotes: [String] = []
        if sameSize && comparingStyles {
            for y in 0..<height {
                for x in 0..<width where self[x, y].style != expected[x, y].style {
                    if styleNotes.count == styleLimit { styleNotes.append("…"); break }
                    styleNotes.append("(\(x),\(y)) \"\(expected[x, y].character)\": expected \(expected[x, y].style), actual \(self[x, y].style)")
                }
                if styleNotes.last == "…" { break }
            }
        }
        if rowsDiffer.isEmpty && styleNotes.isEmpty { return nil }
        var report = sameSize ? "buffers differ (\(width)x\(height)):" : "buffers differ: expected \(expected.width)x\(expected.height), actual \(width)x\(height):"
        let column = max(expected.width, 8)
        report += "\n     " + "expected".padding(toLength: column, withPad: " ", startingAt: 0) + " │ actual"
        let marked = Set(rowsDiffer)
        for y in 0..<max(height, expected.height) {
            let left = y < expected.height ? expected.line(y) : ""
            let right = y < height ? line(y) : ""
            let pad = String(repeating: " ", count: max(column - left.terminalWidth, 0))
            let number = String(y).count < 3 ? String(repeating: " ", count: 3 - String(y).count) + String(y) : String(y)
            report += "\n\(marked.contains(y) ? ">" : " ")\(number) \(left)\(pad) │ \(right)"
        }
        if !styleNotes.isEmpty { report += "\nstyle differences:\n  " + styleNotes.joined(separator: "\n  ") }
        return report
    }

    /// The same characters (and wide-character halves) on row `y` of both.
    static func sameCharacters(_ a: CellBuffer, _ b: CellBuffer, row y: Int) -> Bool {
        guard y < a.height, y < b.height, a.width == b.width else { return false }
        for x in 0..<a.width where a[x, y].character != b[x, y].character || a[x, y].isContinuation != b[x, y].isContinuation {
            return false
        }
        return true
    }
}
