// BI-RADS assessment categories (ACR BI-RADS Atlas, 5th edition).

public enum BIRADS: String, Codable, Sendable, CaseIterable, Comparable {
    case category0 = "0"
    case category1 = "1"
    case category2 = "2"
    case category3 = "3"
    /// Suspicious without a subcategory: the atlas allows it, and VinDr-Mammo and CBIS-DDSM only use it.
    case category4 = "4"
    case category4A = "4A"
    case category4B = "4B"
    case category4C = "4C"
    case category5 = "5"
    case category6 = "6"

    public var meaning: String {
        switch self {
        case .category0: "incomplete: needs additional imaging"
        case .category1: "negative"
        case .category2: "benign"
        case .category3: "probably benign (<=2% malignant)"
        case .category4: "suspicious (2-95%)"
        case .category4A: "low suspicion (2-10%)"
        case .category4B: "moderate suspicion (10-50%)"
        case .category4C: "high suspicion (50-95%)"
        case .category5: "highly suggestive of malignancy (>=95%)"
        case .category6: "known biopsy-proven malignancy"
        }
    }

    /// Parses "4A", "BI-RADS 4a", "birads 5".
    public init?(text: String) {
        var t = text.uppercased().replacingOccurrences(of: "BI-RADS", with: "").replacingOccurrences(of: "BIRADS", with: "")
        t = t.trimmingCharacters(in: .whitespaces)
        guard let c = BIRADS(rawValue: t) else { return nil }
        self = c
    }

    public static func < (a: BIRADS, b: BIRADS) -> Bool {
        (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
    }
}
