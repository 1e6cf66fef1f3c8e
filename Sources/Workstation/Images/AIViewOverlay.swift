// One view's share of an AI result, ready to draw: its map as probabilities over the whole
// stored image, and its lesion boxes (as marks labelled "AI 87": the score in percent).
import Foundation
import MammoCore

public struct AIViewOverlay: Sendable {
    public var heat: GrayImage<Float>?
    public var findings: [AIFinding]

    public init(heat: GrayImage<Float>?, findings: [AIFinding]) {
        self.heat = heat
        self.findings = findings
    }

    /// The boxes as marks, numbered in the result's order (what `show` counts and lists).
    public var marks: [LesionMark] {
        findings.enumerated().map { index, finding in
            LesionMark(id: "AI-\(index + 1)", label: String(format: "AI %.0f", finding.score * 100), source: .ai,
                       kind: finding.kind, score: finding.score, box: finding.box, outline: finding.box.corners)
        }
    }

    /// Per view, from a study's analysis.
    public static func split(_ analysis: AIAnalysis?) -> [ViewKey: AIViewOverlay] {
        guard let analysis else { return [:] }
        var out: [ViewKey: AIViewOverlay] = [:]
        for key in ViewKey.screening {
            let findings = analysis.findings.filter { $0.view == key }
            let heat = analysis.heatmaps.first { $0.view == key }?.image
            if heat != nil || !findings.isEmpty { out[key] = AIViewOverlay(heat: heat, findings: findings) }
        }
        return out
    }
}
