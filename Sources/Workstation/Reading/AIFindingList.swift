// The AI's findings as the reading screen lists them: in the one reading order every output uses
// (NumberedAIFinding: by score, highest first, across the study's views) and with its numbers,
// with those under the model's lesion operating threshold left out and counted, so a list of
// faint candidates does not bury the few that matter.
import MammoCore

public struct AIFindingList: Hashable, Sendable {
    /// Listed, in reading order, each with the number `findings` and the picture's marks give it.
    public var shown: [NumberedAIFinding]
    /// Candidates under `threshold`, not listed.
    public var belowThreshold: Int
    /// The lesion score a candidate needs to be listed; nil lists every one.
    public var threshold: Double?

    /// `ai`'s findings on `views` (the study's views present).
    public init(_ ai: AIAnalysis, views: Set<ViewKey>, threshold: Double?) {
        let present = ai.numberedFindings.filter { views.contains($0.finding.view) }
        shown = threshold.map { t in present.filter { $0.finding.score >= t } } ?? present
        belowThreshold = present.count - shown.count
        self.threshold = threshold
    }
}
