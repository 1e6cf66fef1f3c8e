// The decision-referral simulation on hand-worked exams, and the NT x SN grid.
import Testing
@testable import Study

@Suite struct DecisionReferralTests {
    let thresholds = ReferralThresholds(normalTriage: 0.3, safetyNet: 0.7)

    /// route, combined call, reader call, truth:
    ///  1 0.1 cancer     recall   triaged → negative (FN)   reader TP
    ///  2 0.2 other w3   recall   triaged → negative (TN)   reader FP
    ///  3 0.3 other      no       at t_nt: read → TN        reader TN
    ///  4 0.8 cancer     no       alert → positive (TP)     reader FN
    ///  5 0.7 cancer     no       at t_sn: no alert → FN    reader FN
    ///  6 0.9 other      recall   reader already positive   FP both
    ///  7 0.9 other      no       alert → positive (FP)     reader TN
    ///  8 0.5 cancer     recall   reader → TP               reader TP
    let exams: [ReferralCase] = [
        .init(readerRecall: true, aiScore: 0.1, isCancer: true),
        .init(readerRecall: true, aiScore: 0.2, isCancer: false, weight: 3),
        .init(readerRecall: false, aiScore: 0.3, isCancer: false),
        .init(readerRecall: false, aiScore: 0.8, isCancer: true),
        .init(readerRecall: false, aiScore: 0.7, isCancer: true),
        .init(readerRecall: true, aiScore: 0.9, isCancer: false),
        .init(readerRecall: false, aiScore: 0.9, isCancer: false),
        .init(readerRecall: true, aiScore: 0.5, isCancer: true),
    ]

    @Test func routes() {
        #expect(exams.map { DecisionReferral.route($0, thresholds: thresholds) } ==
                [.triagedNormal, .triagedNormal, .reader, .safetyNetAlert, .reader, .reader, .safetyNetAlert, .reader])
        #expect(exams.map { DecisionReferral.recall($0, thresholds: thresholds) } == [false, false, false, true, false, true, true, true])
    }

    @Test func outcomeAgainstTheReaderAlone() throws {
        let outcome = try DecisionReferral.simulate(exams, thresholds: thresholds)
        #expect(outcome.combined == ConfusionMatrix(truePositives: 2, falsePositives: 2, trueNegatives: 4, falseNegatives: 2))
        #expect(outcome.readerAlone == ConfusionMatrix(truePositives: 2, falsePositives: 4, trueNegatives: 2, falseNegatives: 2))
        #expect(outcome.sensitivityChange == 0)
        #expect(outcome.specificityChange == 4.0 / 6 - 2.0 / 6)
        #expect(outcome.positivePredictiveValueChange == 0.5 - 1.0 / 3)
        #expect(outcome.fractionTriagedNormal == 0.4)  // (1 + 3) / 10
        #expect(outcome.fractionSafetyNetAlerts == 0.2)  // (1 + 1) / 10
    }

    @Test func triageComesBeforeTheSafetyNet() {
        // Crossed thresholds (t_sn < t_nt): a low-scoring exam both rules claim is triaged.
        let crossed = ReferralThresholds(normalTriage: 0.5, safetyNet: 0.2)
        let exam = ReferralCase(readerRecall: false, aiScore: 0.3, isCancer: true)
        #expect(DecisionReferral.route(exam, thresholds: crossed) == .triagedNormal)
    }

    @Test func twoScoresTwoRules() {
        // Normal-triage model says normal-ish, safety-net model says suspicious: each rule reads its own.
        let exam = ReferralCase(readerRecall: false, normalTriageScore: 0.5, safetyNetScore: 0.95, isCancer: true)
        #expect(DecisionReferral.route(exam, thresholds: thresholds) == .safetyNetAlert)
        let triaged = ReferralCase(readerRecall: true, normalTriageScore: 0.1, safetyNetScore: 0.95, isCancer: true)
        #expect(DecisionReferral.route(triaged, thresholds: thresholds) == .triagedNormal)
    }

    @Test func gridOverTheStandardTargets() throws {
        let validation = BootstrapTests.generated(count: 500, seed: 11)
        let calibration = try ReferralCalibration(samples: validation)
        var random = SplitMix64(seed: 12)
        let test = BootstrapTests.generated(count: 400, seed: 13).map {
            // A reader who recalls most cancers and some others.
            ReferralCase(readerRecall: random.index(below: 10) < ($0.isCancer ? 8 : 1), aiScore: $0.score, isCancer: $0.isCancer, weight: $0.weight)
        }
        let grid = try ReferralGrid(exams: test, calibration: calibration)
        #expect(grid.cells.count == 16)
        #expect(grid.cells.map(\.normalTriageTarget.label) == ["0.95", "0.97", "0.98", "0.99"].flatMap { Array(repeating: $0, count: 4) })
        #expect(grid.cells.prefix(4).map(\.safetyNetTarget.label) == ["0.95", "0.97", "0.98", "0.99"])
        let cell = try #require(grid.cell(normalTriageTarget: 0.97, safetyNetTarget: 0.98))
        let expected = try DecisionReferral.simulate(test, thresholds: try #require(calibration.thresholds(normalTriageTarget: 0.97, safetyNetTarget: 0.98)))
        #expect(cell.outcome == expected)
        // Higher sensitivity targets triage no more exams.
        let triaged = grid.cells.filter { $0.safetyNetTarget.value == 0.95 }.map(\.outcome.fractionTriagedNormal)
        #expect(triaged == triaged.sorted(by: >))
        #expect(grid.cells.allSatisfy { $0.outcome.readerAlone == grid.cells[0].outcome.readerAlone })
    }

    @Test func badInputsAreErrors() {
        #expect(throws: StudyError.self) { try DecisionReferral.simulate([], thresholds: thresholds) }
        #expect(throws: StudyError.self) {
            try DecisionReferral.simulate([ReferralCase(readerRecall: true, aiScore: .nan, isCancer: true)], thresholds: thresholds)
        }
        #expect(throws: StudyError.self) {
            try DecisionReferral.simulate([ReferralCase(readerRecall: true, aiScore: 0.5, isCancer: true, weight: -2)], thresholds: thresholds)
        }
    }
}
