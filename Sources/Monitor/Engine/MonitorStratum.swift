// The dimensions a monitor splits exams by; several combine ("site=A,view=RCC").

public enum MonitorStratum: String, Sendable, Hashable, Codable, CaseIterable {
    case site
    case device
    /// Each view becomes its own unit with its own score and inputs.
    case view
    /// Bands "<40", "40-49", "50-59", "60-69", "70+", "unknown".
    case age
    case density

    public static func ageBand(_ age: Int?) -> String {
        guard let age else { return "unknown" }
        switch age {
        case ..<40: return "<40"
        case 40..<50: return "40-49"
        case 50..<60: return "50-59"
        case 60..<70: return "60-69"
        default: return "70+"
        }
    }
}
