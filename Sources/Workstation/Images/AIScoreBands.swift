// How suspicious an AI mark looks on the picture, by its score against the model's operating
// points, so a faint candidate never looks like a certain one: high (solid, thick), medium
// (dashed), low (thin dots, under the listing threshold: unnumbered, not in the panel).
import MammoCore

public struct AIScoreBands: Hashable, Sendable {
    public enum Band: String, CaseIterable, Hashable, Sendable { case high, medium, low }

    /// The lesion operating point the findings list applies (the bundled model's card: 0.5 false
    /// positives per image); under it a candidate is `low`. nil: every candidate is listed.
    public var listing: Double?
    /// At or above: `high`. The bundled model's exam recall point on the raw score (one lesion
    /// that high calls the exam by itself); for other results half the scale.
    public var high: Double

    /// Half the scale: the high band for a result whose model card we do not have.
    public static let defaultHigh = 0.5

    public init(listing: Double?, high: Double? = nil) {
        self.listing = listing
        self.high = high ?? Self.defaultHigh
    }

    /// The bands of `ai`'s model from per-model ("id version") listing thresholds and high scores.
    public init(for ai: AIAnalysis?, listing: [String: Double], high: [String: Double]) {
        let model = ai.map { "\($0.model) \($0.modelVersion)" } ?? ""
        self.init(listing: listing[model], high: high[model])
    }

    public func band(_ score: Double) -> Band {
        if let listing, score < listing { return .low }
        return score >= high ? .high : .medium
    }

    /// "high ≥ 94 · medium ≥ 3 · low < 3 (unlisted)": the bands on the panel's 0–100 scale.
    public var legend: String {
        func percent(_ v: Double) -> String { String(Int((v * 100).rounded())) }
        guard let listing else { return "solid ≥ \(percent(high)) · dashed < \(percent(high))" }
        return "solid ≥ \(percent(high)) · dashed ≥ \(percent(listing)) · dotted < \(percent(listing)), unlisted"
    }
}
