// What one terminal probe found: the replies, whether the terminal answered, and the bytes
// that were keys rather than replies.

/// What one probe found.
public struct ProbeResult: Hashable, Sendable {
    public var replies: [TerminalReply] = []
    /// The DA1 reply arrived (sent last, so every earlier reply had arrived too).
    public var answered = false
    /// Bytes that were not replies: keys the user typed meanwhile. Hand them to the input loop.
    public var unconsumedInput: [UInt8] = []
    public var windowSize: WindowSize?
    /// Why nothing was sent, when nothing was.
    public var skipped: String?
    public var elapsedMilliseconds = 0
}
