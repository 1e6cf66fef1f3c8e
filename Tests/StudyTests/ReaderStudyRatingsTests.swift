// A finished study's ratings equal the hand-built MRMC ratings (current final decisions only),
// the recall call's sensitivity and specificity per reader × arm and arm, and the error that
// tells the coordinator what is missing.
import Foundation
import MammoCore
import Testing
@testable import Study

@Suite struct ReaderStudyRatingsTests {
    static let cases = ["1.2.1", "1.2.2", "1.2.3", "1.2.4"]
    static let truth: [String: StudyTruth] = Dictionary(uniqueKeysWithValues: cases.map {
        ($0, StudyTruth(studyInstanceUID: $0, cancer: $0 == "1.2.1" || $0 == "1.2.2", source: "t", importedAt: "2026-01-01T00:00:00Z"))
    })
    /// (suspicion, recall) per reader, arm and case 1.2.1 (cancer), 1.2.2 (cancer), 1.2.3, 1.2.4 (normal).
    ///   a unaided      80 R, 40 -, 30 -, 60 R   TP 1 FN 1 TN 1 FP 1   sens 1/2 spec 1/2
    ///   a second-look  90 R, 70 R, 20 -, 10 -   TP 2 TN 2             sens 1   spec 1
    ///   b unaided      60 R, 20 -, 50 R, 10 -   TP 1 FN 1 TN 1 FP 1   sens 1/2 spec 1/2
    ///   b second-look  85 R, 75 R, 35 -, 15 -   (1.2.2 first 45 -, then revised) sens 1 spec 1
    static let calls: [String: [ReadingProtocol: [(Int, Bool)]]] = [
        "a": [.unaided: [(80, true), (40, false), (30, false), (60, true)], .secondLook: [(90, true), (70, true), (20, false), (10, false)]],
        "b": [.unaided: [(60, true), (20, false), (50, true), (10, false)], .secondLook: [(85, true), (75, true), (35, false), (15, false)]],
    ]

    static func design(readers: [String] = ["a", "b"]) throws -> ReaderStudyDesign {
        try ReaderStudyFixture.design(readers: readers, cases: cases)
    }

    static func reads(skipping skip: (String, ReadingProtocol) -> Bool = { _, _ in false }) throws -> [ReadRecord] {
        var reads = ReaderStudyFixture.Reads()
        let t: Timestamp = "2026-03-02T10:00:00Z"
        for reader in ["a", "b"] {
            for arm in [ReadingProtocol.unaided, .secondLook] where !skip(reader, arm) {
                for (uid, call) in zip(cases, calls[reader]?[arm] ?? []) {
                    if arm == .secondLook {  // an initial call with another score: must not count
                        try reads.add(reader, uid, arm, stage: .initial, at: t, suspicion: 99 - call.0, recall: !call.1)
                    }
                    if reader == "b" && arm == .secondLook && uid == "1.2.2" {
                        let first = try reads.add(reader, uid, arm, at: t, suspicion: 45, recall: false)
                        try reads.add(reader, uid, arm, at: t, suspicion: call.0, recall: call.1, revises: first)
                    } else {
                        try reads.add(reader, uid, arm, at: t, suspicion: call.0, recall: call.1)
                    }
                }
            }
        }
        try reads.add("z", "1.2.1", .unaided, at: t, suspicion: 1)        // not a reader of the study
        try reads.add("a", "1.2.9", .unaided, at: t, suspicion: 1)        // not a case of the study
        try reads.add("a", "1.2.1", .concurrent, at: t, suspicion: 1)     // not an arm of the study
        return reads.records
    }

    @Test func ratingsMatchHandBuiltMRMCRatings() throws {
        let study = try ReaderStudyRatings(design: Self.design(), reads: Self.reads(), truth: Self.truth)
        var rows: [MRMCRatings.Row] = []
        for arm in [ReadingProtocol.unaided, .secondLook] {
            for reader in ["a", "b"] {
                for (uid, call) in zip(Self.cases, Self.calls[reader]?[arm] ?? []) {
                    rows.append(.init(reader: reader, modality: arm.rawValue, caseID: uid, truth: Self.truth[uid]?.cancer ?? false, rating: Double(call.0)))
                }
            }
        }
        let expected = try MRMCRatings(rows: rows)
        let r = study.ratings
        #expect(r.modalities == ["unaided", "second-look"] && r.readers == ["a", "b"])
        #expect(r.cases == Self.cases && r.diseasedCount == 2)
        #expect(r.rating == expected.rating)
        #expect(r.rating[1][1] == [85, 75, 35, 15])
        #expect(r.rating[0][0] == [80, 40, 30, 60])
        // And the analysis reads them: reader a's unaided AUC is 3/4 (80 > 30, 80 > 60, 40 > 30; 40 < 60).
        let analysis = ORHillisAnalysis(r)
        #expect(analysis.readers[0].aucs == [0.75, 1])
    }

    @Test func recallSensitivityAndSpecificity() throws {
        let study = try ReaderStudyRatings(design: Self.design(), reads: Self.reads(), truth: Self.truth)
        #expect(study.readerRecall.map(\.reader) == ["a", "b", "a", "b"])
        #expect(study.readerRecall.map(\.arm) == [.unaided, .unaided, .secondLook, .secondLook])
        #expect(study.readerRecall.map(\.sensitivity) == [0.5, 0.5, 1, 1])
        #expect(study.readerRecall.map(\.specificity) == [0.5, 0.5, 1, 1])
        #expect(study.readerRecall[0].counts == ConfusionMatrix(truePositives: 1, falsePositives: 1, trueNegatives: 1, falseNegatives: 1))
        #expect(study.armRecall.map(\.arm) == [.unaided, .secondLook] && study.armRecall.allSatisfy { $0.reader == nil })
        #expect(study.armRecall[0].counts == ConfusionMatrix(truePositives: 2, falsePositives: 2, trueNegatives: 2, falseNegatives: 2))
        #expect(study.armRecall[1].counts == ConfusionMatrix(truePositives: 4, falsePositives: 0, trueNegatives: 4, falseNegatives: 0))
        #expect(study.armRecall.map(\.sensitivity) == [0.5, 1] && study.armRecall.map(\.specificity) == [0.5, 1])
    }

    @Test func missingDecisionsAndTruthAreCountedAndNamed() throws {
        var truth = Self.truth
        truth["1.2.4"] = nil
        let design = try Self.design()
        let reads = try Self.reads { reader, arm in reader == "b" || arm == .secondLook }  // only a × unaided is read
        let missing = ReaderStudyRatings.missing(design: design, reads: reads, truth: truth)
        #expect(missing.decisions.count == 12 && missing.truth == ["1.2.4"])
        #expect(missing.decisions.first == .init(reader: "b", arm: .unaided, studyInstanceUID: "1.2.1"))
        do {
            _ = try ReaderStudyRatings(design: design, reads: reads, truth: truth)
            Issue.record("an incomplete study was analysed")
        } catch {
            #expect(error.description == "reader study ai-2026: not fully crossed, the MRMC analysis needs every reader to read every case in every arm: "
                    + "12 of 16 reader × arm × case final decisions missing (reader b arm unaided case 1.2.1; reader b arm unaided case 1.2.2; "
                    + "reader b arm unaided case 1.2.3; reader b arm unaided case 1.2.4; reader a arm second-look case 1.2.1; ...); "
                    + "and 1 of 4 cases without ground truth (1.2.4; mammoterm truth import)")
        }
    }

    @Test func initialOnlyDecisionIsMissing() throws {
        var records = try Self.reads()
        // Drop b's final second-look decisions on 1.2.3 (its initial one stays).
        records.removeAll { $0.reader == "b" && $0.readingProtocol == .secondLook && $0.studyInstanceUID == "1.2.3" && $0.stage == .final }
        let missing = ReaderStudyRatings.missing(design: try Self.design(), reads: records, truth: Self.truth)
        #expect(missing.decisions == [.init(reader: "b", arm: .secondLook, studyInstanceUID: "1.2.3")] && missing.truth.isEmpty)
        #expect(throws: StudyError.self) { try ReaderStudyRatings(design: Self.design(), reads: records, truth: Self.truth) }
    }

    @Test func oneReaderIsRefusedByTheAnalysis() throws {
        #expect(throws: StudyError(context: "reader study ai-2026", reason: "an MRMC analysis needs at least 2 readers; found 1")) {
            try ReaderStudyRatings(design: Self.design(readers: ["a"]), reads: Self.reads(), truth: Self.truth)
        }
    }
}
