// Prior-study links: the most recent earlier exam of the same patient, relinked as exams arrive.
import MammoCore
@testable import Store
import Testing

@Suite struct PriorTests {
    func priors(_ db: Database) throws -> [String: String?] {
        Dictionary(uniqueKeysWithValues: try db.worklist().map { ($0.studyInstanceUID, $0.priorStudyInstanceUID) })
    }

    @Test(arguments: Backend.allCases) func eachStudyLinksToTheMostRecentEarlierOne(_ backend: Backend) throws {
        let db = try makeLibrary(backend).0
        try db.add(ImageSummary.exam(study: "1.1.2022", date: "20220301"))
        try db.add(ImageSummary.exam(study: "1.1.2024", date: "20240301"))
        try db.add(ImageSummary.exam(study: "1.1.2023", date: "20230301"))
        let links = try priors(db)
        #expect(links["1.1.2022"] == .some(nil))
        #expect(links["1.1.2023"] == "1.1.2022")
        #expect(links["1.1.2024"] == "1.1.2023")
        #expect(try db.worklist().map(\.hasPrior) == [true, true, false])
    }

    @Test(arguments: Backend.allCases) func anEvenEarlierStudyIsLinkedBeneathTheOldestOne(_ backend: Backend) throws {
        let db = try makeLibrary(backend).0
        try db.add(ImageSummary.exam(study: "1.1.2023", date: "20230301"))
        try db.add(ImageSummary.exam(study: "1.1.2024", date: "20240301"))
        #expect(try priors(db)["1.1.2023"] == .some(nil))
        try db.add(ImageSummary.exam(study: "1.1.2019", date: "20190301"))
        let links = try priors(db)
        #expect(links["1.1.2023"] == "1.1.2019")
        #expect(links["1.1.2024"] == "1.1.2023")
        #expect(links["1.1.2019"] == .some(nil))
    }

    @Test(arguments: Backend.allCases) func sameDayStudiesAreOrderedByTime(_ backend: Backend) throws {
        let db = try makeLibrary(backend).0
        try db.add(ImageSummary.exam(study: "1.1.pm", date: "20240301", time: "150000"))
        try db.add(ImageSummary.exam(study: "1.1.am", date: "20240301", time: "090000"))
        #expect(try priors(db)["1.1.pm"] == "1.1.am")
        #expect(try priors(db)["1.1.am"] == .some(nil))
    }

    @Test(arguments: Backend.allCases) func otherPatientsUndatedStudiesAndMissingIDsAreNeverPriors(_ backend: Backend) throws {
        let db = try makeLibrary(backend).0
        try db.add(ImageSummary.exam(patient: "P001", study: "1.1.a", date: "20200101"))
        try db.add(ImageSummary.exam(patient: "P002", study: "1.2.b", date: "20240101"))
        try db.add(ImageSummary.exam(patient: "P002", study: "1.2.undated", date: ""))
        try db.add(ImageSummary.exam(patient: "", study: "1.3.x", date: "20190101"))
        try db.add(ImageSummary.exam(patient: "", study: "1.3.y", date: "20240101"))
        let links = try priors(db)
        #expect(links["1.2.b"] == .some(nil))
        #expect(links["1.2.undated"] == .some(nil))
        #expect(links["1.3.y"] == .some(nil))
    }

    @Test(arguments: Backend.allCases) func reDatingAStudyRelinks(_ backend: Backend) throws {
        let db = try makeLibrary(backend).0
        try db.add(ImageSummary.exam(study: "1.1.a", date: "20200101"))
        try db.add(ImageSummary.exam(study: "1.1.b", date: "20210101"))
        #expect(try priors(db)["1.1.b"] == "1.1.a")
        // A corrected file moves study a after b.
        var corrected = ImageSummary.exam(study: "1.1.a", date: "20220101")
        for i in corrected.indices { corrected[i].fileModified += 1 }
        try db.add(corrected)
        #expect(try priors(db)["1.1.a"] == "1.1.b")
        #expect(try priors(db)["1.1.b"] == .some(nil))
    }
}
