// The worklist's date filter, typed after `d`: "2024", "2024-03", "2024-01-15",
// "2023..2024-06" (inclusive at both ends; an end may be left open: "2024-03..", "..2023").
// Compared with the study's DICOM DA text, so studies without a date never pass a range.
import Foundation
import MammoCore

public struct StudyDateRange: Hashable, Sendable {
    /// Inclusive bounds as "YYYYMMDD"; nil is open.
    public var from: String?
    public var through: String?

    public init(from: String?, through: String?) {
        self.from = from
        self.through = through
    }

    public func contains(_ studyDate: String) -> Bool {
        guard studyDate.count == 8 else { return false }
        if let from, studyDate < from { return false }
        if let through, studyDate > through { return false }
        return true
    }

    /// "2023-01-01 to 2024-06-30", "from 2024-03-01", "through 2023-12-31".
    public var label: String {
        func show(_ d: String) -> String { "\(d.prefix(4))-\(d.dropFirst(4).prefix(2))-\(d.suffix(2))" }
        switch (from, through) {
        case let (f?, t?): return f == t ? show(f) : "\(show(f)) to \(show(t))"
        case let (f?, nil): return "from \(show(f))"
        case let (nil, t?): return "through \(show(t))"
        case (nil, nil): return "any date"
        }
    }

    /// The range as DICOM range matching writes it (PS3.4 C.2.2.2.5.1): "20240105",
    /// "20230101-20240630", "20240301-", "-20231231"; for C-FIND and QIDO-RS.
    public var dicomQuery: String {
        switch (from, through) {
        case let (f?, t?): return f == t ? f : "\(f)-\(t)"
        case let (f?, nil): return "\(f)-"
        case let (nil, t?): return "-\(t)"
        case (nil, nil): return ""
        }
    }

    /// The worklist's forms, and DICOM's own ("20230101-20240630", "20240301-", "-20231231", "20240105").
    public static func parseQuery(_ text: String) throws(WorkstationError) -> StudyDateRange? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        let isDicom = parts.count <= 2 && parts.contains { $0.count == 8 } && parts.allSatisfy { $0.isEmpty || ($0.count == 8 && $0.allSatisfy(\.isNumber)) }
        guard isDicom else { return try parse(text) }
        func dashed(_ d: String) -> String { d.isEmpty ? "" : "\(d.prefix(4))-\(d.dropFirst(4).prefix(2))-\(d.suffix(2))" }
        return try parse(parts.count == 1 ? dashed(parts[0]) : "\(dashed(parts[0]))..\(dashed(parts[1]))")
    }

    /// Parses the typed text; nil for an empty text (no filter). Throws a sentence for the
    /// status line when the text is not a date or range.
    public static func parse(_ text: String) throws(WorkstationError) -> StudyDateRange? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return nil }
        let parts = trimmed.components(separatedBy: "..")
        guard parts.count <= 2 else { throw Self.error(text) }
        let start = parts[0].trimmingCharacters(in: .whitespaces)
        let end = (parts.count == 2 ? parts[1] : parts[0]).trimmingCharacters(in: .whitespaces)
        let from = try start.isEmpty ? nil : bound(start, last: false, text: text)
        let through = try end.isEmpty ? nil : bound(end, last: true, text: text)
        if from == nil && through == nil { throw Self.error(text) }
        if let from, let through, from > through {
            throw WorkstationError(reason: "the range \(PrintableText.clean(text)) ends before it starts")
        }
        return StudyDateRange(from: from, through: through)
    }

    /// "2024" → 20240101 or 20241231; "2024-03" → 20240301 or 20240331; "2024-03-05" as is.
    static func bound(_ s: String, last: Bool, text: String) throws(WorkstationError) -> String {
        let fields = s.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard (1...3).contains(fields.count), fields[0].count == 4, let year = Int(fields[0]),
              fields.dropFirst().allSatisfy({ $0.count == 2 && Int($0) != nil }) else { throw Self.error(text) }
        let month = fields.count > 1 ? Int(fields[1]) ?? 0 : (last ? 12 : 1)
        guard (1...12).contains(month) else { throw Self.error(text) }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        let day = fields.count > 2 ? Int(fields[2]) ?? 0 : (last ? days : 1)
        guard (1...days).contains(day) else { throw Self.error(text) }
        return String(format: "%04d%02d%02d", year, month, day)
    }

    static func error(_ text: String) -> WorkstationError {
        WorkstationError(reason: "\"\(PrintableText.clean(text))\" is not a date or range: type 2024, 2024-03, 2024-01-15 or 2023..2024-06")
    }
}
