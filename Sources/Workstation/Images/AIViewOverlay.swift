// One view's share of an AI result, ready to draw: its map as probabilities over the whole
// stored image, and its lesion boxes with their reading-order numbers (NumberedAIFinding, the
// numbers the findings panel and `findings` give them) and score bands.
import Foundation
import MammoCore

public struct AIViewOverlay: Sendable {
    public var heat: GrayImage<Float>?
    /// This view's findings, numbered over the whole result.
    public var findings: [NumberedAIFinding]
    public var bands: AIScoreBands

    public init(heat: GrayImage<Float>?, findings: [NumberedAIFinding], bands: AIScoreBands = AIScoreBands(listing: nil)) {
        self.heat = heat
        self.findings = findings
        self.bands = bands
    }

    /// The boxes as marks ("AI-3", labelled "AI 87": the score in percent), as `show` counts and lists them.
    public var marks: [LesionMark] {
        findings.map { n in
            LesionMark(id: "AI-\(n.number)", label: String(format: "AI %.0f", n.finding.score * 100), source: .ai,
                       kind: n.finding.kind, score: n.finding.score, box: n.finding.box, outline: n.finding.box.corners)
        }
    }

    /// The number drawn beside a box: its row in the findings panel; nil for a candidate under
    /// the listing threshold (a low-band box, not listed, so it carries no number).
    public func label(_ n: NumberedAIFinding) -> Int? {
        bands.band(n.finding.score) == .low ? nil : n.number
    }

    /// Per view, from a study's analysis.
    public static func split(_ analysis: AIAnalysis?, bands: AIScoreBands = AIScoreBands(listing: nil)) -> [ViewKey: AIViewOverlay] {
        guard let analysis else { return [:] }
        let numbered = analysis.numberedFindings
        var out: [ViewKey: AIViewOverlay] = [:]
        for key in ViewKey.screening {
            let findings = numbered.filter { $0.finding.view == key }
            let heat = analysis.heatmaps.first { $0.view == key }?.image
            if heat != nil || !findings.isEmpty { out[key] = AIViewOverlay(heat: heat, findings: findings, bands: bands) }
        }
        return out
    }
}
