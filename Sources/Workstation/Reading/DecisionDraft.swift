// What the reader has entered on the decision form so far, with nothing filled in for them: a
// breast's BI-RADS and the suspicion stay empty until entered, recall follows from the BI-RADS,
// and a record is made only once everything asked for is there.
import MammoCore

public struct DecisionDraft: Equatable, Sendable {
    public var right = BreastAssessment()
    public var left = BreastAssessment()
    /// 0–100; nil until the reader enters it (no silent 0).
    public var suspicion: Int?
    /// Marks placed with x. Each is recorded with the submitted suspicion: the form has no score
    /// per mark, and the value at the moment of marking was only an accident of key order.
    public var marks: [ReaderMark] = []

    public init(right: BreastAssessment = BreastAssessment(), left: BreastAssessment = BreastAssessment(), suspicion: Int? = nil,
                marks: [ReaderMark] = []) {
        self.right = right
        self.left = left
        self.suspicion = suspicion
        self.marks = marks
    }

    /// A draft holding a decision already made (the initial call, brought into the final one).
    public init(_ decision: ReaderDecision) {
        self.init(right: decision.right, left: decision.left, suspicion: decision.suspicion, marks: decision.marks)
    }

    /// Recall as the BI-RADS calls for it; nil until a breast is assessed.
    public var recall: Bool? { ReaderDecision.recall(right: right.birads, left: left.birads) }

    /// The fields still to enter, in form order, for a study showing `breasts` (both when empty).
    public func missing(breasts: Set<Side>) -> [DecisionForm.Field] {
        let asked = breasts.isEmpty ? Set(Side.allCases) : breasts
        var fields: [DecisionForm.Field] = []
        if asked.contains(.right) && right.birads == nil { fields.append(.rightBIRADS) }
        if asked.contains(.left) && left.birads == nil { fields.append(.leftBIRADS) }
        if suspicion == nil { fields.append(.suspicion) }
        return fields
    }

    /// The record, or nil while something is missing (`missing(breasts:)`).
    public func decision(breasts: Set<Side>) -> ReaderDecision? {
        guard missing(breasts: breasts).isEmpty, let suspicion, let recall else { return nil }
        let scored = marks.map { mark -> ReaderMark in
            var mark = mark
            mark.suspicion = suspicion
            return mark
        }
        return ReaderDecision(right: right, left: left, recall: recall, suspicion: suspicion, marks: scored)
    }
}
