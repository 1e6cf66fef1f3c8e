// The AI's findings as the reading screen lists them: by score, highest first, across the
// study's views, with those under the model's lesion operating threshold left out and counted,
// so a list of faint candidates does not bury the few that matter.
import MammoCore

public struct AIFindingList: Hashable, Sendable {
    /// Listed, highest score first; equal scores in hanging order (RCC, LCC, RMLO, LMLO).
    public var shown: [AIFinding]
    /// Candidates under `threshold`, not listed.
    public var belowThreshold: Int
    /// The lesion score a candidate needs to be listed; nil lists every one.
    public var threshold: Double?

    /// `ai`'s findings on `views` (the study's views present).
    public init(_ ai: AIAnalysis, views: Set<ViewKey>, threshold: Double?) {
        let order = Dictionary(uniqueKeysWithValues: ViewKey.screening.enumerated().map { ($1, $0) })
        let present = ai.findings.enumerated().filter { views.contains($0.element.view) }
        let sorted = present.sorted { a, b in
            if a.element.score != b.element.score { return a.element.score > b.element.score }
            let (va, vb) = (order[a.element.view] ?? 4, order[b.element.view] ?? 4)
            return va != vb ? va < vb : a.offset < b.offset
        }.map(\.element)
        shown = threshold.map { t in sorted.filter { $0.score >= t } } ?? sorted
        belowThreshold = sorted.count - shown.count
        self.threshold = threshold
    }
}
