// The one order AI lesions are listed and numbered in everywhere: the reading screen's panel and
// the numbers on its marks, `findings` (table and JSON) and `show`. Highest score first; equal
// scores in hanging order (RCC, LCC, RMLO, LMLO), then by the box's centre top to bottom, left
// to right, then as stored, so the same result always numbers the same way.

public struct NumberedAIFinding: Hashable, Sendable {
    /// 1-based, in reading order over the whole result (every view, every score).
    public var number: Int
    public var finding: AIFinding

    public init(number: Int, finding: AIFinding) {
        self.number = number
        self.finding = finding
    }

    /// `findings` sorted by the rule above and numbered from 1.
    public static func inReadingOrder(_ findings: [AIFinding]) -> [NumberedAIFinding] {
        let hanging = Dictionary(uniqueKeysWithValues: ViewKey.screening.enumerated().map { ($1, $0) })
        let sorted = findings.enumerated().sorted { a, b in
            let (fa, fb) = (a.element, b.element)
            if fa.score != fb.score { return fa.score > fb.score }
            let (va, vb) = (hanging[fa.view] ?? hanging.count, hanging[fb.view] ?? hanging.count)
            if va != vb { return va < vb }
            let (ca, cb) = (fa.box.center, fb.box.center)
            if ca.y != cb.y { return ca.y < cb.y }
            if ca.x != cb.x { return ca.x < cb.x }
            return a.offset < b.offset
        }
        return sorted.enumerated().map { NumberedAIFinding(number: $0.offset + 1, finding: $0.element.element) }
    }
}

extension AIAnalysis {
    /// The result's lesions in reading order with their numbers (NumberedAIFinding).
    public var numberedFindings: [NumberedAIFinding] { NumberedAIFinding.inReadingOrder(findings) }
}
