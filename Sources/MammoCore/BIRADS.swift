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

    /// The categories a reader chooses on the decision form, in order. 4 (no subcategory) and 6
    /// stay valid for imports and records read from files, but a screening read gives neither.
    public static let readable: [BIRADS] = [.category0, .category1, .category2, .category3, .category4A, .category4B, .category4C, .category5]

    /// Whether this category calls the woman back in screening: 0 (needs more imaging) and every
    /// suspicious one. 3 does not: it asks for short-interval follow-up, which the ACR assigns after
    /// a diagnostic work-up, not as a screening recall (DOMAIN.md; some studies count >= 3).
    public var recallsInScreening: Bool {
        switch self {
        case .category1, .category2, .category3: false
        case .category0, .category4, .category4A, .category4B, .category4C, .category5, .category6: true
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
