// A lesion's pathology when known (biopsy or follow-up), with CBIS-DDSM's names.

public enum Pathology: String, Codable, Sendable, CaseIterable {
    case malignant
    case benign
    /// CBIS-DDSM's BENIGN_WITHOUT_CALLBACK: benign, not recalled.
    case benignWithoutCallback = "benign-without-callback"

    public var label: String {
        switch self {
        case .malignant: "malignant"
        case .benign: "benign"
        case .benignWithoutCallback: "benign (no callback)"
        }
    }

    /// Reads "MALIGNANT", "benign", "BENIGN_WITHOUT_CALLBACK", "benign-without-callback".
    public init?(name: String) {
        let n = name.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "_", with: "-")
        guard let p = Pathology(rawValue: n) else { return nil }
        self = p
    }
}
