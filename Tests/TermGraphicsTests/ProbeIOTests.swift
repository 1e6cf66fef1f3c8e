// The probe's I/O routine against a pseudo-terminal the test drives as the terminal: replies
// collected, typed keys kept, the terminal's settings restored, silence cut off in time, and
// nothing sent when stdin/stdout are not terminals.
import Foundation
import Testing
@testable import TermGraphics
#if canImport(Glibc)
import Glibc
#endif

#if os(Linux)
@Suite("Terminal probing: the I/O routine on a pseudo-terminal", .serialized)
struct ProbeIOTests {
    /// A pty pair: the code under test uses the slave like a terminal; the test reads what it
    /// sent and answers on the master.
    final class PseudoTerminal: @unchecked Sendable {
        let master: Int32, slave: Int32
        private let lock = NSLock()
        private var _received: [UInt8] = []
        var received: [UInt8] { lock.lock(); defer { lock.unlock() }; return _received }

        init?() {
            // posix_openpt, unlockpt and ptsname are hidden from Swift by glibc's feature macros;
            // these are the Linux calls behind them (TIOCSPTLCK unlocks, TIOCGPTN names /dev/pts/N).
            master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
            var unlock: Int32 = 0, number: UInt32 = 0
            guard master >= 0 else { return nil }
            guard ioctl(master, 0x4004_5431, &unlock) == 0, ioctl(master, 0x8004_5430, &number) == 0 else {
                close(master); return nil
            }
            slave = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
            guard slave >= 0 else { close(master); return nil }
        }

        deinit { close(slave); close(master) }

        /// Plays the terminal: reads until the DA1 query arrives, then sends `reply`.
        func answer(with reply: [UInt8]) {
            Thread.detachNewThread { [self] in
                var buffer = [UInt8](repeating: 0, count: 256)
                while true {
                    let n = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
                    guard n > 0 else { return }
                    lock.lock(); _received += buffer[0..<n]; let done = _received.suffix(3).elementsEqual(Array("\u{1B}[c".utf8)); lock.unlock()
                    if done { break }
                }
                _ = reply.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
            }
        }

        var localFlags: tcflag_t {
            var t = termios()
            _ = tcgetattr(slave, &t)
            return t.c_lflag
        }
    }

    @Test func repliesAreCollectedAndTheTerminalRestored() throws {
        let pty = try #require(PseudoTerminal())
        let before = pty.localFlags
        #expect(before & tcflag_t(ECHO) != 0, "a fresh pty echoes")
        pty.answer(with: Array("k".utf8) + (try Fixtures.bytes("replies/xterm-379-vt340-256.bin")))
        let result = TerminalProbe.run(timeoutMilliseconds: 5000, input: pty.slave, output: pty.slave)
        #expect(result.skipped == nil && result.answered)
        #expect(result.replies.count == 5)
        #expect(result.unconsumedInput == Array("k".utf8))
        #expect(result.elapsedMilliseconds < 5000, "stops at the DA1 reply, not at the timeout")
        #expect(pty.received == TerminalProbe.query, "one burst, DA1 last")
        #expect(pty.localFlags == before, "raw mode undone")
    }

    @Test func silenceIsCutOffAtTheTimeout() throws {
        let pty = try #require(PseudoTerminal())
        let before = pty.localFlags
        let result = TerminalProbe.run(timeoutMilliseconds: 150, input: pty.slave, output: pty.slave)
        #expect(!result.answered && result.replies.isEmpty && result.skipped == nil)
        #expect(result.elapsedMilliseconds >= 140 && result.elapsedMilliseconds < 2000, "\(result.elapsedMilliseconds) ms")
        #expect(pty.localFlags == before)
        #expect(chooseGraphics(TerminalCapabilities(environment: ["TERM": "xterm"], replies: result.replies)).mode == .braille)
    }

    @Test func nothingIsSentWithoutATerminal() {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]); close(fds[1]) }
        let result = TerminalProbe.run(timeoutMilliseconds: 100, input: fds[0], output: fds[1])
        #expect(result.skipped != nil && !result.answered)
        var probe = pollfd(fd: fds[0], events: Int16(POLLIN), revents: 0)
        #expect(poll(&probe, 1, 0) == 0, "no query written to a pipe")
        var caps = TerminalCapabilities(environment: ["TERM": "xterm-256color"], replies: result.replies)
        caps.probeSkipped = result.skipped
        #expect(chooseGraphics(caps).reason.contains("not probed"))
    }
}
#endif
