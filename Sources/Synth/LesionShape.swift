// Shape or morphology of a synthetic lesion (ground-truth "shape"): mass shapes and margins,
// calcification morphologies.

public enum LesionShape: String, Codable, Sendable, CaseIterable {
    /// Mass, circumscribed, benign-looking.
    case round
    /// Mass, circumscribed, benign-looking.
    case oval
    /// Mass with an irregular outline and indistinct margin; suspicious.
    case irregular
    /// Mass core with radiating spicules; highly suspicious.
    case spiculated
    /// Calcifications varying in size and form, some linear; suspicious.
    case pleomorphic
    /// Calcifications, round and uniform, scattered: benign.
    case punctate
    /// Calcifications, large and dense ("popcorn"-like): benign.
    case coarse

    public var type: LesionType {
        switch self {
        case .round, .oval, .irregular, .spiculated: .mass
        case .pleomorphic, .punctate, .coarse: .calcificationCluster
        }
    }
}
