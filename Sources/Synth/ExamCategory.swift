// What a synthetic screening exam contains: nothing, only benign findings, or a cancer.

public enum ExamCategory: String, Codable, Sendable, CaseIterable {
    case normal
    case benign
    case cancer
}
