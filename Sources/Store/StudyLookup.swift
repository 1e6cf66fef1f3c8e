// Which study a typed query means: the one rule `mammoterm show`, `annotate` and the
// workstation's open-a-study share, so a study found by one is found by all.
import MammoCore

public enum StudyLookup: Equatable, Sendable {
    case found(WorklistEntry)
    case unknown
    /// More than one study fits a partial UID; `count` of them.
    case ambiguous(count: Int)

    /// A full Study Instance UID, else a patient id (that patient's latest study), else a UID
    /// prefix or suffix that only one study has (the worklist shows UID endings). Exact matches
    /// come first so a patient id that happens to end some UID still means the patient.
    public init(_ query: String, in entries: [WorklistEntry]) {
        guard !query.isEmpty else { self = .unknown; return }
        if let exact = entries.first(where: { $0.studyInstanceUID == query }) {
            self = .found(exact)
            return
        }
        if let latest = entries.filter({ $0.patientID == query })
            .max(by: { ($0.studyDate, $0.studyTime) < ($1.studyDate, $1.studyTime) }) {
            self = .found(latest)
            return
        }
        var seen = Set<String>()
        let partial = entries.filter {
            ($0.studyInstanceUID.hasPrefix(query) || $0.studyInstanceUID.hasSuffix(query)) && seen.insert($0.studyInstanceUID).inserted
        }
        switch partial.count {
        case 0: self = .unknown
        case 1: self = .found(partial[0])
        default: self = .ambiguous(count: partial.count)
        }
    }

    public var entry: WorklistEntry? {
        if case .found(let entry) = self { return entry }
        return nil
    }

    /// Why nothing was found, in a sentence naming the (printable) query; nil when found.
    public func problem(_ query: String) -> String? {
        let shown = PrintableText.clean(query)
        switch self {
        case .found: return nil
        case .unknown: return "No study \(shown) in the library (not a study UID, the start or end of one, or a patient id)"
        case .ambiguous(let count): return "\(count) studies have a UID starting or ending with \(shown): give more of it, or pick one in the worklist"
        }
    }
}
