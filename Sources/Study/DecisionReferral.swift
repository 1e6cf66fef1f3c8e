// The decision-referral simulation (Leibig et al. 2022): each exam takes one route —
//   1. normal triage: score_nt < t_nt → negative, whatever the reader said (the AI decides);
//   2. safety net: the reader called it negative and score_sn > t_sn → the alert fires and the
//      exam becomes positive (the simulation assumes the reader accepts the alert);
//   3. otherwise the reader's own call.
// Triage comes first: a triaged exam is never read, so there is no negative call for the safety
// net to overturn (both can apply only when t_sn < t_nt). A reader's recall stands with or
// without an alert, so the alert is counted only where it changes the call.

public enum DecisionReferral {
    public enum Route: String, Sendable, Hashable, Codable, CaseIterable {
        case triagedNormal, safetyNetAlert, reader
    }

    public static func route(_ exam: ReferralCase, thresholds: ReferralThresholds) -> Route {
        if thresholds.isTriagedNormal(normalTriageScore: exam.normalTriageScore) { return .triagedNormal }
        if !exam.readerRecall && thresholds.isSafetyNetAlert(safetyNetScore: exam.safetyNetScore) { return .safetyNetAlert }
        return .reader
    }

    /// The combined system's recall call for one exam.
    public static func recall(_ exam: ReferralCase, thresholds: ReferralThresholds) -> Bool {
        recall(exam, route: route(exam, thresholds: thresholds))
    }

    static func recall(_ exam: ReferralCase, route: Route) -> Bool {
        switch route {
        case .triagedNormal: false
        case .safetyNetAlert: true
        case .reader: exam.readerRecall
        }
    }

    /// The combined system against the reader alone on the same exams.
    public static func simulate(_ exams: [ReferralCase], thresholds: ReferralThresholds) throws -> ReferralOutcome {
        var outcome = ReferralOutcome(thresholds: thresholds)
        var total = 0.0, triaged = 0.0, alerted = 0.0
        for (index, exam) in exams.enumerated() {
            guard exam.weight.isFinite, exam.weight >= 0 else {
                throw StudyError(context: "decision referral", reason: "case \(index + 1) has weight \(exam.weight); weights must be finite and >= 0")
            }
            guard exam.normalTriageScore.isFinite, exam.safetyNetScore.isFinite else {
                throw StudyError(context: "decision referral", reason: "case \(index + 1) has a score that is not a finite number")
            }
            let route = route(exam, thresholds: thresholds)
            total += exam.weight
            if route == .triagedNormal { triaged += exam.weight }
            if route == .safetyNetAlert { alerted += exam.weight }
            outcome.combined.add(positiveCall: recall(exam, route: route), isCancer: exam.isCancer, weight: exam.weight)
            outcome.readerAlone.add(positiveCall: exam.readerRecall, isCancer: exam.isCancer, weight: exam.weight)
        }
        guard total > 0 else { throw StudyError(context: "decision referral", reason: "no cases with weight > 0") }
        outcome.fractionTriagedNormal = triaged / total
        outcome.fractionSafetyNetAlerts = alerted / total
        return outcome
    }
}
