// Setting t_nt and t_sn on validation data (DOMAIN.md "Decision referral"):
//   t_nt = the largest threshold keeping weighted sensitivity, sum(w, cancer, score >= t) /
//          sum(w, cancer), at or above the target; cases below t_nt are triaged normal.
//   t_sn = the lowest threshold keeping weighted specificity, sum(w, non-cancer, score <= t) /
//          sum(w, non-cancer), at or above the target; cases above t_sn raise the alert.
// Both are found by walking the distinct scores (ties move together) from the side where the
// rate is 0 and stopping at the first score where the target is reached, so each threshold is a
// score from the data: a cancer's score for t_nt, a non-cancer's for t_sn.

extension ReferralThresholds {
    /// Relative slack for the target comparison: weights are summed in floating point, and a
    /// rate that misses the target by rounding alone (0.1 * 10 cancers) still reaches it.
    static let targetTolerance = 1e-9

    /// Both thresholds; the two scores may come from different models, hence two sample sets.
    public init(targetSensitivity: Double, targetSpecificity: Double,
                normalTriageSamples: [ScoredSample], safetyNetSamples: [ScoredSample]) throws {
        self.init(normalTriage: try Self.normalTriage(targetSensitivity: targetSensitivity, samples: normalTriageSamples),
                  safetyNet: try Self.safetyNet(targetSpecificity: targetSpecificity, samples: safetyNetSamples))
    }

    /// t_nt. Target 1.0 means no triage (DOMAIN.md): the threshold is 0, or the lowest score
    /// where the data has scores below 0, so that no case scores below it.
    public static func normalTriage(targetSensitivity target: Double, samples: [ScoredSample]) throws -> Double {
        let context = "normal-triage threshold"
        let totals = try checked(target: target, samples: samples, context: context)
        guard totals.cancers > 0 else {
            throw StudyError(context: context, reason: "no cancers (label 1) with weight > 0 among \(samples.count) cases; sensitivity is undefined")
        }
        if target == 1 { return min(0, samples.map(\.score).min() ?? 0) }
        return firstScore(reaching: target, of: totals.cancers, walking: ScoredSample.scoreGroups(samples).map { ($0.score, $0.cancers) })
    }

    /// t_sn. Target 1.0 is the highest non-cancer score: no non-cancer raises the alert.
    public static func safetyNet(targetSpecificity target: Double, samples: [ScoredSample]) throws -> Double {
        let context = "safety-net threshold"
        let totals = try checked(target: target, samples: samples, context: context)
        guard totals.nonCancers > 0 else {
            throw StudyError(context: context, reason: "no non-cancers (label 0) with weight > 0 among \(samples.count) cases; specificity is undefined")
        }
        return firstScore(reaching: target, of: totals.nonCancers, walking: ScoredSample.scoreGroups(samples).reversed().map { ($0.score, $0.nonCancers) })
    }

    private static func checked(target: Double, samples: [ScoredSample], context: String) throws -> (cancers: Double, nonCancers: Double) {
        try ReferralTarget.validate(target, context: context)
        return try ScoredSample.validate(samples, context: context)
    }

    /// The first score in walking order at which the accumulated weight reaches target x total.
    /// Some score always does: after the last group the accumulated weight is the total.
    private static func firstScore(reaching target: Double, of total: Double, walking groups: [(score: Double, weight: Double)]) -> Double {
        var kept = 0.0
        for group in groups {
            kept += group.weight
            if reaches(kept, of: total, target: target) { return group.score }
        }
        return groups.last?.score ?? 0
    }

    static func reaches(_ part: Double, of whole: Double, target: Double) -> Bool {
        part >= target * whole * (1 - targetTolerance)
    }
}
