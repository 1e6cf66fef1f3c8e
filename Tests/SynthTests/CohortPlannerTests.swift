// The exam mix, priors, identities and dates the planner decides, and that it is deterministic.
import MammoCore
import Testing
@testable import Synth

@Suite struct CohortPlannerTests {
    static let options = SynthOptions(examCount: 10, seed: 7)

    @Test func mixOfNormalBenignAndCancer() {
        let patients = CohortPlanner.plan(CohortPlannerTests.options)
        #expect(patients.count == 10)
        let categories = patients.map(\.category)
        #expect(categories.filter { $0 == .cancer }.count == 3)
        #expect(categories.filter { $0 == .benign }.count == 3)
        #expect(categories.filter { $0 == .normal }.count == 4)
        #expect(Set(patients.map(\.density)) == Set(BreastDensity.allCases))
        for p in patients {
            let current = p.exams[0]
            #expect(!current.isPrior)
            switch p.category {
            case .normal: #expect(current.lesions.isEmpty && current.birads == .category1 && !current.cancer)
            case .benign: #expect(!current.lesions.isEmpty && current.birads == .category2 && !current.cancer)
            case .cancer: #expect(current.cancer && current.birads >= .category4A)
            }
            for lesion in current.lesions {
                #expect((lesion.pathology == .malignant) == (lesion.shape == .spiculated || lesion.shape == .irregular || lesion.shape == .pleomorphic))
            }
        }
    }

    @Test func identitiesAreObviouslySynthetic() {
        let patients = CohortPlanner.plan(CohortPlannerTests.options)
        #expect(patients[6].patientID == "SYN-0007")
        #expect(patients[6].patientName == "SYNTH^PATIENT 0007")
        #expect(Set(patients.flatMap { $0.exams.map(\.studyInstanceUID) }).count == patients.reduce(0) { $0 + $1.exams.count })
    }

    @Test func priorsAreEarlierExamsOfTheSamePatient() throws {
        let patients = CohortPlanner.plan(CohortPlannerTests.options)
        let withPrior = patients.filter { $0.exams.count == 2 }
        #expect(withPrior.count == 3)
        #expect(withPrior.contains { $0.category == .cancer })
        for p in withPrior {
            let current = p.exams[0], prior = p.exams[1]
            #expect(prior.isPrior && prior.patientID == current.patientID)
            #expect(prior.studyDate < current.studyDate)
            #expect(prior.studyInstanceUID != current.studyInstanceUID)
            #expect(current.priorStudyInstanceUID == prior.studyInstanceUID)
            #expect(prior.priorStudyInstanceUID == nil)
            // A prior shows nothing new: its lesions are the current ones, no larger.
            for lesion in prior.lesions {
                let now = try #require(current.lesions.first { $0.id == lesion.id })
                #expect(lesion.diameterMM <= now.diameterMM)
            }
            let days = CivilDate(year: Int(current.studyDate.prefix(4)) ?? 0, month: Int(current.studyDate.dropFirst(4).prefix(2)) ?? 0,
                                 day: Int(current.studyDate.suffix(2)) ?? 0).daysSinceEpoch
                - CivilDate(year: Int(prior.studyDate.prefix(4)) ?? 0, month: Int(prior.studyDate.dropFirst(4).prefix(2)) ?? 0,
                            day: Int(prior.studyDate.suffix(2)) ?? 0).daysSinceEpoch
            #expect((330...760).contains(days))
        }
    }

    @Test func sameSeedSamePlanDifferentSeedDifferentPlan() {
        let a = CohortPlanner.plan(CohortPlannerTests.options), b = CohortPlanner.plan(CohortPlannerTests.options)
        let c = CohortPlanner.plan(SynthOptions(examCount: 10, seed: 8))
        #expect(a.map { $0.exams.map(\.studyInstanceUID) } == b.map { $0.exams.map(\.studyInstanceUID) })
        #expect(a.map { $0.exams.map(\.lesions) } == b.map { $0.exams.map(\.lesions) })
        #expect(a.map(\.anatomySeed) != c.map(\.anatomySeed))
    }

    @Test func civilDatesRoundTrip() {
        #expect(CivilDate(year: 1970, month: 1, day: 1).daysSinceEpoch == 0)
        #expect(CivilDate(year: 2000, month: 3, day: 1).daysSinceEpoch == 11017)
        #expect(CivilDate(daysSinceEpoch: 11016).dicom == "20000229")
        for day in stride(from: -1000, to: 30000, by: 37) {
            let date = CivilDate(daysSinceEpoch: day)
            #expect(date.daysSinceEpoch == day)
        }
    }
}
