// One exam read under a reading protocol, as a state machine: what AI output the reader may see
// now, and what each submitted decision records (DOMAIN.md, reader studies and decision
// referral). The workstation asks it before drawing anything from the AI, so nothing leaks
// before the protocol allows it.
import MammoCore

public struct ProtocolFlow: Equatable, Sendable {
    public let readingProtocol: ReadingProtocol
    /// Referral: the exam's AI score is below the normal-triage threshold (the tag says "normal").
    public let triagedNormal: Bool
    /// Referral: the exam's AI score is above the safety-net threshold (the alert fires after a
    /// negative call).
    public let safetyNetWouldAlert: Bool
    public private(set) var stage: ReadStage
    public private(set) var alertFired = false
    public private(set) var aiRevealed = false
    public private(set) var isComplete = false
    /// The initial decision, once made (second look and referral).
    public private(set) var initial: ReaderDecision?

    public init(_ readingProtocol: ReadingProtocol, triagedNormal: Bool = false, safetyNetWouldAlert: Bool = false) {
        self.readingProtocol = readingProtocol
        self.triagedNormal = triagedNormal
        self.safetyNetWouldAlert = safetyNetWouldAlert
        stage = readingProtocol.hasInitialStage ? .initial : .final
    }

    /// What the reader may see of the AI now.
    public var visibility: AIVisibility {
        switch readingProtocol {
        case .unaided: return .none
        case .concurrent: return .full
        case .secondLook: return aiRevealed ? .full : .none
        case .referral: return alertFired ? .safetyNetAlert : .triageTag
        }
    }

    /// Whether scores, maps and AI findings may be drawn.
    public var showsFindings: Bool { visibility == .full || visibility == .safetyNetAlert }
    /// Whether the normal-triage tag may be drawn.
    public var showsTriageTag: Bool { readingProtocol == .referral }

    /// One row to write for a submitted decision.
    public struct Entry: Equatable, Sendable {
        public var stage: ReadStage
        public var visibility: AIVisibility
        public var safetyNetAlert: Bool
        public var decision: ReaderDecision

        public init(stage: ReadStage, visibility: AIVisibility, safetyNetAlert: Bool, decision: ReaderDecision) {
            self.stage = stage
            self.visibility = visibility
            self.safetyNetAlert = safetyNetAlert
            self.decision = decision
        }
    }

    /// What happens after a submission.
    public enum Next: Equatable, Sendable {
        /// The exam is read.
        case done
        /// The AI was revealed (second look): decide again.
        case revealed
        /// The safety net fired after a negative call (referral): confirm or revise.
        case alert
    }

    /// Records `decision` for the current stage; returns the rows to write (in order) and what
    /// comes next. A submission after completion records nothing.
    public mutating func submit(_ decision: ReaderDecision) -> (entries: [Entry], next: Next) {
        guard !isComplete else { return ([], .done) }
        let seen = visibility
        switch (readingProtocol, stage) {
        case (.secondLook, .initial):
            initial = decision
            stage = .final
            aiRevealed = true
            return ([Entry(stage: .initial, visibility: seen, safetyNetAlert: false, decision: decision)], .revealed)
        case (.referral, .initial):
            initial = decision
            stage = .final
            let first = Entry(stage: .initial, visibility: seen, safetyNetAlert: false, decision: decision)
            if !decision.recall && safetyNetWouldAlert {
                alertFired = true
                return ([first], .alert)
            }
            // No alert: the initial call stands as the final one; both rows keep the analysis uniform.
            isComplete = true
            return ([first, Entry(stage: .final, visibility: seen, safetyNetAlert: false, decision: decision)], .done)
        default:
            isComplete = true
            return ([Entry(stage: .final, visibility: seen, safetyNetAlert: alertFired, decision: decision)], .done)
        }
    }
}
