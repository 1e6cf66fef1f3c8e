// What kind of finding a synthetic lesion is, in BI-RADS lexicon words (ground-truth "type").
import MammoCore

public enum LesionType: String, Codable, Sendable, CaseIterable {
    case mass
    case calcificationCluster = "calcification-cluster"

    /// The same word among MammoCore's finding categories, as the ground-truth file stores it.
    public var findingCategory: FindingCategory {
        switch self {
        case .mass: .mass
        case .calcificationCluster: .calcificationCluster
        }
    }
}
