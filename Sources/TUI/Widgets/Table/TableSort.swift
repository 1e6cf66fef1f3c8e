// Which column a table is sorted by and in which direction, and the ordering it uses.

public struct TableSort: Hashable, Sendable {
    public var column: Int
    public var ascending: Bool
    public init(column: Int, ascending: Bool = true) { self.column = column; self.ascending = ascending }

    /// The header's direction mark.
    public var indicator: Character { ascending ? "▲" : "▼" }

    /// A comparable key for one cell's text: numbers (and dates written as numbers) compare by
    /// value, other text case-insensitively with digit runs compared as numbers, so "img2"
    /// sorts before "img10". Empty cells sort last in ascending order.
    public enum Key: Comparable, Sendable {
        case number(Double)
        case text([UInt32])
        case empty

        public init(_ text: String) {
            let trimmed = text.trimmingSpaces
            if trimmed.isEmpty { self = .empty; return }
            if let value = Double(trimmed), value.isFinite { self = .number(value); return }
            self = .text(trimmed.unicodeScalars.map { Self.folded($0) })
        }

        public static func < (a: Key, b: Key) -> Bool {
            switch (a, b) {
            case (.number(let x), .number(let y)): return x < y
            case (.number, _): return true
            case (.text, .number): return false
            case (.text(let x), .text(let y)): return naturalLess(x, y)
            case (.text, .empty): return true
            case (.empty, _): return false
            }
        }

        static func folded(_ s: Unicode.Scalar) -> UInt32 {
            (s.value >= 0x41 && s.value <= 0x5A) ? s.value + 0x20 : s.value
        }

        static func isDigit(_ v: UInt32) -> Bool { v >= 0x30 && v <= 0x39 }

        /// Scalar order, except that runs of digits compare by numeric value.
        static func naturalLess(_ a: [UInt32], _ b: [UInt32]) -> Bool {
            var i = 0, j = 0
            while i < a.count && j < b.count {
                if isDigit(a[i]) && isDigit(b[j]) {
                    var i2 = i, j2 = j
                    while i2 < a.count && a[i2] == 0x30 { i2 += 1 }
                    while j2 < b.count && b[j2] == 0x30 { j2 += 1 }
                    var ie = i2, je = j2
                    while ie < a.count && isDigit(a[ie]) { ie += 1 }
                    while je < b.count && isDigit(b[je]) { je += 1 }
                    if ie - i2 != je - j2 { return ie - i2 < je - j2 }
                    var k = 0
                    while k < ie - i2 {
                        if a[i2 + k] != b[j2 + k] { return a[i2 + k] < b[j2 + k] }
                        k += 1
                    }
                    i = ie; j = je
                    continue
                }
                if a[i] != b[j] { return a[i] < b[j] }
                i += 1; j += 1
            }
            return a.count - i < b.count - j
        }
    }
}

extension String {
    var trimmingSpaces: Substring {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return s
    }
}
