// What AI output the reader could see when making a decision (recorded with every decision).

public enum AIVisibility: String, Codable, Sendable, CaseIterable {
    /// Nothing from the AI.
    case none
    /// Only the normal-triage tag (decision referral).
    case triageTag = "triage-tag"
    /// The triage tag and the safety-net alert with its region (referral, after a negative call).
    case safetyNetAlert = "safety-net-alert"
    /// Everything: score, threshold, findings, maps (concurrent, second-look after the reveal).
    case full
}
