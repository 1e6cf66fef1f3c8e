// One view of a monitored exam: its label, the AI's view score and the input statistics of its pixels.

public struct ViewObservation: Sendable, Hashable, Codable {
    /// "RCC", "LCC", "RMLO", "LMLO".
    public var view: String
    public var score: Double
    /// "p05" "p50" "p95" (0–1 by bit depth), "noise", "breastAreaMM2", "spacingMM", ...; any may be missing.
    public var inputs: InputValues

    public init(view: String, score: Double, inputs: InputValues) {
        self.view = view
        self.score = score
        self.inputs = inputs
    }

    public init(view: String, score: Double, inputs: [String: Double]) {
        self.init(view: view, score: score, inputs: InputValues(inputs))
    }
}
