// A finding's BI-RADS as the datasets write it: VinDr "BI-RADS 4", CBIS-DDSM "4", ours "4B".
// Both datasets use a plain 4, which mammoterm's BIRADS cannot hold without inventing a
// subcategory: such a mark gets no BI-RADS and the note "BI-RADS 4" instead.
import MammoCore

public enum FindingAssessment {
    public static let plainFourNote = "BI-RADS 4"

    /// Parses "", "BI-RADS 3", "4", "4A", "bi-rads 5": nil when empty; plain 4 gives nil with the note.
    public static func parse(_ text: String) -> Result<(birads: BIRADS?, note: String?), AnnotationError> {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.isEmpty { return .success((nil, nil)) }
        if let b = BIRADS(text: t) { return .success((b, nil)) }
        let bare = t.uppercased().replacingOccurrences(of: "BI-RADS", with: "").replacingOccurrences(of: "BIRADS", with: "")
            .trimmingCharacters(in: .whitespaces)
        if bare == "4" { return .success((nil, plainFourNote)) }
        return .failure(AnnotationError(field: "BI-RADS", reason: "\"\(PrintableText.clean(t))\" is not 0-6 (4A/4B/4C)"))
    }

    /// VinDr's spelling: "BI-RADS 4" for 4A, 4B and 4C (VinDr has no subcategories), "" when unknown.
    /// A mark imported with the plain-4 note writes "BI-RADS 4" again.
    public static func vindrText(_ birads: BIRADS?, note: String = "") -> String {
        guard let birads else { return note == plainFourNote ? "BI-RADS 4" : "" }
        switch birads {
        case .category4A, .category4B, .category4C: return "BI-RADS 4"
        default: return "BI-RADS \(birads.rawValue)"
        }
    }
}
