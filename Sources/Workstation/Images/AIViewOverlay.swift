// One view's share of an AI result, ready to draw: its map as probabilities over the whole
// stored image, and its lesion boxes.
import MammoCore

public struct AIViewOverlay: Sendable {
    public var heat: GrayImage<Float>?
    public var findings: [AIFinding]

    public init(heat: GrayImage<Float>?, findings: [AIFinding]) {
        self.heat = heat
        self.findings = findings
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
