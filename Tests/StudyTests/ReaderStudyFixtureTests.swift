// Shared by the ReaderStudy*Tests suites: a small design and read records built the way the
// library stores them (ids ascending, a revision pointing at the record it replaces).
import Foundation
import MammoCore
@testable import Study

enum ReaderStudyFixture {
    static let cases = (1...8).map { "1.2.\($0)" }
    static let created: Timestamp = "2026-03-01T08:00:00Z"

    static func design(readers: [String] = ["a", "b", "c", "d"], arms: [ReadingProtocol] = [.unaided, .secondLook],
                       cases: [String] = cases, washout: Double = 28 * 86_400, seed: UInt64 = 42) throws -> ReaderStudyDesign {
        try ReaderStudyDesign(name: "ai-2026", arms: arms, readers: readers, cases: cases, washoutSeconds: washout, seed: seed, createdAt: created)
    }

    /// Builds records with ascending ids, as appended.
    struct Reads {
        var records: [ReadRecord] = []
        var nextID: Int64 = 1

        /// One decision submitted at `at` (opened a minute before); returns its id.
        @discardableResult
        mutating func add(_ reader: String, _ uid: String, _ arm: ReadingProtocol, stage: ReadStage = .final, at: Timestamp,
                          suspicion: Int = 50, recall: Bool = false, revises: Int64? = nil) throws -> Int64 {
            let id = nextID
            nextID += 1
            records.append(try ReadRecord(id: id, reader: reader, session: "s", studyInstanceUID: uid, readingProtocol: arm, stage: stage,
                                          aiVisibility: .none, openedAt: Timestamp(at.date.addingTimeInterval(-60)), submittedAt: at,
                                          readingSeconds: 60, decision: ReaderDecision(recall: recall, suspicion: suspicion), revises: revises))
            return id
        }

        /// Final decisions on every case of `arm` for `reader`, in `order`, a minute apart, the last at `end`.
        mutating func finish(_ reader: String, _ arm: ReadingProtocol, order: [String], end: Timestamp, suspicion: (String) -> Int = { _ in 50 }) throws {
            for (index, uid) in order.enumerated() {
                try add(reader, uid, arm, at: Timestamp(end.date.addingTimeInterval(Double(index - order.count + 1) * 60)), suspicion: suspicion(uid))
            }
        }
    }
}
