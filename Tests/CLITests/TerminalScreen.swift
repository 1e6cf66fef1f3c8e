// A captured terminal screen as cells (character, foreground, background), read from
// `tmux capture-pane -e` output, and what a person would see in it: how bright each cell
// looks, which colours are greys, where the ink is.
import Foundation

struct TerminalScreen {
    /// An SGR colour as the application set it.
    enum Colour: Hashable {
        case standard            // default foreground / background
        case indexed(Int)        // 0...255 (30-37, 90-97 and friends map to 0...15)
        case rgb(Int, Int, Int)  // 38;2;R;G;B

        /// The colour on screen, as xterm's default palette defines the 256 indexes.
        var rgb: (r: Int, g: Int, b: Int)? {
            switch self {
            case .standard: return nil
            case let .rgb(r, g, b): return (r, g, b)
            case let .indexed(n):
                if n >= 232 { let v = 8 + (n - 232) * 10; return (v, v, v) }
                if n >= 16 {
                    let levels = [0, 95, 135, 175, 215, 255]
                    let i = n - 16
                    return (levels[i / 36], levels[(i / 6) % 6], levels[i % 6])
                }
                let system: [(Int, Int, Int)] = [
                    (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
                    (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
                ]
                return system[max(0, min(n, 15))]
            }
        }

        /// Greys: equal components (the 24 ramp entries, the cube's diagonal, black and white).
        var isGrey: Bool {
            guard let c = rgb else { return true }
            return c.r == c.g && c.g == c.b
        }

        /// Clearly red: the malignant outline and the hot end of the heat map.
        var isReddish: Bool {
            guard let c = rgb else { return false }
            return c.r >= c.g + 60 && c.r >= c.b + 60
        }
    }

    struct Cell {
        var character: Character
        var foreground: Colour
        var background: Colour

        /// Dots of a braille glyph (0...8), nil for other characters.
        var brailleDots: Int? {
            guard let scalar = character.unicodeScalars.first, (0x2800...0x28FF).contains(scalar.value) else { return nil }
            return (scalar.value - 0x2800).nonzeroBitCount
        }

        /// How bright the cell looks, 0...255: the share of the cell each colour covers (braille
        /// dots, the upper half block, or nothing for a space) times that colour's luma.
        var brightness: Double {
            func luma(_ colour: Colour, standard: Double) -> Double {
                guard let c = colour.rgb else { return standard }
                return 0.299 * Double(c.r) + 0.587 * Double(c.g) + 0.114 * Double(c.b)
            }
            let fg = luma(foreground, standard: 229), bg = luma(background, standard: 0)
            let coverage: Double
            if let dots = brailleDots {
                coverage = Double(dots) / 8
            } else if character == "\u{2580}" {
                coverage = 0.5
            } else if character == " " {
                coverage = 0
            } else {
                coverage = 0.3  // a letter: some ink
            }
            return coverage * fg + (1 - coverage) * bg
        }
    }

    var rows: [[Cell]]

    /// Parses capture-pane -e lines. Only SGR sequences are expected; other escapes are skipped.
    init(escapedLines: [String]) {
        var fg = Colour.standard, bg = Colour.standard
        rows = escapedLines.map { line in
            var cells: [Cell] = []
            let scalars = Array(line.unicodeScalars)
            var i = 0
            while i < scalars.count {
                let s = scalars[i]
                if s == "\u{1B}", i + 1 < scalars.count, scalars[i + 1] == "[" {
                    var j = i + 2
                    var body = ""
                    while j < scalars.count, !(0x40...0x7E).contains(scalars[j].value) {
                        body.unicodeScalars.append(scalars[j])
                        j += 1
                    }
                    if j < scalars.count, scalars[j] == "m" { Self.apply(body, foreground: &fg, background: &bg) }
                    i = j + 1
                    continue
                }
                if s == "\u{1B}" { i += 2; continue }
                cells.append(Cell(character: Character(s), foreground: fg, background: bg))
                i += 1
            }
            return cells
        }
    }

    /// One SGR parameter list applied to the current colours.
    static func apply(_ body: String, foreground fg: inout Colour, background bg: inout Colour) {
        let p = body.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
        var k = 0
        while k < p.count {
            switch p[k] {
            case 0: fg = .standard; bg = .standard
            case 30...37: fg = .indexed(p[k] - 30)
            case 90...97: fg = .indexed(p[k] - 90 + 8)
            case 40...47: bg = .indexed(p[k] - 40)
            case 100...107: bg = .indexed(p[k] - 100 + 8)
            case 39: fg = .standard
            case 49: bg = .standard
            case 38, 48:
                let target = p[k]
                var colour: Colour?
                if k + 2 < p.count, p[k + 1] == 5 {
                    colour = .indexed(p[k + 2]); k += 2
                } else if k + 4 < p.count, p[k + 1] == 2 {
                    colour = .rgb(p[k + 2], p[k + 3], p[k + 4]); k += 4
                }
                if let colour { if target == 38 { fg = colour } else { bg = colour } }
            default: break
            }
            k += 1
        }
    }

    /// The rows strictly between the first line containing `top` and the next containing
    /// `bottom` (by plain text), or nil when either is missing.
    func rows(between top: String, and bottom: String) -> [[Cell]]? {
        let text = rows.map { String($0.map(\.character)) }
        guard let first = text.firstIndex(where: { $0.contains(top) }),
              let last = text[(first + 1)...].firstIndex(where: { $0.contains(bottom) }) else { return nil }
        return Array(rows[(first + 1)..<last])
    }
}

/// Where the ink is in a block of picture cells: a brightness map padded to one width, and the
/// measures the tests assert on.
struct TerminalInk {
    let width: Int
    let brightness: [[Double]]
    /// A cell has ink when it is brighter than this (0...255): above the black background and
    /// the darkest greys the encoders use for it.
    static let threshold = 20.0

    init(_ rows: [[TerminalScreen.Cell]], width: Int) {
        self.width = width
        brightness = rows.map { row in (0..<width).map { $0 < row.count ? row[$0].brightness : 0 } }
    }

    /// From pixels (a screenshot): rows of the same length.
    init(brightness: [[Double]]) {
        width = brightness.first?.count ?? 0
        self.brightness = brightness
    }

    func ink(_ row: Int, _ column: Int) -> Bool { brightness[row][column] > Self.threshold }

    /// The same picture with the outer `share` of its inked span blanked at each side: where the
    /// view markers and scale bars sit (ViewMarkers draws them in each view's outer corners), to
    /// look at the breasts alone.
    func withoutOuter(share: Double) -> TerminalInk {
        guard let range = columnRange else { return self }
        let margin = Int((Double(range.count) * share).rounded(.up))
        let low = range.lowerBound + margin, high = range.upperBound - margin
        return TerminalInk(brightness: brightness.map { row in
            row.enumerated().map { $0.offset < low || $0.offset > high ? 0 : $0.element }
        })
    }

    /// First and last inked columns over all rows.
    var columnRange: ClosedRange<Int>? {
        var low = Int.max, high = Int.min
        for r in brightness.indices {
            for c in 0..<width where ink(r, c) { low = min(low, c); high = max(high, c) }
        }
        return low <= high ? low...high : nil
    }

    /// Intersection over union of the ink and its mirror image about column `centre` (which
    /// may be a half column): 1 for a perfectly symmetric picture.
    func mirrorOverlap(about centre: Double) -> Double {
        var both = 0, either = 0
        for r in brightness.indices {
            for c in 0..<width {
                let m = Int((2 * centre - Double(c)).rounded())
                let a = ink(r, c), b = m >= 0 && m < width && ink(r, m)
                if a && b { both += 1 }
                if a || b { either += 1 }
            }
        }
        return either == 0 ? 0 : Double(both) / Double(either)
    }

    /// Of the rows with ink on both sides of `centre`, the share whose ink on each side comes
    /// within `reach` columns of it: the two chest walls meeting in the middle.
    func shareOfRowsMeetingInTheMiddle(centre: Double, reach: Double) -> (share: Double, rows: Int) {
        var rowsWithInk = 0, meeting = 0
        for r in brightness.indices {
            let inked = (0..<width).filter { ink(r, $0) }
            let left = inked.filter { Double($0) < centre }, right = inked.filter { Double($0) > centre }
            guard let innerLeft = left.max(), let innerRight = right.min() else { continue }
            rowsWithInk += 1
            if centre - Double(innerLeft) <= reach && Double(innerRight) - centre <= reach { meeting += 1 }
        }
        return (rowsWithInk == 0 ? 0 : Double(meeting) / Double(rowsWithInk), rowsWithInk)
    }
}
