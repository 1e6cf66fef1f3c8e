// What kind of finding a synthetic lesion is, in BI-RADS lexicon words (ground-truth "type").

public enum LesionType: String, Codable, Sendable, CaseIterable {
    case mass
    case calcificationCluster = "calcification-cluster"
}
