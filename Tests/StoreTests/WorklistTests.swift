// The worklist: views present in screening order, newest first, JSON contract field names.
import Foundation
import MammoCore
@testable import Store
import Testing

@Suite struct WorklistTests {
    @Test(arguments: Backend.allCases) func emptyLibraryHasAnEmptyWorklist(_ backend: Backend) throws {
        #expect(try makeLibrary(backend).0.worklist().isEmpty)
    }

    @Test(arguments: Backend.allCases) func viewsComeInScreeningOrderAndOtherViewsCountAsImages(_ backend: Backend) throws {
        let db = try makeLibrary(backend).0
        var extra = ImageSummary.fixture(view: ViewKey(side: .left, view: .xccl))
        extra.sopInstanceUID += ".77"
        extra.path += ".xccl"
        var unknown = ImageSummary.fixture(view: .rightCC)
        unknown.sopInstanceUID += ".78"
        unknown.path += ".unknown"
        unknown.side = nil
        try db.add([extra, unknown] + ImageSummary.exam(views: [.leftMLO, .rightCC, .rightMLO]))
        let entry = try #require(try db.worklist().first)
        #expect(entry.views == ["RCC", "RMLO", "LMLO"])
        #expect(entry.imageCount == 5)
    }

    @Test(arguments: Backend.allCases) func sortedByDateDescendingThenPatient(_ backend: Backend) throws {
        let db = try makeLibrary(backend).0
        try db.add(ImageSummary.exam(patient: "P003", study: "1.3", date: "20230101"))
        try db.add(ImageSummary.exam(patient: "P002", study: "1.2", date: "20240101"))
        try db.add(ImageSummary.exam(patient: "P001", study: "1.1", date: "20240101"))
        try db.add(ImageSummary.exam(patient: "P000", study: "1.0", date: ""))
        let list = try db.worklist()
        #expect(list.map(\.patientID) == ["P001", "P002", "P003", "P000"])
        #expect(list.first?.formattedStudyDate == "2024-01-01")
        #expect(list.first?.patientName == "DOE, JANE")
    }

    @Test(arguments: Backend.allCases) func jsonHasTheContractFields(_ backend: Backend) throws {
        let db = try makeLibrary(backend).0
        try db.add(ImageSummary.exam())
        let data = try JSONEncoder().encode(try db.worklist())
        let objects = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        let keys = Set(try #require(objects.first).keys)
        #expect(keys.isSuperset(of: ["studyInstanceUID", "patientID", "studyDate", "views", "imageCount", "hasPrior"]))
    }
}
