// What the planner does for shift scenarios: dates over weeks, prevalence, density mix, and
// identities that never collide across sites, systems and periods.
import MammoCore
import Testing
@testable import Synth

@Suite struct ShiftScenarioPlannerTests {
    static func day(_ text: String) -> Int { CivilDate(dicom: text)?.daysSinceEpoch ?? Int.min }

    @Test func studyDatesSpreadOverTheWeeks() throws {
        let options = SynthOptions(examCount: 60, seed: 3, site: "North", weeks: 12, startDate: "20250303")
        let patients = CohortPlanner.plan(options)
        let start = ShiftScenarioPlannerTests.day("20250303")
        var perWeek = [Int](repeating: 0, count: 12)
        for patient in patients {
            let current = try #require(patient.exams.first)
            let offset = ShiftScenarioPlannerTests.day(current.studyDate) - start
            #expect((0..<84).contains(offset), "\(current.studyDate) outside the 12 weeks")
            if (0..<84).contains(offset) { perWeek[offset / 7] += 1 }
            // Screening days: the first five of each week.
            #expect(offset % 7 < 5)
            for prior in patient.exams.dropFirst() {
                let gap = ShiftScenarioPlannerTests.day(current.studyDate) - ShiftScenarioPlannerTests.day(prior.studyDate)
                #expect((330...760).contains(gap), "prior \(gap) days before")
            }
        }
        #expect(perWeek.allSatisfy { $0 == 5 }, "exams per week \(perWeek)")
        // The same options plan the same dates; another seed others.
        #expect(CohortPlanner.plan(options).map { $0.exams[0].studyDate } == patients.map { $0.exams[0].studyDate })
        var other = options
        other.seed = 4
        #expect(CohortPlanner.plan(other).map { $0.exams[0].studyDate } != patients.map { $0.exams[0].studyDate })
    }

    @Test func fewerExamsThanWeeksStillStayInTheSpan() {
        let options = SynthOptions(examCount: 3, seed: 1, weeks: 8, startDate: "20251006")
        let start = ShiftScenarioPlannerTests.day("20251006")
        let weeks = CohortPlanner.plan(options).map { (ShiftScenarioPlannerTests.day($0.exams[0].studyDate) - start) / 7 }
        #expect(Set(weeks).count == 3 && weeks.allSatisfy { (0..<8).contains($0) })
    }

    @Test(arguments: [0.05, 0.3, 0.6])
    func prevalenceIsHonoured(prevalence: Double) {
        var options = SynthOptions(examCount: 200, seed: 21)
        options.prevalence = prevalence
        let cancers = CohortPlanner.plan(options).filter { $0.exams[0].cancer }.count
        // Within three binomial standard deviations (the planner deals exact counts, so this is loose).
        let sd = (200 * prevalence * (1 - prevalence)).squareRoot()
        #expect(abs(Double(cancers) - 200 * prevalence) <= 3 * sd, "\(cancers) cancers at prevalence \(prevalence)")
        #expect(options.cancerShare == prevalence)
    }

    @Test func densityMixIsHonoured() {
        let mix: [BreastDensity: Double] = [.a: 0.5, .b: 0.3, .c: 0.15, .d: 0.05]
        let patients = CohortPlanner.plan(SynthOptions(examCount: 200, seed: 8, densityMix: mix))
        for (density, share) in mix {
            let count = Double(patients.filter { $0.density == density }.count)
            let sd = (200 * share * (1 - share)).squareRoot()
            #expect(abs(count - 200 * share) <= 3 * sd, "\(count) of density \(density.rawValue), share \(share)")
        }
        let noDense = CohortPlanner.plan(SynthOptions(examCount: 40, seed: 8, densityMix: [.a: 0.5, .b: 0.5, .c: 0, .d: 0]))
        #expect(noDense.allSatisfy { $0.density == .a || $0.density == .b })
        #expect(noDense.filter { $0.density == .a }.count == 20)
    }

    @Test func defaultDensitiesAreUnchanged() {
        // Without a mix every density appears among the first four patients, as before.
        let patients = CohortPlanner.plan(SynthOptions(examCount: 4, seed: 30))
        #expect(Set(patients.map(\.density)) == Set(BreastDensity.allCases))
    }

    @Test func identitiesNeverCollideAcrossSitesSystemsAndPeriods() {
        let runs: [SynthOptions] = [
            SynthOptions(examCount: 12, seed: 5),
            SynthOptions(examCount: 12, seed: 5, site: "North"),
            SynthOptions(examCount: 12, seed: 5, site: "South"),
            SynthOptions(examCount: 12, seed: 5, profile: .vendorB),
            SynthOptions(examCount: 12, seed: 5, profile: .vendorB, site: "North"),
            SynthOptions(examCount: 12, seed: 5, profile: .lowDose, site: "North"),
            SynthOptions(examCount: 12, seed: 5, site: "North", weeks: 6, startDate: "20250106"),
            SynthOptions(examCount: 12, seed: 5, site: "North", weeks: 6, startDate: "20250217"),
        ]
        var patientIDs = Set<String>(), uids = Set<String>(), accessions = Set<String>()
        var expectedPatients = 0, expectedUIDs = 0
        for options in runs {
            for patient in CohortPlanner.plan(options) {
                patientIDs.insert(patient.patientID)
                expectedPatients += 1
                for exam in patient.exams {
                    uids.insert(exam.studyInstanceUID)
                    uids.insert(exam.seriesInstanceUID)
                    accessions.insert(exam.accessionNumber)
                    expectedUIDs += 2
                    #expect(exam.accessionNumber.count <= 16)
                }
                #expect(patient.patientID.count <= 64)
            }
        }
        #expect(patientIDs.count == expectedPatients)
        #expect(uids.count == expectedUIDs)
        #expect(accessions.count == expectedUIDs / 2)
    }

    @Test func theDefaultRunKeepsItsIdentifiers() {
        let options = SynthOptions(examCount: 3, seed: 5)
        #expect(options.identityTag.isEmpty && options.identityCode.isEmpty && options.populationSeed == 5)
        let ids = CohortPlanner.plan(options).map(\.patientID)
        #expect(ids == ["SYN-0001", "SYN-0002", "SYN-0003"])
        let sited = SynthOptions(examCount: 3, seed: 5, site: "North")
        #expect(sited.identityCode.count == 6)
        #expect(CohortPlanner.plan(sited).allSatisfy { $0.patientID.hasPrefix("SYN-\(sited.identityCode)-") })
    }

    @Test func anotherSystemAtTheSameSiteImagesTheSameWomen() {
        let a = CohortPlanner.plan(SynthOptions(examCount: 8, seed: 5, site: "North"))
        let b = CohortPlanner.plan(SynthOptions(examCount: 8, seed: 5, profile: .vendorB, site: "North"))
        let c = CohortPlanner.plan(SynthOptions(examCount: 8, seed: 5, site: "South"))
        #expect(a.map(\.anatomySeed) == b.map(\.anatomySeed))
        #expect(a.map(\.anatomySeed) != c.map(\.anatomySeed))
    }

    @Test func startDatesMustBeCalendarDates() {
        #expect(SynthOptions.isDate("20240229"))
        #expect(!SynthOptions.isDate("20250229"))
        #expect(!SynthOptions.isDate("2025-01-06"))
        #expect(!SynthOptions.isDate("20251301"))
    }
}
