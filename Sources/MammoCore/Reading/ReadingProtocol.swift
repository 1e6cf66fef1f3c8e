// How AI output may reach the reader in a reading session; the raw values are the spellings of
// `mammoterm read --protocol ...` and of the `protocol` column of read records and exports.

public enum ReadingProtocol: String, Codable, Sendable, CaseIterable, Comparable {
    /// No AI output anywhere.
    case unaided
    /// AI shown from the start.
    case concurrent
    /// The reader decides without AI, the AI is revealed, then a final decision: both recorded.
    case secondLook = "second-look"
    /// Decision referral: the normal-triage tag is visible; the safety-net alert fires only after a
    /// negative call; initial call, alert and final call are recorded.
    case referral

    /// Whether the protocol records an initial decision before the final one.
    public var hasInitialStage: Bool { self == .secondLook || self == .referral }

    public static func < (a: ReadingProtocol, b: ReadingProtocol) -> Bool {
        (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
    }
}
