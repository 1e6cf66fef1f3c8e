// `referral calibrate --json`: {"nt": {target: t}, "sn": {target: t}}, keys as the targets were
// given, values scores from the data.
import Foundation
import Testing
@testable import Study

@Suite struct CalibrationJSONTests {
    static func decode(_ json: String) throws -> [String: [String: Double]] {
        try JSONDecoder().decode([String: [String: Double]].self, from: Data(json.utf8))
    }

    @Test func contractOnTheHandWorkedSet() throws {
        let calibration = try ReferralCalibration(samples: HandWorked.samples, targets: try ReferralTarget.list("0.5, 0.80,0.9,1.0"))
        let object = try Self.decode(try calibration.contractJSON())
        #expect(Set(object.keys) == ["nt", "sn"])
        #expect(object["nt"] == ["0.5": 0.8, "0.80": 0.4, "0.9": 0.1, "1.0": 0])
        #expect(object["sn"] == ["0.5": 0.4, "0.80": 0.5, "0.9": 0.5, "1.0": 0.8])
    }

    @Test func standardTargetsAndExactScores() throws {
        // Scores with many digits come back as the same numbers.
        let samples = BootstrapTests.generated(count: 300, seed: 21)
        let object = try Self.decode(try ReferralCalibration(samples: samples).contractJSON())
        let scores = Set(samples.map(\.score))
        #expect(object["nt"].map { Set($0.keys) } == ["0.95", "0.97", "0.98", "0.99"])
        #expect(object.values.allSatisfy { $0.values.allSatisfy(scores.contains) })
    }

    @Test func targetLists() throws {
        #expect(try ReferralTarget.list("0.95,0.97,0.98,0.99") == ReferralTarget.standardGrid)
        #expect(try ReferralTarget.list(" 1 ").map(\.label) == ["1"])
        for bad in ["", "0.9,", "0.9,abc", "0", "1.5", "-0.9", "0.95,0.950", "nan", "inf"] {
            #expect(throws: StudyError.self, "\(bad)") { try ReferralTarget.list(bad) }
        }
    }
}
