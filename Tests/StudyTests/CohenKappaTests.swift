// Cohen's kappa on a hand-worked 2x2 table and edge cases.
import Testing
@testable import Study

@Suite struct CohenKappaTests {
    /// 50 exams: both recall 20, only A 5, only B 10, neither 15.
    /// p_o = 35/50 = 0.7; A recalls 0.5, B 0.6; p_e = 0.5 x 0.6 + 0.5 x 0.4 = 0.5; kappa = 0.4.
    static let a = Array(repeating: true, count: 25) + Array(repeating: false, count: 25)
    static let b = Array(repeating: true, count: 20) + Array(repeating: false, count: 5) + Array(repeating: true, count: 10) + Array(repeating: false, count: 15)

    @Test func handWorkedTable() throws {
        let kappa = try CohenKappa(Self.a, Self.b)
        #expect(abs(kappa.observedAgreement - 0.7) < 1e-12)
        #expect(abs(kappa.chanceAgreement - 0.5) < 1e-12)
        #expect(abs(try #require(kappa.value) - 0.4) < 1e-12)
        // Symmetric in the raters.
        #expect(abs(try #require(try CohenKappa(Self.b, Self.a).value) - 0.4) < 1e-12)
    }

    @Test func weightsActLikeRepeatedCases() throws {
        // The table above folded to four cases weighted by their cell counts.
        let kappa = try CohenKappa([true, true, false, false], [true, false, true, false], weights: [20, 5, 10, 15])
        #expect(abs(try #require(kappa.value) - 0.4) < 1e-12)
    }

    @Test func categoricalCalls() throws {
        // Perfect agreement over several categories is 1; a constant pair of raters is undefined.
        #expect(try CohenKappa(["1", "2", "4A", "2"], ["1", "2", "4A", "2"]).value == 1)
        #expect(try CohenKappa(["2", "2"], ["2", "2"]).value == nil)
        // Agreement no better than chance: A alternates, B constant.
        #expect(try CohenKappa(["1", "2", "1", "2"], ["1", "1", "1", "1"]).value == 0)
    }

    @Test func mismatchedInputsAreErrors() {
        #expect(throws: StudyError.self) { try CohenKappa([true], [true, false]) }
        #expect(throws: StudyError.self) { try CohenKappa([true, false], [true, false], weights: [1]) }
        #expect(throws: StudyError.self) { try CohenKappa([true, false], [true, false], weights: [1, -1]) }
        #expect(throws: StudyError.self) { try CohenKappa([Bool](), [Bool]()) }
    }
}
