// The command line's spellings of a design: `--washout 28d`, `--arms unaided,second-look`,
// `--readers a,b,c`, and a `--cases` file; and the washout written back the same way.
import Foundation
import MammoCore

extension ReaderStudyDesign {
    /// Seconds per unit of a washout text.
    static let washoutUnits: [(suffix: Character, seconds: Double)] = [("w", 604_800), ("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)]

    /// "28d", "12h", "90m", "30s", "2w", "1.5d" or "0" in seconds. A number without a unit is refused
    /// (except 0): "28" could mean days or seconds.
    public static func washoutSeconds(_ text: String) throws(StudyError) -> Double {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        func failure() -> StudyError {
            StudyError(context: "washout", reason: "\"\(PrintableText.clean(text))\" is not a duration such as 28d, 12h, 90m, 30s, 2w or 0")
        }
        if let zero = Double(trimmed), zero == 0 { return 0 }
        guard let unit = trimmed.last, let seconds = washoutUnits.first(where: { $0.suffix == unit })?.seconds,
              let value = Double(trimmed.dropLast()), value.isFinite, value >= 0,
              // Double("") is nil, but "+5d" or "5e1d" would parse: only plain digits and one point.
              trimmed.dropLast().allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) else { throw failure() }
        return value * seconds
    }

    /// The washout the way `--washout` takes it: the largest of d, h, m, s that divides it ("28d",
    /// "36h", "90m"), else seconds ("1.5s"); "0" for none. Never weeks: studies speak of days.
    public static func washoutText(_ seconds: Double) -> String {
        guard seconds > 0 else { return "0" }
        for unit in washoutUnits where unit.suffix != "w" && seconds >= unit.seconds && (seconds / unit.seconds).rounded() == seconds / unit.seconds {
            return "\(Int(seconds / unit.seconds))\(unit.suffix)"
        }
        return "\(seconds)s"
    }

    public var washoutText: String { Self.washoutText(washoutSeconds) }

    /// "unaided,second-look" as arms, in order; throws on an unknown name (listing the known ones),
    /// a repeated one, or fewer than 2.
    public static func arms(_ text: String) throws(StudyError) -> [ReadingProtocol] {
        var arms: [ReadingProtocol] = []
        for name in list(text) {
            guard let arm = ReadingProtocol(rawValue: name.lowercased()) else {
                throw StudyError(context: "arms", reason: "\"\(PrintableText.clean(name))\" is not a reading protocol; use \(ReadingProtocol.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard !arms.contains(arm) else { throw StudyError(context: "arms", reason: "\(arm.rawValue) is listed twice") }
            arms.append(arm)
        }
        guard arms.count >= 2 else {
            throw StudyError(context: "arms", reason: "\"\(PrintableText.clean(text))\" names \(arms.count) arm(s); a reader study compares at least 2, e.g. unaided,second-look")
        }
        return arms
    }

    /// A comma-separated list (`--readers a,b,c`): items trimmed, empty items dropped.
    public static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// A `--cases` file: one StudyInstanceUID per line, the first comma-separated field of each line
    /// (so a CSV's first column works); blank lines and lines starting with # are skipped, and a
    /// first line that is not a UID (a CSV header such as "studyInstanceUID") too.
    public static func caseList(_ text: String) -> [String] {
        var uids: [String] = []
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let first = trimmed.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false).first.map {
                $0.trimmingCharacters(in: CharacterSet(charactersIn: " \"")) } ?? ""
            if uids.isEmpty && !first.allSatisfy({ $0.isNumber || $0 == "." }) && first.lowercased().contains("uid") { continue }
            if !first.isEmpty { uids.append(first) }
        }
        return uids
    }
}
