// The plan: the documented derivation (orders computed independently in Python from the comment
// in ReaderStudyPlan.swift), determinism, crossover balance, every case once per reader × arm.
import Foundation
import MammoCore
import Testing
@testable import Study

@Suite struct ReaderStudyPlanTests {
    @Test func caseOrdersFollowTheDocumentedDerivation() throws {
        // python3: SplitMix64 chain of seed 42, reader i, arm a; Durstenfeld shuffle of 1.2.1 ... 1.2.8.
        let plan = try ReaderStudyPlan(ReaderStudyFixture.design())
        let a = try #require(plan.reader("a")), b = try #require(plan.reader("b"))
        #expect(a.cases(in: .unaided) == ["1.2.1", "1.2.3", "1.2.5", "1.2.6", "1.2.8", "1.2.2", "1.2.4", "1.2.7"])
        #expect(a.cases(in: .secondLook) == ["1.2.1", "1.2.3", "1.2.5", "1.2.7", "1.2.8", "1.2.2", "1.2.6", "1.2.4"])
        #expect(b.cases(in: .unaided) == ["1.2.6", "1.2.7", "1.2.5", "1.2.1", "1.2.3", "1.2.4", "1.2.8", "1.2.2"])
        #expect(b.cases(in: .secondLook) == ["1.2.8", "1.2.1", "1.2.2", "1.2.4", "1.2.6", "1.2.3", "1.2.5", "1.2.7"])
        let other = try ReaderStudyPlan(ReaderStudyFixture.design(seed: 43))
        #expect(other.reader("a")?.cases(in: .unaided) == ["1.2.3", "1.2.6", "1.2.8", "1.2.2", "1.2.7", "1.2.1", "1.2.5", "1.2.4"])
    }

    @Test func sameDesignSamePlanOtherSeedOtherOrders() throws {
        let cases = (1...200).map { "2.25.\($0)" }
        let first = try ReaderStudyPlan(ReaderStudyFixture.design(cases: cases, seed: 7))
        let again = try ReaderStudyPlan(ReaderStudyFixture.design(cases: cases, seed: 7))
        #expect(first == again)
        let other = try ReaderStudyPlan(ReaderStudyFixture.design(cases: cases, seed: 8))
        for (x, y) in zip(first.readers, other.readers) {
            #expect(x.arms == y.arms)  // the crossover does not depend on the seed
            for arm in x.arms { #expect(x.cases(in: arm) != y.cases(in: arm)) }
        }
        // Within one plan, readers and arms get different orders too.
        let orders = first.readers.flatMap { r in r.arms.map { r.cases(in: $0) } }
        #expect(Set(orders).count == orders.count)
        #expect(orders.allSatisfy { $0 != cases })
    }

    @Test func everyCaseExactlyOncePerReaderAndArm() throws {
        let cases = (1...97).map { "1.3.\($0)" }
        let plan = try ReaderStudyPlan(ReaderStudyFixture.design(readers: (1...5).map { "r\($0)" }, arms: [.unaided, .concurrent, .referral], cases: cases))
        #expect(plan.readers.count == 5)
        for reader in plan.readers {
            #expect(reader.arms.count == 3 && Set(reader.arms).count == 3)
            for arm in reader.arms {
                let order = reader.cases(in: arm)
                #expect(order.count == 97 && Set(order) == Set(cases))
            }
        }
    }

    @Test func twoArmCrossoverIsBalanced() throws {
        let plan = try ReaderStudyPlan(ReaderStudyFixture.design())
        #expect(plan.readers.map(\.arms) == [[.unaided, .secondLook], [.secondLook, .unaided], [.unaided, .secondLook], [.secondLook, .unaided]])
        #expect(plan.readers.filter { $0.arms.first == .unaided }.count == 2)
        #expect(plan.readers.filter { $0.arms.first == .secondLook }.count == 2)
    }

    @Test func threeArmsRotateAsALatinSquare() throws {
        let plan = try ReaderStudyPlan(ReaderStudyFixture.design(readers: ["a", "b", "c", "d", "e", "f"], arms: [.unaided, .concurrent, .secondLook]))
        #expect(plan.readers.map(\.arms) == [
            [.unaided, .concurrent, .secondLook], [.concurrent, .secondLook, .unaided], [.secondLook, .unaided, .concurrent],
            [.unaided, .concurrent, .secondLook], [.concurrent, .secondLook, .unaided], [.secondLook, .unaided, .concurrent],
        ])
        // Each arm takes each reading position for exactly 2 of the 6 readers.
        for position in 0..<3 {
            for arm in [ReadingProtocol.unaided, .concurrent, .secondLook] {
                #expect(plan.readers.filter { $0.arms[position] == arm }.count == 2)
            }
        }
    }
}
