// What an import did, for the summary (counts only: no patient text) and `import --json`.
import Foundation
import MammoCore
import Store

public struct ImportTally: Sendable {
    /// One file import did not take, with its reason.
    public struct Skipped: Sendable, Codable, Equatable {
        public var path: String
        public var code: SkipReason.Code
        public var reason: String
    }

    public var seen: Int
    public var added = 0
    public var updated = 0
    public var unchanged = 0
    public var notDICOM = 0
    public var skipped = 0
    /// Stored images whose file did not decode, swapped for a copy that does.
    public var replaced = 0
    public var skippedFiles: [Skipped] = []
    /// Structured reports whose findings were stored (Mammography CAD SR), and how many findings.
    public var reports = 0
    public var reportFindings = 0
    /// Items of stored reports that were left out, "FILE: content item 1.5.2: why".
    public var reportNotes: [String] = []

    public init(seen: Int) { self.seen = seen }

    public mutating func skip(_ path: String, _ reason: SkipReason) {
        skipped += 1
        skippedFiles.append(Skipped(path: path, code: reason.code, reason: reason.text))
    }

    /// Identity and content conflicts among the skips (they need a person to decide).
    public var conflicts: Int { skippedFiles.filter(\.code.isConflict).count }

    public func summary(library: String, counts: LibraryCounts, elapsed: TimeInterval, verbose: Bool) -> String {
        let rate = elapsed > 0 ? Double(seen) / elapsed : 0
        var lines = [
            "Library: \(PrintableText.clean(library))",
            "Files seen: \(seen) in \(String(format: "%.2f", elapsed)) s (\(String(format: "%.1f", rate)) files/s)",
            "Images added: \(added), updated: \(updated), unchanged: \(unchanged)" + (replaced > 0 ? ", replaced by a copy that decodes: \(replaced)" : ""),
            "Not DICOM: \(notDICOM)" + (notDICOM > 0 && !verbose ? " (--verbose lists them)" : ""),
            "Skipped: \(skipped)" + (skipped > 0 ? " (listed on stderr)" : "") + (conflicts > 0 ? ", of which \(conflicts) conflicts" : ""),
        ]
        if reports > 0 {
            lines.insert("CAD reports: \(reports) with \(reportFindings) findings" + (reportNotes.isEmpty ? "" : " (\(reportNotes.count) items left out, listed on stderr)"), at: 3)
        }
        // By kind (each file's own words are on stderr and in --json), most frequent first.
        let kinds = Dictionary(grouping: skippedFiles, by: \.code).mapValues(\.count)
        let width = String(kinds.values.max() ?? 0).count
        for (code, count) in kinds.sorted(by: { ($1.value, $0.key.rawValue) < ($0.value, $1.key.rawValue) }) {
            let number = String(repeating: " ", count: width - String(count).count) + String(count)
            lines.append("  \(number) \(code.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0)) \(code.meaning)")
        }
        lines.append("The library holds \(counts.patients) patients, \(counts.studies) studies, \(counts.images) images.")
        return lines.joined(separator: "\n")
    }
}
