// What an import did, for the summary (counts only: no patient text).
import Foundation
import MammoCore
import Store

public struct ImportTally: Sendable {
    public var seen: Int
    public var added = 0
    public var updated = 0
    public var unchanged = 0
    public var notDICOM = 0
    public var skipped = 0
    public var reasons: [String: Int] = [:]

    public init(seen: Int) { self.seen = seen }

    public mutating func skip(reason: String) {
        skipped += 1
        reasons[reason, default: 0] += 1
    }

    public func summary(library: String, counts: LibraryCounts, elapsed: TimeInterval, verbose: Bool) -> String {
        let rate = elapsed > 0 ? Double(seen) / elapsed : 0
        var lines = [
            "Library: \(PrintableText.clean(library))",
            "Files seen: \(seen) in \(String(format: "%.2f", elapsed)) s (\(String(format: "%.1f", rate)) files/s)",
            "Images added: \(added), updated: \(updated), unchanged: \(unchanged)",
            "Not DICOM: \(notDICOM)" + (notDICOM > 0 && !verbose ? " (--verbose lists them)" : ""),
            "Skipped: \(skipped)" + (skipped > 0 ? " (listed on stderr)" : ""),
        ]
        for (reason, count) in reasons.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) {
            lines.append("  \(count) x \(PrintableText.clean(reason))")
        }
        lines.append("The library holds \(counts.patients) patients, \(counts.studies) studies, \(counts.images) images.")
        return lines.joined(separator: "\n")
    }
}
