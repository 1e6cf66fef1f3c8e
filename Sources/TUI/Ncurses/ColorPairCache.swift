// Colour pairs allocated on demand: curses draws a cell with a numbered (foreground,
// background) pair, and a 24-bit picture can use thousands of them. Pairs are made as first
// seen and reused after; when the terminal's pairs run out, all are reset and the caller
// redraws the whole screen with fresh numbers.

struct ColorPairCache {
    struct Key: Hashable { var foreground: Int32; var background: Int32 }

    /// Pairs 1...reserved are kept for fixed uses (the image backdrop); pair 0 is the default.
    let reserved: Int32
    let limit: Int32
    private var pairs: [Key: Int32] = [:]
    private var next: Int32

    init(limit: Int32, reserved: Int32 = 1) {
        self.limit = limit
        self.reserved = reserved
        self.next = reserved + 1
    }

    var count: Int { pairs.count }

    /// The pair for (foreground, background), defining it through `define` when new. `reset`
    /// is true when the cache had to start over: every pair number handed out before is stale.
    mutating func pair(foreground: Int32, background: Int32,
                       define: (Int32, Int32, Int32) -> Bool,
                       resetAll: () -> Void) -> (pair: Int32, reset: Bool) {
        if foreground == -1 && background == -1 { return (0, false) }
        let key = Key(foreground: foreground, background: background)
        if let p = pairs[key] { return (p, false) }
        var didReset = false
        if next >= limit {
            resetAll()
            pairs.removeAll(keepingCapacity: true)
            next = reserved + 1
            didReset = true
        }
        guard next < limit, define(next, foreground, background) else { return (0, didReset) }
        pairs[key] = next
        next += 1
        return (next - 1, didReset)
    }
}
