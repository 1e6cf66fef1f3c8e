// Where a window leaves one EWMA chart of its stratum (a rate across consecutive windows).

public struct ControlChartState: Sendable, Hashable, Codable {
    /// "aiPositiveRate" or "readerRecallRate".
    public var rate: String
    public var referenceRate: Double
    public var value: Double
    public var ewma: Double
    public var lower: Double
    public var upper: Double
    public var outOfControl: Bool
}
