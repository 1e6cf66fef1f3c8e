// One reader decision as the library keeps it: who read which exam, under which protocol and at
// which stage, what AI output was visible, when, the decision itself, and its place in the
// tamper-evident chain (previousHash, hash). Records are append-only: a revision is a new record
// whose `revises` names the record it replaces.
import Foundation

public struct ReadRecord: Codable, Hashable, Sendable {
    /// The row id; nil before the record is appended.
    public var id: Int64?
    public var reader: String
    /// The reading session (one run of `mammoterm read`), e.g. a UUID.
    public var session: String
    public var studyInstanceUID: String
    public var readingProtocol: ReadingProtocol
    public var stage: ReadStage
    public var aiVisibility: AIVisibility
    /// The AI exam score (0–1) the reader could see, nil when none was shown.
    public var aiScore: Double?
    /// The model whose output was shown ("model version"), nil when none was shown.
    public var aiModel: String?
    /// The decision-referral safety-net alert fired before this decision.
    public var safetyNetAlert: Bool
    /// As written, e.g. 2026-03-14T09:30:00Z or with fractional seconds (the hash covers the text).
    public var openedAt: Timestamp
    public var submittedAt: Timestamp
    /// From opening the exam to submitting this decision.
    public var readingSeconds: Double
    public var decision: ReaderDecision
    /// The id of the record this one revises (same reader, study, protocol and stage).
    public var revises: Int64?
    /// The hash of the record before this one in the library ("" for the first); set on append.
    public var previousHash: String
    /// SHA-256 (hex) of `canonicalContent`; set on append.
    public var hash: String

    enum CodingKeys: String, CodingKey {
        case id, reader, session, studyInstanceUID, readingProtocol = "protocol", stage, aiVisibility, aiScore, aiModel,
             safetyNetAlert, openedAt, submittedAt, readingSeconds, decision, revises, previousHash, hash
    }

    /// A record to append; `id`, `previousHash` and `hash` are set by the library. Throws when a
    /// field is out of range (see `validate()`).
    public init(id: Int64? = nil, reader: String, session: String, studyInstanceUID: String,
                readingProtocol: ReadingProtocol, stage: ReadStage, aiVisibility: AIVisibility,
                aiScore: Double? = nil, aiModel: String? = nil, safetyNetAlert: Bool = false,
                openedAt: Timestamp, submittedAt: Timestamp, readingSeconds: Double, decision: ReaderDecision,
                revises: Int64? = nil, previousHash: String = "", hash: String = "") throws(ReadingError) {
        self.id = id
        self.reader = reader
        self.session = session
        self.studyInstanceUID = studyInstanceUID
        self.readingProtocol = readingProtocol
        self.stage = stage
        self.aiVisibility = aiVisibility
        self.aiScore = aiScore
        self.aiModel = aiModel
        self.safetyNetAlert = safetyNetAlert
        self.openedAt = openedAt
        self.submittedAt = submittedAt
        self.readingSeconds = readingSeconds
        self.decision = decision
        self.revises = revises
        self.previousHash = previousHash
        self.hash = hash
        try validate()
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            id: c.decodeIfPresent(Int64.self, forKey: .id), reader: c.decode(String.self, forKey: .reader),
            session: c.decode(String.self, forKey: .session), studyInstanceUID: c.decode(String.self, forKey: .studyInstanceUID),
            readingProtocol: c.decode(ReadingProtocol.self, forKey: .readingProtocol), stage: c.decode(ReadStage.self, forKey: .stage),
            aiVisibility: c.decode(AIVisibility.self, forKey: .aiVisibility), aiScore: c.decodeIfPresent(Double.self, forKey: .aiScore),
            aiModel: c.decodeIfPresent(String.self, forKey: .aiModel), safetyNetAlert: c.decode(Bool.self, forKey: .safetyNetAlert),
            openedAt: Self.time(c.decode(String.self, forKey: .openedAt), field: "openedAt"),
            submittedAt: Self.time(c.decode(String.self, forKey: .submittedAt), field: "submittedAt"),
            readingSeconds: c.decode(Double.self, forKey: .readingSeconds), decision: c.decode(ReaderDecision.self, forKey: .decision),
            revises: c.decodeIfPresent(Int64.self, forKey: .revises),
            previousHash: c.decodeIfPresent(String.self, forKey: .previousHash) ?? "",
            hash: c.decodeIfPresent(String.self, forKey: .hash) ?? "")
    }

    /// Written out so that absent values say `null` (the JSON export's columns are always there).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(reader, forKey: .reader)
        try c.encode(session, forKey: .session)
        try c.encode(studyInstanceUID, forKey: .studyInstanceUID)
        try c.encode(readingProtocol, forKey: .readingProtocol)
        try c.encode(stage, forKey: .stage)
        try c.encode(aiVisibility, forKey: .aiVisibility)
        try c.encode(aiScore, forKey: .aiScore)
        try c.encode(aiModel, forKey: .aiModel)
        try c.encode(safetyNetAlert, forKey: .safetyNetAlert)
        try c.encode(openedAt, forKey: .openedAt)
        try c.encode(submittedAt, forKey: .submittedAt)
        try c.encode(readingSeconds, forKey: .readingSeconds)
        try c.encode(decision, forKey: .decision)
        try c.encode(revises, forKey: .revises)
        try c.encode(previousHash, forKey: .previousHash)
        try c.encode(hash, forKey: .hash)
    }

    /// Throws the first field out of range: empty reader, session or study; an initial stage under
    /// a protocol without one; AI output recorded while none was visible; a safety-net alert outside
    /// the referral protocol; an AI score outside 0–1; a negative
    /// or non-finite reading time; a bad decision (suspicion, marks).
    public func validate() throws(ReadingError) {
        for (name, value) in [("reader", reader), ("session", session), ("studyInstanceUID", studyInstanceUID)]
        where value.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ReadingError(field: name, reason: "must not be empty")
        }
        if stage == .initial && !readingProtocol.hasInitialStage {
            throw ReadingError(field: "stage", reason: "the \(readingProtocol.rawValue) protocol records only final decisions")
        }
        if aiVisibility == .none && (aiScore != nil || aiModel != nil) {
            throw ReadingError(field: "aiScore", reason: "an AI score or model is recorded but no AI output was visible")
        }
        if let aiScore, !(aiScore.isFinite && (0...1).contains(aiScore)) {
            throw ReadingError(field: "aiScore", reason: "\(aiScore) is outside 0–1")
        }
        if safetyNetAlert && readingProtocol != .referral {
            throw ReadingError(field: "safetyNetAlert", reason: "the safety-net alert belongs to the referral protocol, not \(readingProtocol.rawValue)")
        }
        guard readingSeconds.isFinite, readingSeconds >= 0 else {
            throw ReadingError(field: "readingSeconds", reason: "\(readingSeconds) is not a time (finite, >= 0)")
        }
        if let revises, let id, revises >= id {
            throw ReadingError(field: "revises", reason: "record \(id) cannot revise a later record (\(revises))")
        }
        try decision.validate()
    }

    /// A stored or imported time, or the error naming its field.
    public static func time(_ text: String, field: String) throws(ReadingError) -> Timestamp {
        guard let stamp = Timestamp(text: text) else {
            throw ReadingError(field: field, reason: "\"\(PrintableText.clean(text))\" is not \(Timestamp.codedTextExpectation)")
        }
        return stamp
    }
}
