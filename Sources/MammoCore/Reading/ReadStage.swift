// Which decision of a read a record holds: the first call (second-look, referral) or the final one.

public enum ReadStage: String, Codable, Sendable, CaseIterable {
    case initial
    case final
}
