// Escape sequences that frame encoded images for the terminal: synchronized output (mode 2026)
// and cursor placement. Pure byte builders; writing them is the caller's business.

public enum TerminalSequence {
    static let csi: [UInt8] = [0x1B, 0x5B]

    /// `CSI ? 2026 h`: the terminal holds the screen until the matching end, so a large image
    /// appears at once instead of band by band. Terminals without the mode ignore it.
    public static let beginSynchronizedUpdate: [UInt8] = csi + Array("?2026h".utf8)
    public static let endSynchronizedUpdate: [UInt8] = csi + Array("?2026l".utf8)
    /// DECSC / DECRC: keep the text cursor where it was around an image.
    public static let saveCursor: [UInt8] = [0x1B, 0x37]
    public static let restoreCursor: [UInt8] = [0x1B, 0x38]

    /// `bytes` wrapped in synchronized-output mode, for one write.
    public static func synchronized(_ bytes: [UInt8]) -> [UInt8] {
        beginSynchronizedUpdate + bytes + endSynchronizedUpdate
    }

    /// CUP to a 1-based row and column; values below 1 are taken as 1.
    public static func cursorPosition(row: Int, column: Int) -> [UInt8] {
        csi + Array("\(max(row, 1));\(max(column, 1))H".utf8)
    }

    /// An image whose top-left corner is the cell at 1-based (row, column): save the cursor,
    /// move, draw, restore, optionally inside synchronized output. One buffer, one write.
    public static func place(_ image: [UInt8], row: Int, column: Int, synchronized sync: Bool = true) -> [UInt8] {
        let framed = saveCursor + cursorPosition(row: row, column: column) + image + restoreCursor
        return sync ? synchronized(framed) : framed
    }
}
