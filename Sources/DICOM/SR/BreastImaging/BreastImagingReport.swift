// What a Breast Imaging Report SR (PS3.16 TID 4200) says about one final reader decision, in
// mammoterm's terms: who read the screening exam and when, each breast's BI-RADS category and
// ACR composition, the recall call and the images read. Written by BreastImagingReport+Writing;
// the library's append-only record stays the source of truth, this is its export.
import MammoCore

public struct BreastImagingReport: Hashable, Sendable {
    /// An image of the exam the reading was made on.
    public struct Image: Hashable, Sendable {
        public var sopClassUID: String
        public var sopInstanceUID: String
        public var view: ViewKey?

        public init(sopClassUID: String, sopInstanceUID: String, view: ViewKey?) {
            self.sopClassUID = sopClassUID
            self.sopInstanceUID = sopInstanceUID
            self.view = view
        }
    }

    /// The reader's id as the library keeps it: the Person Observer Name and verifying observer.
    public var reader: String
    /// When the reader submitted the decision (the report's content date and time).
    public var submittedAt: Timestamp
    /// The reading protocol's name ("unaided", "concurrent", ...), said in the narrative.
    public var readingProtocol: String
    public var right: BreastAssessment
    public var left: BreastAssessment
    public var recall: Bool
    /// 0–100. TID 4200–4208 have no coded place for a reader's continuous score (Probability of
    /// cancer belongs to the CAD templates), so it is said in the narrative only.
    public var suspicion: Int
    public var images: [Image]
    /// What AI output the reader could see, in words ("" when none): said in the narrative, so a
    /// reading made with AI support is not mistaken for an unaided one in the archive.
    public var aiShown: String

    public init(reader: String, submittedAt: Timestamp, readingProtocol: String, right: BreastAssessment,
                left: BreastAssessment, recall: Bool, suspicion: Int, images: [Image], aiShown: String = "") {
        self.reader = reader
        self.submittedAt = submittedAt
        self.readingProtocol = readingProtocol
        self.right = right
        self.left = left
        self.recall = recall
        self.suspicion = suspicion
        self.images = images
        self.aiShown = aiShown
    }

    /// The report of one decision as recorded.
    public init(record: ReadRecord, images: [Image]) {
        self.init(reader: record.reader, submittedAt: record.submittedAt, readingProtocol: record.readingProtocol.rawValue,
                  right: record.decision.right, left: record.decision.left, recall: record.decision.recall,
                  suspicion: record.decision.suspicion, images: images, aiShown: Self.aiShown(record))
    }

    /// "full (model vx 1, exam score 0.72)", or "" when the reader saw no AI output.
    static func aiShown(_ record: ReadRecord) -> String {
        guard record.aiVisibility != .none else { return "" }
        var details: [String] = []
        if let model = record.aiModel { details.append("model \(PrintableText.clean(model))") }
        if let score = record.aiScore { details.append("exam score \(String(format: "%.2f", score))") }
        if record.safetyNetAlert { details.append("safety-net alert fired") }
        return record.aiVisibility.rawValue + (details.isEmpty ? "" : " (" + details.joined(separator: ", ") + ")")
    }

    /// The reader's id as a DICOM person name: the family name component ("r1^"). A name with
    /// no component delimiter is the retired ACR-NEMA form (dciodvfy warns on it).
    public var observerName: String {
        let name = reader.trimmingCharacters(in: .whitespaces)
        return name.contains("^") ? name : name + "^"
    }

    /// The assessed breasts, right first, with the laterality code CID 6022 gives each.
    var breasts: [(side: Side, assessment: BreastAssessment, code: SRCode)] {
        [(Side.right, right, SRCode.rightBreast), (Side.left, left, SRCode.leftBreast)]
            .filter { $0.1.birads != nil || $0.1.density != nil }
    }

    /// The exam's overall assessment: the more worrisome breast's category in the BI-RADS
    /// atlas's order for a combined assessment, 1 < 2 < 3 < 6 < 0 < 4 (4A < 4B < 4C) < 5. Not the
    /// categories' numeric order (ReaderDecision.examBIRADS): a breast needing more imaging (0)
    /// outranks a benign one (2).
    var examBIRADS: BIRADS? {
        let order: [BIRADS] = [.category1, .category2, .category3, .category6, .category0, .category4, .category4A, .category4B, .category4C, .category5]
        return [right.birads, left.birads].compactMap { $0 }.max { (order.firstIndex(of: $0) ?? 0) < (order.firstIndex(of: $1) ?? 0) }
    }

    /// The follow-up CID 6028 offers for the call. A screening recall brings the woman back for a
    /// diagnostic work-up, which starts with further mammographic views ("Additional
    /// projections"); the decision does not say more (spot views, ultrasound, biopsy are chosen at
    /// the work-up), so nothing more specific is claimed. Not recalled: BI-RADS 3 asks for
    /// short-interval follow-up, anything else for the normal screening interval.
    var recommendedFollowUp: SRCode {
        if recall { return .additionalProjections }
        return examBIRADS == .category3 ? .shortIntervalFollowUp : .normalIntervalFollowUp
    }
}
