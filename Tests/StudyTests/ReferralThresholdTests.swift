// t_nt and t_sn on hand-worked cases: weights change the answer, ties move together, the
// threshold is the data score where the target is first reached, equality reaches it.
import Testing
@testable import Study

@Suite struct ReferralThresholdTests {
    let samples = HandWorked.samples

    @Test("normal triage: the largest cancer score keeping weighted sensitivity >= target",
          arguments: [(0.1, 0.9), (1.0 / 6, 0.9), (0.5, 0.8), (0.6, 0.6), (2.0 / 3, 0.6), (0.8, 0.4), (5.0 / 6, 0.4), (0.9, 0.1), (0.99, 0.1)])
    func normalTriage(target: Double, expected: Double) throws {
        #expect(try ReferralThresholds.normalTriage(targetSensitivity: target, samples: samples) == expected)
    }

    @Test("safety net: the lowest non-cancer score keeping weighted specificity >= target",
          arguments: [(0.3, 0.2), (0.4, 0.2), (0.5, 0.4), (0.6, 0.4), (0.61, 0.5), (0.9, 0.5), (0.95, 0.8), (1.0, 0.8)])
    func safetyNet(target: Double, expected: Double) throws {
        #expect(try ReferralThresholds.safetyNet(targetSpecificity: target, samples: samples) == expected)
    }

    @Test func weightsChangeTheThreshold() throws {
        // Unweighted, 2 of 5 cancers score >= 0.8 (0.4 < 0.5); weighted, 3 of 6 do.
        #expect(try ReferralThresholds.normalTriage(targetSensitivity: 0.5, samples: HandWorked.unweighted) == 0.6)
        #expect(try ReferralThresholds.normalTriage(targetSensitivity: 0.5, samples: samples) == 0.8)
        // Unweighted, 2 of 4 non-cancers score <= 0.4; weighted, 6 of 10.
        #expect(try ReferralThresholds.safetyNet(targetSpecificity: 0.6, samples: HandWorked.unweighted) == 0.5)
        #expect(try ReferralThresholds.safetyNet(targetSpecificity: 0.6, samples: samples) == 0.4)
    }

    @Test func targetOneMeansNoTriage() throws {
        #expect(try ReferralThresholds.normalTriage(targetSensitivity: 1, samples: samples) == 0)
        // Scores below 0 (logits): still nothing scores below the threshold.
        let logits = samples.map { ScoredSample(score: $0.score * 10 - 5, isCancer: $0.isCancer, weight: $0.weight) }
        let t = try ReferralThresholds.normalTriage(targetSensitivity: 1, samples: logits)
        #expect(t == -4)
        #expect(!logits.contains { $0.score < t })
    }

    @Test func tiedScoresMoveTogether() throws {
        // Fractions in the calibration count every exam at a tied score on the same side.
        let calibration = try ReferralCalibration(samples: samples, targets: [ReferralTarget(0.8), ReferralTarget(0.5)])
        let nt = try #require(calibration.normalTriage.first)
        #expect(nt.threshold == 0.4)
        #expect(nt.achieved == 5.0 / 6)
        #expect(nt.fractionOfExams == 5.0 / 16)  // 0.2 (4) and 0.1 (1); both 0.4s are read
        let sn = try #require(calibration.safetyNet.last)
        #expect(sn.threshold == 0.4)
        #expect(sn.achieved == 0.6)
        #expect(sn.fractionOfExams == 8.0 / 16)  // 0.9, 0.8 (2 + 1), 0.6, 0.5; neither 0.4 alerts
    }

    @Test func rateExactlyAtTheTargetReachesItDespiteRounding() throws {
        // Ten cancers of weight 0.1: 0.1 summed nine times is 0.8999999999999999.
        let cancers = (1...10).map { ScoredSample(score: Double($0), isCancer: true, weight: 0.1) }
        #expect(try ReferralThresholds.normalTriage(targetSensitivity: 0.9, samples: cancers) == 2)
        let others = (1...10).map { ScoredSample(score: Double($0), isCancer: false, weight: 0.1) }
        #expect(try ReferralThresholds.safetyNet(targetSpecificity: 0.7, samples: others) == 7)
    }

    @Test func everyThresholdIsAScoreFromTheData() throws {
        let scores = Set(samples.map(\.score))
        for target in stride(from: 0.05, through: 0.99, by: 0.01) {
            #expect(scores.contains(try ReferralThresholds.normalTriage(targetSensitivity: target, samples: samples)))
            #expect(scores.contains(try ReferralThresholds.safetyNet(targetSpecificity: target, samples: samples)))
        }
    }

    @Test func higherTargetsNeverTriageMoreOrAlertMore() throws {
        let calibration = try ReferralCalibration(samples: samples, targets: try ReferralTarget.list("0.3,0.5,0.7,0.9,0.95,1"))
        let nt = calibration.normalTriage.map(\.threshold), sn = calibration.safetyNet.map(\.threshold)
        #expect(nt == nt.sorted(by: >))
        #expect(sn == sn.sorted())
        #expect(calibration.normalTriage.allSatisfy { $0.achieved >= $0.target.value })
        #expect(calibration.safetyNet.allSatisfy { $0.achieved >= $0.target.value })
    }

    @Test func separateModelsForTheTwoRules() throws {
        let safetyNetScores = samples.map { ScoredSample(score: 1 - $0.score, isCancer: !$0.isCancer, weight: $0.weight) }
        let thresholds = try ReferralThresholds(targetSensitivity: 0.5, targetSpecificity: 0.5,
                                                normalTriageSamples: samples, safetyNetSamples: safetyNetScores)
        #expect(thresholds == ReferralThresholds(normalTriage: 0.8, safetyNet: try ReferralThresholds.safetyNet(targetSpecificity: 0.5, samples: safetyNetScores)))
    }

    @Test func undefinedOrInvalidInputsAreErrors() {
        let noCancers = samples.filter { !$0.isCancer }
        let noOthers = samples.filter(\.isCancer)
        #expect(throws: StudyError.self) { try ReferralThresholds.normalTriage(targetSensitivity: 0.95, samples: noCancers) }
        #expect(throws: StudyError.self) { try ReferralThresholds.safetyNet(targetSpecificity: 0.95, samples: noOthers) }
        #expect(throws: StudyError.self) { try ReferralThresholds.normalTriage(targetSensitivity: 0.95, samples: []) }
        for target in [0, -0.1, 1.01, .nan] {
            #expect(throws: StudyError.self) { try ReferralThresholds.normalTriage(targetSensitivity: target, samples: samples) }
            #expect(throws: StudyError.self) { try ReferralThresholds.safetyNet(targetSpecificity: target, samples: samples) }
        }
        #expect(throws: StudyError.self) {
            try ReferralThresholds.normalTriage(targetSensitivity: 0.9, samples: samples + [ScoredSample(score: .nan, isCancer: true)])
        }
        #expect(throws: StudyError.self) {
            try ReferralThresholds.safetyNet(targetSpecificity: 0.9, samples: samples + [ScoredSample(score: 0.3, isCancer: false, weight: -1)])
        }
        // A cancer of weight 0 leaves sensitivity undefined just as no cancer does.
        #expect(throws: StudyError.self) {
            try ReferralThresholds.normalTriage(targetSensitivity: 0.9, samples: noCancers + [ScoredSample(score: 0.5, isCancer: true, weight: 0)])
        }
    }
}
