// Fuzz target `reply`: the terminal reply parser (TerminalReply.parse) on raw input bytes, fed
// whole and in two reads as the probe receives them, then the capabilities and the graphics
// choice built from what it found, for a terminal and window size taken from the first bytes.
import MammoCore
import TermGraphics

enum FuzzReply {
    static let environments: [[String: String]] = [
        ["TERM": "xterm-256color"], ["TERM": "tmux-256color", "TMUX": "x"], ["TERM": "screen", "STY": "1"],
        ["TERM": "foot", "COLORTERM": "truecolor"], ["TERM": "dumb"], ["TERM": "xterm", "NO_COLOR": "1"], [:],
    ]

    static func run(_ bytes: [UInt8]) {
        let parsed = TerminalReply.parse(bytes)
        // Every byte is a reply's, handed on, or left in an unfinished sequence: never invented.
        if parsed.unconsumed.count > bytes.count { fatalError("more unconsumed bytes than input") }
        if !parsed.incomplete && parsed.replies.isEmpty && parsed.unconsumed.count != bytes.count {
            fatalError("bytes lost without a reply")
        }
        // The probe parses what it has after every read; the first part of a split must not crash
        // nor invent replies the whole input does not have at its start.
        let cut = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
        let head = TerminalReply.parse(Array(bytes[..<cut]))
        if head.replies.count > parsed.replies.count + 1 { fatalError("a prefix gave more replies than the whole") }

        let environment = environments[bytes.count > 1 ? Int(bytes[1]) % environments.count : 0]
        let window: WindowSize? = bytes.count > 5
            ? WindowSize(columns: Int(bytes[2]), rows: Int(bytes[3]), pixelWidth: Int(bytes[4]) * 16, pixelHeight: Int(bytes[5]) * 16)
            : nil
        let caps = TerminalCapabilities(environment: environment, replies: parsed.replies, windowSize: window)
        if let cell = caps.cellPixelSize, cell.width <= 0 || cell.height <= 0 { fatalError("empty cell size") }
        for override in GraphicsOverride.allCases {
            let choice = chooseGraphics(caps, override: override, sixelGreys: bytes.count > 6 ? Int(bytes[6]) : nil)
            if !(2...256).contains(choice.sixelRegisters) { fatalError("sixel registers out of range") }
            if choice.reason.isEmpty { fatalError("a choice without a reason") }
        }
    }
}
