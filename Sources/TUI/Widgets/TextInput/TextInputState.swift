// A single-line text field's state and its editing keys, readline style: characters insert at
// the cursor; ←/→ Ctrl-B/F move; Home/End Ctrl-A/E jump; Backspace, Del/Ctrl-D delete;
// Ctrl-U, Ctrl-K and Ctrl-W cut to the start, to the end, and the word before the cursor.

public struct TextInputState: Hashable, Sendable {
    /// Graphemes, so the cursor never lands inside a character.
    public private(set) var characters: [Character]
    /// Insertion point, 0...characters.count.
    public private(set) var cursor: Int
    /// Longest text accepted (in characters); nil for no limit.
    public var maxLength: Int?

    public enum Outcome: Hashable, Sendable {
        case ignored
        /// Only the cursor moved.
        case moved
        /// The text changed.
        case edited
        /// Enter: the owner takes the text.
        case submitted(String)
        /// Esc: the owner closes the field.
        case cancelled
    }

    public init(_ text: String = "", maxLength: Int? = nil) {
        let chars = Array(text)
        self.characters = maxLength.map { Array(chars.prefix(max($0, 0))) } ?? chars
        self.cursor = characters.count
        self.maxLength = maxLength
    }

    public var text: String { String(characters) }

    /// Columns of text before the cursor: where the cursor sits when drawn.
    public var cursorColumn: Int { characters[..<cursor].reduce(0) { $0 + $1.terminalWidth } }

    public mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .character(let c): return insert(c)
        case .enter: return .submitted(text)
        case .escape: return .cancelled
        case .left, .control("b"): return moveCursor(to: cursor - 1)
        case .right, .control("f"): return moveCursor(to: cursor + 1)
        case .home, .control("a"): return moveCursor(to: 0)
        case .end, .control("e"): return moveCursor(to: characters.count)
        case .backspace:
            guard cursor > 0 else { return .ignored }
            characters.remove(at: cursor - 1)
            cursor -= 1
            return .edited
        case .delete, .control("d"):
            guard cursor < characters.count else { return .ignored }
            characters.remove(at: cursor)
            return .edited
        case .control("u"): return cut(0..<cursor)
        case .control("k"): return cut(cursor..<characters.count)
        case .control("w"):
            // Like the shell's Ctrl-W: spaces before the cursor, then the word before them.
            var start = cursor
            while start > 0 && characters[start - 1].isWhitespace { start -= 1 }
            while start > 0 && !characters[start - 1].isWhitespace { start -= 1 }
            return cut(start..<cursor)
        default:
            return .ignored
        }
    }

    /// Inserts pasted or typed text at the cursor (controls dropped, up to `maxLength`).
    public mutating func insert(_ text: String) -> Outcome {
        var outcome = Outcome.ignored
        for c in text where insert(c) == .edited { outcome = .edited }
        return outcome
    }

    private mutating func insert(_ c: Character) -> Outcome {
        guard c.terminalWidth > 0, CellBuffer.printable(c) == c else { return .ignored }
        if let maxLength, characters.count >= maxLength { return .ignored }
        characters.insert(c, at: cursor)
        cursor += 1
        return .edited
    }

    private mutating func moveCursor(to position: Int) -> Outcome {
        let p = min(max(position, 0), characters.count)
        guard p != cursor else { return .ignored }
        cursor = p
        return .moved
    }

    private mutating func cut(_ range: Range<Int>) -> Outcome {
        guard !range.isEmpty else { return .ignored }
        characters.removeSubrange(range)
        cursor = range.lowerBound
        return .edited
    }
}
