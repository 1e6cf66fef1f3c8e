// A reader's assessment of one breast: BI-RADS category and ACR density, either left open.

public struct BreastAssessment: Codable, Hashable, Sendable {
    public var birads: BIRADS?
    public var density: BreastDensity?

    public init(birads: BIRADS? = nil, density: BreastDensity? = nil) {
        self.birads = birads
        self.density = density
    }
}
