// What reading an annotation file gave: the marks, each bad row with its place and reason, and the
// rows skipped on purpose (VinDr's "No Finding", duplicates, categories mammoterm does not mark).
import MammoCore

public struct AnnotationImport: Sendable {
    public var annotations: [Annotation] = []
    /// One per skipped row or entry: "findings.csv:12: annotations: xmax 40 is not right of xmin 50".
    public var problems: [StudyError] = []
    /// Rows that say there is nothing to mark (VinDr's "No Finding").
    public var noFindingRows = 0
    /// Rows identical to an earlier row of the same file (same derived id).
    public var duplicateRows = 0
    /// Findings of categories outside mammoterm's four (VinDr's "Skin Thickening", ...), by name.
    public var otherCategories: [String: Int] = [:]

    public init() {}

    /// Adds `mark` unless a mark with its id is already there (a duplicate row).
    public mutating func add(_ mark: Annotation) {
        if seen.contains(mark.id) { duplicateRows += 1; return }
        seen.insert(mark.id)
        annotations.append(mark)
    }

    private var seen: Set<String> = []

    /// One line for the summary, or nil: "2 'No Finding' rows; 3 findings of other categories (Skin Thickening 2, ...)".
    public var skippedOnPurpose: String? {
        var parts: [String] = []
        if noFindingRows > 0 { parts.append("\(noFindingRows) 'No Finding' rows") }
        if duplicateRows > 0 { parts.append("\(duplicateRows) duplicate rows") }
        if !otherCategories.isEmpty {
            let names = otherCategories.sorted { $0.key < $1.key }.map { "\(PrintableText.clean($0.key)) \($0.value)" }
            parts.append("\(otherCategories.values.reduce(0, +)) findings of categories mammoterm does not mark (\(names.joined(separator: ", ")))")
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }
}
