// Where each reader of a study stands, derived from the recorded decisions alone (so stopping and
// resuming needs nothing stored): per reader × arm how many cases have a final decision, when the
// arm was started and finished, and per reader the next thing to do: a case, a washout to wait
// out, or nothing. Records of other readers, cases or protocols are ignored.
//
// Rules: a case is done in an arm when the reader has a final-stage record for it under that
// arm's protocol (an initial-only record leaves it open, so `read --study` serves it again). The
// current arm is the first in the reader's order that is not done; its next case is the first of
// the plan's order without a final decision. The j-th arm (j > 0) opens washout seconds after the
// reader's last final decision (latest submittedAt, revisions included) in arm j − 1.
import Foundation
import MammoCore

public struct ReaderStudyProgress: Sendable, Hashable {
    /// What a reader does next.
    public enum Next: Sendable, Hashable {
        /// Read this case under this arm.
        case `case`(String, arm: ReadingProtocol)
        /// The arm opens at `until`.
        case washout(until: Timestamp, arm: ReadingProtocol)
        /// Every arm done.
        case finished
    }

    public enum State: Sendable, Hashable {
        case notStarted
        case reading
        /// The current arm, closed until the washout has passed.
        case washout(until: Timestamp)
        case done

        /// The JSON spelling.
        public var name: String {
            switch self {
            case .notStarted: "not-started"
            case .reading: "reading"
            case .washout: "washout"
            case .done: "done"
            }
        }
    }

    public struct Arm: Sendable, Hashable {
        public var arm: ReadingProtocol
        /// 1-based place in the reader's arm order.
        public var position: Int
        /// Cases with a final decision.
        public var done: Int
        public var total: Int
        /// The earliest openedAt of the reader's records in this arm; nil before any.
        public var startedAt: Timestamp?
        /// The latest final submittedAt once every case is done; nil before.
        public var finishedAt: Timestamp?
        public var state: State

        public var fraction: Double { total > 0 ? Double(done) / Double(total) : 0 }
    }

    public struct Reader: Sendable, Hashable {
        public var reader: String
        /// In the reader's reading order.
        public var arms: [Arm]
        public var next: Next
    }

    public let study: String
    public let washoutSeconds: Double
    public let caseCount: Int
    public let now: Timestamp
    /// In design order.
    public let readers: [Reader]

    public init(plan: ReaderStudyPlan, reads: [ReadRecord], now: Timestamp) {
        let design = plan.design
        let readerSet = Set(design.readers), caseSet = Set(design.cases), armSet = Set(design.arms)
        let relevant = reads.filter {
            readerSet.contains($0.reader) && caseSet.contains($0.studyInstanceUID) && armSet.contains($0.readingProtocol)
        }
        var finals = Set<CaseKey>()
        for (record, _) in ReadRecord.latest(relevant) where record.stage == .final {
            finals.insert(CaseKey(reader: record.reader, arm: record.readingProtocol, studyInstanceUID: record.studyInstanceUID))
        }
        var started: [ArmKey: Timestamp] = [:], lastFinal: [ArmKey: Timestamp] = [:], doneCount: [ArmKey: Int] = [:]
        for record in relevant {
            let key = ArmKey(reader: record.reader, arm: record.readingProtocol)
            if started[key].map({ record.openedAt < $0 }) ?? true { started[key] = record.openedAt }
            if record.stage == .final, lastFinal[key].map({ $0 < record.submittedAt }) ?? true { lastFinal[key] = record.submittedAt }
        }
        for key in finals { doneCount[ArmKey(reader: key.reader, arm: key.arm), default: 0] += 1 }

        readers = plan.readers.map { planned in
            var arms: [Arm] = planned.arms.enumerated().map { position, arm in
                let key = ArmKey(reader: planned.reader, arm: arm)
                let done = doneCount[key] ?? 0, total = design.cases.count
                return Arm(arm: arm, position: position + 1, done: done, total: total, startedAt: started[key],
                           finishedAt: done == total ? lastFinal[key] : nil,
                           state: done == total ? .done : started[key] == nil ? .notStarted : .reading)
            }
            var next = Next.finished
            if let current = arms.firstIndex(where: { $0.done < $0.total }) {
                let arm = arms[current].arm
                if current > 0, let previousEnd = arms[current - 1].finishedAt,
                   case let until = Timestamp(previousEnd.date.addingTimeInterval(design.washoutSeconds)), now < until {
                    arms[current].state = .washout(until: until)
                    next = .washout(until: until, arm: arm)
                } else if let uid = planned.cases(in: arm).first(where: {
                    !finals.contains(CaseKey(reader: planned.reader, arm: arm, studyInstanceUID: $0)) }) {
                    next = .case(uid, arm: arm)
                }
            }
            return Reader(reader: planned.reader, arms: arms, next: next)
        }
        study = design.name
        washoutSeconds = design.washoutSeconds
        caseCount = design.cases.count
        self.now = now
    }

    public func reader(_ name: String) -> Reader? { readers.first { $0.reader == name } }

    /// What `read --study` serves `reader` next; throws when the reader is not one of the study's
    /// (reader ids match read records exactly, case included).
    public func next(for reader: String) throws(StudyError) -> Next {
        guard let state = self.reader(reader) else {
            throw StudyError(context: "reader study \(PrintableText.clean(study))",
                             reason: "\(PrintableText.clean(reader)) is not one of its readers (\(readers.map { PrintableText.clean($0.reader) }.joined(separator: ", ")))")
        }
        return state.next
    }

    private struct ArmKey: Hashable { var reader: String; var arm: ReadingProtocol }
    private struct CaseKey: Hashable { var reader: String; var arm: ReadingProtocol; var studyInstanceUID: String }
}
