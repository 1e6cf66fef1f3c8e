// Remote studies on the worklist: the Where column, the local / remote filters, search by
// archive name, and a reload that keeps filter, search and cursor (a retrieve filed a study).
import MammoCore
import Store
import Testing
import TUI
import Workstation

@Suite("Remote worklist")
struct RemoteWorklistTests {
    static func local(_ uid: String, _ patient: String, _ date: String) -> WorklistEntry {
        WorklistEntry(studyInstanceUID: uid, patientID: patient, patientName: "DOE, JANE", studyDate: date, studyTime: "",
                      studyDescription: "", accessionNumber: "", views: ["RCC", "LCC", "RMLO", "LMLO"], imageCount: 4,
                      priorStudyInstanceUID: nil)
    }

    static let remote = WorklistEntry(remote: RemoteStudy(studyInstanceUID: "1.2.9", patientID: "P9", patientName: "ROE^RICHARD",
                                                          studyDate: "20240301", modalitiesInStudy: ["MG"], numberOfInstances: 4,
                                                          node: "orthanc"))

    @Test func remoteRowsShowWhereAndFilterBySearchAndFilter() {
        var list = WorklistState(entries: [Self.local("1.2.1", "P1", "20240105"), Self.remote])
        let whereColumn = WorklistState.columns.firstIndex { $0.title == "Where" }
        #expect(whereColumn != nil)
        let rows = list.rows
        #expect(rows.cell(0, whereColumn ?? 0) == "local")
        #expect(rows.cell(1, whereColumn ?? 0) == "orthanc")
        #expect(rows.cell(1, 1) == "ROE, RICHARD")
        #expect(Self.remote.isRemote && Self.remote.views.isEmpty && Self.remote.imageCount == 4)

        list.setFilter(.remote, viewport: 10)
        #expect(list.visible == [1])
        list.setFilter(.local, viewport: 10)
        #expect(list.visible == [0])
        list.setFilter(.all, viewport: 10)
        list.setSearch("orth", viewport: 10)
        #expect(list.visible == [1])
        list.setSearch("", viewport: 10)
        list.setDateRange(StudyDateRange(from: "20240201", through: nil), viewport: 10)
        #expect(list.visible == [1])
    }

    @Test func reloadingKeepsFilterSearchAndTheCursorsStudy() {
        var list = WorklistState(entries: [Self.local("1.2.1", "P1", "20240105"), Self.local("1.2.2", "P2", "20240106"), Self.remote])
        list.setSearch("p", viewport: 10)
        list.select(studyUID: "1.2.9", viewport: 10)
        list.markRead("1.2.1")
        // The remote study was retrieved: the library's row replaces the archive's.
        var retrieved = Self.local("1.2.9", "P9", "20240301")
        retrieved.patientName = "ROE, RICHARD"
        let next = list.replacingEntries([Self.local("1.2.1", "P1", "20240105"), Self.local("1.2.2", "P2", "20240106"), retrieved], viewport: 10)
        #expect(next.search == "p")
        #expect(next.selectedEntry?.studyInstanceUID == "1.2.9")
        #expect(next.selectedEntry?.isRemote == false)
        #expect(next.readStage(of: "1.2.1") == .final)
    }

    @Test func theDicomDateRangeFormsAreAccepted() throws {
        #expect(try StudyDateRange.parseQuery("20230101-20240630")?.dicomQuery == "20230101-20240630")
        #expect(try StudyDateRange.parseQuery("20240301-")?.dicomQuery == "20240301-")
        #expect(try StudyDateRange.parseQuery("-20231231")?.dicomQuery == "-20231231")
        #expect(try StudyDateRange.parseQuery("20240105")?.dicomQuery == "20240105")
        #expect(try StudyDateRange.parseQuery("2023..2024-06")?.dicomQuery == "20230101-20240630")
        #expect(try StudyDateRange.parseQuery("2024")?.dicomQuery == "20240101-20241231")
        #expect(throws: WorkstationError.self) { try StudyDateRange.parseQuery("20241301-") }
    }
}
