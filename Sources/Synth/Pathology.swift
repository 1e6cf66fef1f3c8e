// Ground-truth pathology of a synthetic lesion.
import MammoCore

public enum Pathology: String, Codable, Sendable, CaseIterable {
    case malignant
    case benign

    /// The same word in MammoCore's pathologies, as the ground-truth file stores it.
    public var annotationPathology: MammoCore.Pathology {
        switch self {
        case .malignant: .malignant
        case .benign: .benign
        }
    }
}
