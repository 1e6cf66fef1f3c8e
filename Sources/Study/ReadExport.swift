// Reader decisions for outside analysis (`mammoterm export ...`). Each format is documented here;
// the column and field names are a contract.
//
// reads CSV: one row per reader x case x protocol x stage (the current record of each: a revised
//   record gives way to its revision). Columns:
//   id,reader,session,studyInstanceUID,protocol,stage,aiVisibility,aiScore,aiModel,safetyNetAlert,
//   openedAt,submittedAt,readingSeconds,recall,suspicion,rightBirads,rightDensity,leftBirads,
//   leftDensity,examBirads,marks,marksJSON,revises,replaces,hash
//   booleans 0/1; empty = null; examBirads the worse breast; marks the count and marksJSON the
//   ReaderMark array ({"view","x","y","kind","suspicion"}); replaces = earlier records of the slot.
// reads iMRMC: the iMRMC input file (.imrmc): free description lines, then NR (readers), N0
//   (non-cancer cases), N1 (cancer cases), NM (modalities), a blank line, "BEGIN DATA:", then rows
//   `readerID,caseID,modalityID,score`: first one truth row per case (`truth,CASE,truth,0|1`),
//   then each reader's final suspicion (0–100) per case, modality = protocol. Case = Study
//   Instance UID. Only cases with ground truth. Commas in reader ids become "_".
// reads JSON: {"format": "mammoterm-reads", "version": 1, "canonical": "mammoterm-read-record-v1",
//   "reads": [ReadRecord]} with every record (revisions too), the fields of ReadRecord:
//   id, reader, session, studyInstanceUID, protocol, stage, aiVisibility, aiScore, aiModel,
//   safetyNetAlert, openedAt, submittedAt, readingSeconds, decision {right {birads, density},
//   left {...}, recall, suspicion, marks}, revises, previousHash, hash; and "chain" {rows,
//   lastID, lastHash, verified, problem?}: the chain's head when exported (`export reads` also
//   writes it to FILE.chain beside --out FILE, in the anchor format of Store/ChainAnchor.swift).
// truth-joined CSV: the rows of the reads CSV (current records), joined with truth and the AI:
//   reader,protocol,stage,studyInstanceUID,recall,suspicion,examBirads,readingSeconds,aiVisibility,
//   safetyNetAlert,cancer,truthBirads,density,patientAge,ageBand,aiScore,aiThreshold,aiModel,aiRecall
//   (cancer empty when no truth; aiScore here is the library's latest AI result, shown or not).
import MammoCore

public enum ReadExport {
    public static let readsCSVHeader = "id,reader,session,studyInstanceUID,protocol,stage,aiVisibility,aiScore,aiModel,safetyNetAlert,openedAt,submittedAt,readingSeconds,recall,suspicion,rightBirads,rightDensity,leftBirads,leftDensity,examBirads,marks,marksJSON,revises,replaces,hash"
    public static let truthJoinedHeader = "reader,protocol,stage,studyInstanceUID,recall,suspicion,examBirads,readingSeconds,aiVisibility,safetyNetAlert,cancer,truthBirads,density,patientAge,ageBand,aiScore,aiThreshold,aiModel,aiRecall"

    static func flag(_ value: Bool?) -> String { value.map { $0 ? "1" : "0" } ?? "" }

    public static func readsCSV(_ records: [ReadRecord]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var lines = [readsCSVHeader]
        for (r, replaces) in ReadRecord.latest(records) {
            let d = r.decision
            let marks = String(decoding: try encoder.encode(d.marks), as: UTF8.self)
            lines.append(CSVText.row([
                r.id.map(String.init) ?? "", r.reader, r.session, r.studyInstanceUID, r.readingProtocol.rawValue, r.stage.rawValue,
                r.aiVisibility.rawValue, CSVText.number(r.aiScore), r.aiModel ?? "", flag(r.safetyNetAlert), r.openedAt.text, r.submittedAt.text,
                CSVText.number(r.readingSeconds), flag(d.recall), String(d.suspicion), d.right.birads?.rawValue ?? "",
                d.right.density?.rawValue ?? "", d.left.birads?.rawValue ?? "", d.left.density?.rawValue ?? "",
                d.examBIRADS?.rawValue ?? "", String(d.marks.count), marks, r.revises.map(String.init) ?? "", String(replaces), r.hash,
            ]))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The decision chain's head at export time, as `export reads` checked it: `chain` in the
    /// JSON export (rows, lastID, lastHash of the library's chain; verified false and `problem`
    /// when the export was forced past a failed audit).
    public struct ChainFacts: Encodable, Sendable {
        public var rows: Int
        public var lastID: Int64
        public var lastHash: String
        public var verified: Bool
        public var problem: String?

        public init(rows: Int, lastID: Int64, lastHash: String, verified: Bool, problem: String?) {
            self.rows = rows
            self.lastID = lastID
            self.lastHash = lastHash
            self.verified = verified
            self.problem = problem
        }
    }

    public static func readsJSON(_ records: [ReadRecord], chain: ChainFacts? = nil) throws -> String {
        struct File: Encodable {
            var format = "mammoterm-reads"
            var version = 1
            var canonical = ReadRecord.canonicalVersion
            var reads: [ReadRecord]
            var chain: ChainFacts?
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(File(reads: records, chain: chain)), as: UTF8.self) + "\n"
    }

    /// The iMRMC input file over the final decisions with ground truth in `info`.
    public static func imrmc(_ records: [ReadRecord], info: [String: StudyCaseInfo]) -> String {
        let finals = ReadRecord.latest(records).map(\.record).filter { $0.stage == .final && info[$0.studyInstanceUID]?.truth != nil }
        func id(_ text: String) -> String { text.replacingOccurrences(of: ",", with: "_").replacingOccurrences(of: "\n", with: " ") }
        var cases: [String] = []
        for r in finals where !cases.contains(r.studyInstanceUID) { cases.append(r.studyInstanceUID) }
        let readers = Set(finals.map(\.reader)), modalities = Set(finals.map(\.readingProtocol))
        let cancers = cases.filter { info[$0]?.truth?.cancer == true }.count
        var lines = [
            "mammoterm reader study: final suspicion (0-100) per reader, case and protocol (modality)",
            "modalities: " + modalities.sorted().map(\.rawValue).joined(separator: " "),
            "",
            "NR: \(readers.count)",
            "N0: \(cases.count - cancers)",
            "N1: \(cancers)",
            "NM: \(modalities.count)",
            "",
            "BEGIN DATA:",
        ]
        for c in cases { lines.append("truth,\(id(c)),truth,\(info[c]?.truth?.cancer == true ? 1 : 0)") }
        for r in finals.sorted(by: { ($0.reader, $0.readingProtocol.rawValue, $0.id ?? 0) < ($1.reader, $1.readingProtocol.rawValue, $1.id ?? 0) }) {
            lines.append("\(id(r.reader)),\(id(r.studyInstanceUID)),\(r.readingProtocol.rawValue),\(r.decision.suspicion)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func truthJoinedCSV(_ records: [ReadRecord], info: [String: StudyCaseInfo]) -> String {
        var lines = [truthJoinedHeader]
        for (r, _) in ReadRecord.latest(records) {
            let i = info[r.studyInstanceUID] ?? StudyCaseInfo(studyInstanceUID: r.studyInstanceUID)
            lines.append(CSVText.row([
                r.reader, r.readingProtocol.rawValue, r.stage.rawValue, r.studyInstanceUID, flag(r.decision.recall),
                String(r.decision.suspicion), r.decision.examBIRADS?.rawValue ?? "", CSVText.number(r.readingSeconds),
                r.aiVisibility.rawValue, flag(r.safetyNetAlert), flag(i.truth?.cancer), i.truth?.birads?.rawValue ?? "",
                i.truth?.density?.rawValue ?? "", i.patientAge.map(String.init) ?? "", i.ageBand ?? "",
                CSVText.number(i.aiScore), CSVText.number(i.aiThreshold), i.aiModel ?? "", flag(i.aiRecall),
            ]))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
