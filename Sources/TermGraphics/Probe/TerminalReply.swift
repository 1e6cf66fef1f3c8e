// Replies a terminal sends to the capability queries, and a parser that finds them in raw
// input bytes. Pure: recorded replies from real terminals are its tests, and garbage never
// crashes it (lengths and numbers are bounded).

public enum TerminalReply: Hashable, Sendable {
    /// DA1, `CSI ? Pp ; Ps… c`: the class (61–65, or 1 for VT100-style) then attributes;
    /// attribute 4 is sixel.
    case primaryDeviceAttributes([Int])
    /// XTSMGRAPHICS, `CSI ? Pi ; Ps ; Pv… S`: item (1 colour registers, 2 sixel geometry),
    /// status (0 success), values.
    case graphicsAttribute(item: Int, status: Int, values: [Int])
    /// Window reports, `CSI Ps ; … t`: 4 text area in pixels (height; width), 6 cell size in
    /// pixels (height; width), 8 text area in cells.
    case windowReport(code: Int, values: [Int])
    /// DECRPM for a private mode, `CSI ? Pd ; Ps $ y`: 0 unknown, 1 set, 2 reset,
    /// 3 permanently set, 4 permanently reset.
    case privateModeReport(mode: Int, value: Int)
    /// XTVERSION, `DCS > | text ST`.
    case terminalVersion(String)
    /// Any other complete control sequence, made printable.
    case other(String)

    /// Replies found in `bytes`, the bytes that were not part of any reply (keys typed while
    /// probing, to be handed on), and whether the input ends inside a sequence.
    public static func parse(_ bytes: [UInt8]) -> (replies: [TerminalReply], unconsumed: [UInt8], incomplete: Bool) {
        var replies: [TerminalReply] = []
        var unconsumed: [UInt8] = []
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            let csiStart: Int? = b == 0x9B ? i + 1 : (b == 0x1B && i + 1 < n && bytes[i + 1] == 0x5B ? i + 2 : nil)
            let dcsStart: Int? = b == 0x90 ? i + 1 : (b == 0x1B && i + 1 < n && bytes[i + 1] == 0x50 ? i + 2 : nil)
            if let start = csiStart {
                switch parseCSI(bytes, from: start) {
                case .complete(let reply, let end): replies.append(reply); i = end
                case .incomplete: return (replies, unconsumed, true)
                case .malformed(let end): unconsumed += bytes[i..<end]; i = end
                }
            } else if let start = dcsStart {
                switch parseDCS(bytes, from: start) {
                case .complete(let reply, let end): replies.append(reply); i = end
                case .incomplete: return (replies, unconsumed, true)
                case .malformed(let end): unconsumed += bytes[i..<end]; i = end
                }
            } else if b == 0x1B && i + 1 == n {
                return (replies, unconsumed, true)
            } else {
                unconsumed.append(b); i += 1
            }
        }
        return (replies, unconsumed, false)
    }

    private enum Scan { case complete(TerminalReply, end: Int), incomplete, malformed(end: Int) }

    /// Longest control sequence taken seriously; anything longer is not a reply.
    static let maximumLength = 256

    private static func parseCSI(_ bytes: [UInt8], from start: Int) -> Scan {
        var i = start
        var parameters: [UInt8] = [], intermediates: [UInt8] = []
        while i < bytes.count {
            let b = bytes[i]
            guard i - start < maximumLength else { return .malformed(end: i) }
            switch b {
            case 0x30...0x3F where intermediates.isEmpty: parameters.append(b)
            case 0x20...0x2F: intermediates.append(b)
            case 0x40...0x7E:
                return .complete(interpretCSI(parameters, intermediates, final: b), end: i + 1)
            default:
                // A control byte or ESC inside: not a reply; resume parsing at that byte.
                return .malformed(end: i)
            }
            i += 1
        }
        return .incomplete
    }

    private static func interpretCSI(_ parameters: [UInt8], _ intermediates: [UInt8], final: UInt8) -> TerminalReply {
        let prefix: UInt8? = parameters.first.flatMap { (0x3C...0x3F).contains($0) ? $0 : nil }
        let numbers = numbers(prefix == nil ? parameters[...] : parameters.dropFirst())
        switch (prefix, intermediates, final) {
        case (UInt8(ascii: "?"), [], UInt8(ascii: "c")) where !numbers.isEmpty:
            return .primaryDeviceAttributes(numbers)
        case (UInt8(ascii: "?"), [], UInt8(ascii: "S")) where numbers.count >= 2:
            return .graphicsAttribute(item: numbers[0], status: numbers[1], values: Array(numbers.dropFirst(2)))
        case (nil, [], UInt8(ascii: "t")) where !numbers.isEmpty:
            return .windowReport(code: numbers[0], values: Array(numbers.dropFirst()))
        case (UInt8(ascii: "?"), [UInt8(ascii: "$")], UInt8(ascii: "y")) where numbers.count == 2:
            return .privateModeReport(mode: numbers[0], value: numbers[1])
        default:
            return .other(printable([0x1B, 0x5B] + parameters + intermediates + [final]))
        }
    }

    /// `;`-separated decimals; an empty field is 0, a `:` sub-parameter is ignored, and
    /// values are capped so a flood of digits cannot overflow.
    private static func numbers(_ bytes: ArraySlice<UInt8>) -> [Int] {
        guard !bytes.isEmpty else { return [] }
        return bytes.split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: false).map { field in
            var value = 0
            for b in field.prefix(while: { $0 != UInt8(ascii: ":") }) where (48...57).contains(b) {
                value = min(value * 10 + Int(b - 48), 1_000_000_000)
            }
            return value
        }
    }

    private static func parseDCS(_ bytes: [UInt8], from start: Int) -> Scan {
        var i = start
        while i < bytes.count {
            guard i - start < maximumLength else { return .malformed(end: i) }
            let b = bytes[i]
            let terminator: Int? = b == 0x9C ? 1 : (b == 0x1B && i + 1 < bytes.count && bytes[i + 1] == 0x5C ? 2 : nil)
            if let length = terminator {
                let body = Array(bytes[start..<i])
                if body.starts(with: [UInt8(ascii: ">"), UInt8(ascii: "|")]) {
                    return .complete(.terminalVersion(printable(Array(body.dropFirst(2)))), end: i + length)
                }
                return .complete(.other(printable([0x1B, 0x50] + body + [0x1B, 0x5C])), end: i + length)
            }
            if b == 0x1B && i + 1 == bytes.count { return .incomplete }
            i += 1
        }
        return .incomplete
    }

    /// Text safe to show: printable ASCII kept, ESC as `^[`, anything else as `.`.
    static func printable(_ bytes: [UInt8]) -> String {
        String(bytes.prefix(80).map { b -> String in
            b == 0x1B ? "^[" : (0x20...0x7E).contains(b) ? String(UnicodeScalar(b)) : "."
        }.joined())
    }
}
