// One reader's current decision on one exam under one protocol, joined with the exam's truth and
// AI result: the unit of the reader-study report.
import MammoCore

public struct ReaderCase: Sendable, Hashable {
    public var reader: String
    public var readingProtocol: ReadingProtocol
    public var studyInstanceUID: String
    /// The final decision's binary call and 0–100 suspicion.
    public var recall: Bool
    public var suspicion: Double
    /// The initial call where the protocol records one (second-look, referral): the reader's own
    /// call before the AI reveal or the safety-net alert.
    public var initialRecall: Bool?
    /// Seconds from opening the exam to the final decision.
    public var readingSeconds: Double
    public var info: StudyCaseInfo

    public init(reader: String, readingProtocol: ReadingProtocol, studyInstanceUID: String, recall: Bool, suspicion: Double,
                initialRecall: Bool? = nil, readingSeconds: Double, info: StudyCaseInfo) {
        self.reader = reader
        self.readingProtocol = readingProtocol
        self.studyInstanceUID = studyInstanceUID
        self.recall = recall
        self.suspicion = suspicion
        self.initialRecall = initialRecall
        self.readingSeconds = readingSeconds
        self.info = info
    }

    public var isCancer: Bool? { info.truth?.cancer }

    /// The current final decisions of `records` (see `ReadRecord.latest`), each joined with its
    /// exam's info; exams missing from `info` get an empty one.
    public static func join(_ records: [ReadRecord], info: [String: StudyCaseInfo]) -> [ReaderCase] {
        let current = ReadRecord.latest(records).map(\.record)
        var initial: [ReadRecord.Slot: Bool] = [:]
        for record in current where record.stage == .initial {
            var slot = record.slot
            slot.stage = .final
            initial[slot] = record.decision.recall
        }
        return current.filter { $0.stage == .final }.map { record in
            ReaderCase(reader: record.reader, readingProtocol: record.readingProtocol, studyInstanceUID: record.studyInstanceUID,
                       recall: record.decision.recall, suspicion: Double(record.decision.suspicion),
                       initialRecall: initial[record.slot], readingSeconds: record.readingSeconds,
                       info: info[record.studyInstanceUID] ?? StudyCaseInfo(studyInstanceUID: record.studyInstanceUID))
        }
    }
}
