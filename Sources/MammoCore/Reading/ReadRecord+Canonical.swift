// The canonical serialisation a read record's hash is computed over. This comment is its
// documentation; an outside verifier can recompute every hash from the table alone.
//
// Version line, then one line per field in this fixed order, each `name:length:value\n`, where
// length is the value's byte count in UTF-8 and a null value is written `name:-\n`:
//
//     mammoterm-read-record-v1\n
//     id, reader, session, studyInstanceUID, protocol, stage, aiVisibility, aiScore, aiModel,
//     safetyNetAlert, openedAt, submittedAt, readingSeconds, decision, revises, previousHash
//
// Values as stored in the `read_record` table: text as is; integers in decimal; booleans 0/1;
// reals (aiScore, readingSeconds) in the shortest decimal that reads back as the same binary64
// (Swift's `description`, e.g. "0.87", "12.5", "30.0", "1e-05"); `decision` is the stored JSON
// text (JSONEncoder, sorted keys, no escaped slashes) byte for byte; previousHash is the
// previous row's hash in id order ("" for the first row).
// hash = lowercase hex SHA-256 of those bytes. Length prefixes make the encoding unambiguous
// whatever the text holds (newlines, colons).

extension ReadRecord {
    public static let canonicalVersion = "mammoterm-read-record-v1"

    /// The decision as stored: canonical JSON (sorted keys).
    public static func canonicalJSON(_ decision: ReaderDecision) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(decision), as: UTF8.self)
    }

    /// The field names in canonical order; they are also the `read_record` column names.
    public static let canonicalFieldOrder = [
        "id", "reader", "session", "studyInstanceUID", "protocol", "stage", "aiVisibility", "aiScore", "aiModel",
        "safetyNetAlert", "openedAt", "submittedAt", "readingSeconds", "decision", "revises", "previousHash",
    ]

    /// A real as the canonical form writes it: the shortest decimal that reads back the same.
    public static func canonicalReal(_ value: Double) -> String { "\(value)" }

    /// The canonical bytes from raw values in `canonicalFieldOrder` (nil = SQL NULL), so a
    /// verifier can hash a row as stored, even one that no longer decodes.
    public static func canonicalContent(values: [String?]) -> String {
        var text = canonicalVersion + "\n"
        for (name, value) in zip(canonicalFieldOrder, values) {
            if let value { text += "\(name):\(value.utf8.count):\(value)\n" } else { text += "\(name):-\n" }
        }
        return text
    }

    /// The bytes hashed for this record, with `decisionJSON` the decision text exactly as stored.
    public func canonicalContent(decisionJSON: String) -> String {
        Self.canonicalContent(values: [
            id.map(String.init), reader, session, studyInstanceUID, readingProtocol.rawValue, stage.rawValue,
            aiVisibility.rawValue, aiScore.map(Self.canonicalReal), aiModel, safetyNetAlert ? "1" : "0",
            openedAt.text, submittedAt.text, Self.canonicalReal(readingSeconds), decisionJSON, revises.map(String.init), previousHash,
        ])
    }
}
