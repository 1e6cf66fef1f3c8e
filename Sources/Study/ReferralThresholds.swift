// The frozen pair of decision-referral thresholds and the two rules that apply them
// (DOMAIN.md, after Leibig et al. 2022): strict inequalities on both sides, so each threshold is
// a score from the calibration data and a case scoring exactly at it is referred to the reader.

public struct ReferralThresholds: Sendable, Hashable, Codable {
    /// t_nt: exams scoring below it are triaged as AI-normal.
    public var normalTriage: Double
    /// t_sn: exams scoring above it raise the safety-net alert.
    public var safetyNet: Double

    public init(normalTriage: Double, safetyNet: Double) {
        self.normalTriage = normalTriage
        self.safetyNet = safetyNet
    }

    /// Normal triage: score_nt < t_nt.
    public func isTriagedNormal(normalTriageScore score: Double) -> Bool { score < normalTriage }

    /// Safety net: score_sn > t_sn.
    public func isSafetyNetAlert(safetyNetScore score: Double) -> Bool { score > safetyNet }
}
