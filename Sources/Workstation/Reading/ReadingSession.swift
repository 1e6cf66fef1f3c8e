// The reading session the workstation runs under: its protocol (what AI output readers may see
// and when), its id in the records, and for decision referral the frozen thresholds.
import Foundation
import MammoCore
import Store
import Study

public struct ReadingSession: Equatable, Sendable {
    public var readingProtocol: ReadingProtocol
    /// Recorded with every decision of the session.
    public var id: String
    /// Referral: normal triage below `normalTriage`, safety net above `safetyNet` (exam scores).
    public var normalTriage: Double?
    public var safetyNet: Double?
    /// Whether synthetic ground truth may be shown (`o`, the findings panel): in the plain
    /// workstation, for demonstration; never in a reading session (`mammoterm read`), where it
    /// would give the answer away.
    public var showsTruth: Bool

    public init(readingProtocol: ReadingProtocol = .concurrent, id: String = UUID().uuidString,
                normalTriage: Double? = nil, safetyNet: Double? = nil, showsTruth: Bool = true) {
        self.showsTruth = showsTruth
        self.readingProtocol = readingProtocol
        self.id = id
        self.normalTriage = normalTriage
        self.safetyNet = safetyNet
    }

    /// A new exam's protocol state, from its AI result.
    public func flow(for ai: AIAnalysis?) -> ProtocolFlow {
        guard readingProtocol == .referral, let score = ai?.examScore else { return ProtocolFlow(readingProtocol) }
        return ProtocolFlow(.referral, triagedNormal: normalTriage.map { score < $0 } ?? false,
                            safetyNetWouldAlert: safetyNet.map { score > $0 } ?? false)
    }

    /// What the worklist's AI column may show for an exam before it is read: the score under
    /// concurrent reading, the normal-triage tag under referral, nothing otherwise.
    public func worklistLabel(_ ai: AISummary?) -> String {
        guard let ai else { return "" }
        switch readingProtocol {
        case .concurrent: return AISummary.shortLabel(ai)
        case .referral: return normalTriage.map { ai.score < $0 ? "normal" : "" } ?? ""
        case .unaided, .secondLook: return ""
        }
    }

    /// Referral thresholds for the library's AI model at the given sensitivity (normal triage)
    /// and specificity (safety net) targets: the frozen ones when this model and these targets
    /// were calibrated before, else calibrated now on the AI scores of studies with ground truth
    /// and frozen (DOMAIN.md: set on validation data, then fixed for the study).
    public static func referralThresholds(library: Database, normalTriageTarget: Double, safetyNetTarget: Double)
        throws -> StoredReferralThresholds {
        let entries = try library.worklist()
        let models = Dictionary(grouping: entries.compactMap { $0.ai?.model }, by: { $0 })
        guard let model = models.max(by: { $0.value.count < $1.value.count })?.key else {
            throw WorkstationError(reason: "referral needs AI results: run `mammoterm analyze --all` first")
        }
        if let frozen = try library.referralThresholds(model: model, ntTarget: normalTriageTarget, snTarget: safetyNetTarget) {
            return frozen
        }
        let scored = try validationSamples(library: library, model: model)
        let targets = [ReferralTarget(normalTriageTarget), ReferralTarget(safetyNetTarget)]
        let calibration = try ReferralCalibration(samples: scored, targets: targets)
        guard let t = calibration.thresholds(normalTriageTarget: normalTriageTarget, safetyNetTarget: safetyNetTarget) else {
            throw WorkstationError(reason: "no referral thresholds at \(normalTriageTarget) / \(safetyNetTarget)")
        }
        return try library.freezeReferralThresholds(StoredReferralThresholds(
            model: model, ntTarget: normalTriageTarget, snTarget: safetyNetTarget, normalTriage: t.normalTriage, safetyNet: t.safetyNet,
            cases: scored.count, createdAt: .now))
    }

    /// The latest AI exam score of every analysed study with ground truth (of `model` only, when
    /// given): the validation set referral thresholds are calibrated on. Throws unless it holds
    /// cancers and non-cancers.
    /// Current exams only unless `includePriors`: a study that is another's prior is not a screening case
    /// of its own here (counting them moved the thresholds: 156 cases instead of 120, while the model's
    /// metrics count current exams).
    public static func validationSamples(library: Database, model: String? = nil, includePriors: Bool = false) throws -> [ScoredSample] {
        let truths = try library.truths()
        let entries = try library.worklist()
        let priors = includePriors ? [] : Set(entries.compactMap(\.priorStudyInstanceUID))
        let scored = entries.compactMap { entry -> ScoredSample? in
            guard !priors.contains(entry.studyInstanceUID), let ai = entry.ai, model == nil || ai.model == model,
                  let truth = truths[entry.studyInstanceUID] else { return nil }
            return ScoredSample(score: ai.score, isCancer: truth.cancer)
        }
        guard scored.contains(where: \.isCancer), scored.contains(where: { !$0.isCancer }) else {
            throw WorkstationError(reason: "referral thresholds need analysed studies with ground truth, cancers and non-cancers: run `mammoterm analyze --all` and `mammoterm truth import FILE` (\(scored.count) usable now)")
        }
        return scored
    }
}
