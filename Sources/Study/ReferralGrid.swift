// The NT x SN decision-referral grid: calibrated thresholds (set on validation data and frozen)
// applied to the exams under study, one outcome per pair of targets.

public struct ReferralGrid: Sendable, Hashable, Codable {
    public struct Cell: Sendable, Hashable, Codable {
        public var normalTriageTarget: ReferralTarget
        public var safetyNetTarget: ReferralTarget
        public var outcome: ReferralOutcome
    }

    /// Normal-triage target major: all safety-net targets for the first NT target, then the next.
    public var cells: [Cell]

    public init(exams: [ReferralCase], calibration: ReferralCalibration) throws {
        cells = try calibration.normalTriage.flatMap { nt in
            try calibration.safetyNet.map { sn in
                Cell(normalTriageTarget: nt.target, safetyNetTarget: sn.target,
                     outcome: try DecisionReferral.simulate(exams, thresholds: ReferralThresholds(normalTriage: nt.threshold, safetyNet: sn.threshold)))
            }
        }
    }

    public func cell(normalTriageTarget: Double, safetyNetTarget: Double) -> Cell? {
        cells.first { $0.normalTriageTarget.value == normalTriageTarget && $0.safetyNetTarget.value == safetyNetTarget }
    }
}
