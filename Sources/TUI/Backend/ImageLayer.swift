// Decides, frame by frame, which images must be (re)sent to the terminal. The text layer (curses)
// knows nothing of images, so the cells under an image are sent as blanks of their own kind,
// "backdrop" cells, and an image is re-sent only when:
//  - it is new, moved or its content changed;
//  - a cell in its rectangle is rewritten this frame (text was drawn over it);
//  - on one of its rows, cells change both left and right of it: curses may then rewrite the
//    cells in between rather than move the cursor, painting over the picture;
//  - the whole screen is redrawn (first frame, resize, Ctrl-L).
// Backdrop cells differ from ordinary blanks so curses never erases them with "clear to end of
// line" and repaints them when the image goes away. A cursor moving in a list beside an image
// therefore never resends the image, which is what keeps a session over SSH responsive.
// Each row of backdrops also spells its row number in blank characters (a space or the blank
// braille pattern, U+2800): curses' scroll optimiser looks for whole lines that moved, by their
// characters only, and would otherwise find the picture's identical blank rows, scroll a region
// with escape sequences, and move the sixel picture with it (idlok(FALSE) does not stop that).
// With every picture row unique no line of it matches another, so curses repaints the changed
// lines in place.

public struct ImageLayer: Sendable {
    /// Images on the terminal now, as last sent.
    public private(set) var shown: [ImagePlacement] = []

    public init() {}

    /// `buffer` with every cell under `placements` turned into a backdrop cell.
    public static func applyBackdrops(_ placements: [ImagePlacement], to buffer: CellBuffer) -> CellBuffer {
        guard !placements.isEmpty else { return buffer }
        var out = buffer
        var backdrop = Cell.blank
        backdrop.isImageBackdrop = true
        var marked = backdrop
        marked.character = rowMark
        for p in placements {
            out.fill(p.rect, with: backdrop)
            // Row y + 1 in binary over the first columns: never all spaces, unique per screen row.
            let bits = min(p.rect.width, signatureBits)
            for y in p.rect.y..<p.rect.maxY where y >= 0 && y < out.size.height {
                for b in 0..<bits where (y + 1) >> b & 1 == 1 {
                    let x = p.rect.x + b
                    if x >= 0 && x < out.size.width { out.set(marked, x: x, y: y) }
                }
            }
        }
        return out
    }

    /// A blank that is not a space: the empty braille pattern.
    static let rowMark: Character = "\u{2800}"
    /// Columns spelling the row number: 2^10 rows, more than any terminal has.
    static let signatureBits = 10

    /// The placements to send this frame, given the cell runs the text layer will rewrite.
    public mutating func plan(_ placements: [ImagePlacement], changes: [CellRun], fullRedraw: Bool) -> [ImagePlacement] {
        var byRow: [Int: [CellRun]] = [:]
        for run in changes { byRow[run.y, default: []].append(run) }
        let send = placements.filter { p in
            if fullRedraw || !shown.contains(p) { return true }
            let r = p.rect
            for y in r.y..<r.maxY {
                guard let runs = byRow[y] else { continue }
                var left = false, right = false
                for run in runs {
                    if run.x < r.maxX && run.x + run.length > r.x { return true }
                    if run.x + run.length <= r.x { left = true } else { right = true }
                }
                if left && right { return true }
            }
            return false
        }
        shown = placements
        return send
    }

    /// Forget what is on screen (after a resize or a clear): everything is sent again.
    public mutating func reset() { shown = [] }
}
