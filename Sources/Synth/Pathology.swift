// Ground-truth pathology of a synthetic lesion.

public enum Pathology: String, Codable, Sendable, CaseIterable {
    case malignant
    case benign
}
