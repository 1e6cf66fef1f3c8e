// ACR breast composition categories A (almost entirely fatty) to D (extremely dense).

public enum BreastDensity: String, Codable, Sendable, CaseIterable {
    case a = "A"
    case b = "B"
    case c = "C"
    case d = "D"

    public var meaning: String {
        switch self {
        case .a: "almost entirely fatty"
        case .b: "scattered fibroglandular density"
        case .c: "heterogeneously dense"
        case .d: "extremely dense"
        }
    }
}
