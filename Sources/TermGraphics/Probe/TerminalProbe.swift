// The one routine in TermGraphics that touches the terminal: send the capability queries once
// at start and collect the replies. Everything it learns is parsed by pure code elsewhere.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public enum TerminalProbe {
    /// Text area and cell size in pixels (14t, 16t), sixel colour registers and geometry
    /// (XTSMGRAPHICS read), synchronized output (DECRQM 2026), name (XTVERSION), then DA1.
    /// Every terminal answers DA1, and answers in order, so its reply marks the end.
    public static let query: [UInt8] = Array("\u{1B}[14t\u{1B}[16t\u{1B}[?1;1;0S\u{1B}[?2;1;0S\u{1B}[?2026$p\u{1B}[>0q\u{1B}[c".utf8)

    /// Queries the terminal on `input`/`output` when both are terminals: raw mode (no echo,
    /// no line editing, no signals) only while reading, restored before returning; reads
    /// until the DA1 reply or `timeoutMilliseconds` in all.
    public static func run(timeoutMilliseconds: Int = 300, input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO) -> ProbeResult {
        var result = ProbeResult()
        result.windowSize = windowSize(of: output) ?? windowSize(of: input)
        guard isatty(input) == 1, isatty(output) == 1 else {
            result.skipped = "standard input or output is not a terminal"
            return result
        }
        var saved = termios()
        guard tcgetattr(input, &saved) == 0 else {
            result.skipped = "the terminal's settings could not be read"
            return result
        }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 0
            cc[Int(VTIME)] = 0
        }
        guard tcsetattr(input, TCSANOW, &raw) == 0 else {
            result.skipped = "the terminal could not be put in raw mode"
            return result
        }
        // TCSANOW, not TCSAFLUSH: a flush would throw away keys typed meanwhile.
        defer { _ = tcsetattr(input, TCSANOW, &saved) }

        let clock = ContinuousClock()
        let start = clock.now
        let deadline = start.advanced(by: .milliseconds(timeoutMilliseconds))
        guard writeAll(query, to: output) else {
            result.skipped = "the query could not be written"
            return result
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1024)
        while true {
            let left = clock.now.duration(to: deadline)
            guard left > .zero else { break }
            let (seconds, attoseconds) = left.components
            var descriptor = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32(seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1))
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0 else { break }
            let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if count < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            guard count > 0 else { break }
            received += buffer[0..<count]
            if TerminalReply.parse(received).replies.contains(where: { if case .primaryDeviceAttributes = $0 { true } else { false } }) {
                break
            }
        }
        let parsed = TerminalReply.parse(received)
        result.replies = parsed.replies
        result.unconsumedInput = parsed.unconsumed
        result.answered = parsed.replies.contains { if case .primaryDeviceAttributes = $0 { true } else { false } }
        let elapsed = start.duration(to: clock.now).components
        result.elapsedMilliseconds = Int(elapsed.seconds * 1000 + elapsed.attoseconds / 1_000_000_000_000_000)
        return result
    }

    /// TIOCGWINSZ on `fd`; nil when it is not a terminal.
    public static func windowSize(of fd: Int32) -> WindowSize? {
        var size = winsize()
        guard ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 else { return nil }
        return WindowSize(columns: Int(size.ws_col), rows: Int(size.ws_row),
                          pixelWidth: Int(size.ws_xpixel), pixelHeight: Int(size.ws_ypixel))
    }

    private static func writeAll(_ bytes: [UInt8], to fd: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return false }
            offset += n
        }
        return true
    }
}
