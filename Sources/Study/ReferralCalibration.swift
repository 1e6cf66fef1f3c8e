// Decision-referral thresholds for a list of targets, with what each achieves on the data it was
// set on: what `mammoterm referral calibrate` prints and a study freezes. Any [ScoredSample]
// works as input: a CSV, or the library's AI scores joined with ground truth.

public struct ReferralCalibration: Sendable, Hashable, Codable {
    public struct Entry: Sendable, Hashable, Codable {
        public var target: ReferralTarget
        public var threshold: Double
        /// The weighted sensitivity (normal triage) or specificity (safety net) at the threshold
        /// on the calibration data: at least the target.
        public var achieved: Double
        /// Weighted fraction of all exams triaged normal (normal triage) or raising the alert
        /// (safety net) on the calibration data.
        public var fractionOfExams: Double
    }

    /// t_nt per target sensitivity, in the order the targets were given.
    public var normalTriage: [Entry]
    /// t_sn per target specificity, in the order the targets were given.
    public var safetyNet: [Entry]

    /// One score for both rules (one model), the same targets for both.
    public init(samples: [ScoredSample], targets: [ReferralTarget] = ReferralTarget.standardGrid) throws {
        try self.init(normalTriageSamples: samples, safetyNetSamples: samples, normalTriageTargets: targets, safetyNetTargets: targets)
    }

    public init(normalTriageSamples: [ScoredSample], safetyNetSamples: [ScoredSample],
                normalTriageTargets: [ReferralTarget] = ReferralTarget.standardGrid,
                safetyNetTargets: [ReferralTarget] = ReferralTarget.standardGrid) throws {
        let ntTotal = normalTriageSamples.reduce(0) { $0 + $1.weight }
        normalTriage = try normalTriageTargets.map { target in
            let t = try ReferralThresholds.normalTriage(targetSensitivity: target.value, samples: normalTriageSamples)
            let kept = ConfusionMatrix(samples: normalTriageSamples, threshold: t)
            return Entry(target: target, threshold: t, achieved: kept.sensitivity ?? 0, fractionOfExams: kept.negativeCalls / ntTotal)
        }
        let snTotal = safetyNetSamples.reduce(0) { $0 + $1.weight }
        safetyNet = try safetyNetTargets.map { target in
            let t = try ReferralThresholds.safetyNet(targetSpecificity: target.value, samples: safetyNetSamples)
            var alerts = ConfusionMatrix()
            for sample in safetyNetSamples {
                alerts.add(positiveCall: sample.score > t, isCancer: sample.isCancer, weight: sample.weight)
            }
            return Entry(target: target, threshold: t, achieved: alerts.specificity ?? 0, fractionOfExams: alerts.positiveCalls / snTotal)
        }
    }

    /// The thresholds for one cell of the NT x SN grid, by target value.
    public func thresholds(normalTriageTarget: Double, safetyNetTarget: Double) -> ReferralThresholds? {
        guard let nt = normalTriage.first(where: { $0.target.value == normalTriageTarget }),
              let sn = safetyNet.first(where: { $0.target.value == safetyNetTarget }) else { return nil }
        return ReferralThresholds(normalTriage: nt.threshold, safetyNet: sn.threshold)
    }
}
