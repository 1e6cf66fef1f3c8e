// What a reader decided on one exam: per-breast assessment, the recall call, a 0–100 suspicion
// score (the continuous score ROC analysis uses) and optional lesion marks.

public struct ReaderDecision: Codable, Hashable, Sendable {
    public var right: BreastAssessment
    public var left: BreastAssessment
    /// The binary call: recall for further work-up.
    public var recall: Bool
    /// 0 (surely normal) – 100 (surely cancer).
    public var suspicion: Int
    public var marks: [ReaderMark]

    public init(right: BreastAssessment = BreastAssessment(), left: BreastAssessment = BreastAssessment(),
                recall: Bool, suspicion: Int, marks: [ReaderMark] = []) {
        self.right = right
        self.left = left
        self.recall = recall
        self.suspicion = suspicion
        self.marks = marks
    }

    /// Throws on a suspicion outside 0–100 or a bad mark.
    public func validate() throws(ReadingError) {
        guard (0...100).contains(suspicion) else {
            throw ReadingError(field: "decision.suspicion", reason: "\(suspicion) is outside 0–100")
        }
        for (index, mark) in marks.enumerated() { try mark.validate(field: "decision.marks[\(index)]") }
    }

    /// The recall the BI-RADS calls for: any breast 0, 4, 4A–4C, 5 or 6 recalls, both 1–3 do not; nil
    /// while no breast is assessed. The form sets `recall` from this, so a record cannot say
    /// "BI-RADS 1 both sides, recall yes"; records read from files are kept as they are.
    public var recallFromBIRADS: Bool? { Self.recall(right: right.birads, left: left.birads) }

    /// The recall two breasts' BI-RADS call for (see `recallFromBIRADS`).
    public static func recall(right: BIRADS?, left: BIRADS?) -> Bool? {
        let assessed = [right, left].compactMap { $0 }
        return assessed.isEmpty ? nil : assessed.contains { $0.recallsInScreening }
    }

    /// The worse of the two breasts' BI-RADS, nil when neither was assessed.
    public var examBIRADS: BIRADS? {
        switch (right.birads, left.birads) {
        case let (r?, l?): max(r, l)
        case let (r, l): r ?? l
        }
    }
}
