// A finding's BI-RADS as the datasets write it: VinDr "BI-RADS 4", CBIS-DDSM "4", ours "4B"
// (plain 4 is BIRADS.category4).
import MammoCore

public enum FindingAssessment {
    /// Parses "", "BI-RADS 3", "4", "4A", "bi-rads 5": nil when empty. (`note` is always nil now that
    /// BIRADS holds a plain 4; kept so callers need not change.)
    public static func parse(_ text: String) -> Result<(birads: BIRADS?, note: String?), AnnotationError> {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.isEmpty { return .success((nil, nil)) }
        if let b = BIRADS(text: t) { return .success((b, nil)) }
        return .failure(AnnotationError(field: "BI-RADS", reason: "\"\(PrintableText.clean(t))\" is not 0-6 (4, 4A, 4B, 4C)"))
    }

    /// VinDr's spelling: "BI-RADS 4" for 4, 4A, 4B and 4C (VinDr has no subcategories), "" when unknown.
    public static func vindrText(_ birads: BIRADS?) -> String {
        guard let birads else { return "" }
        switch birads {
        case .category4, .category4A, .category4B, .category4C: return "BI-RADS 4"
        default: return "BI-RADS \(birads.rawValue)"
        }
    }
}
