// StudyLookup, the one rule for naming a study: exact UID, patient id, unique UID start or end.
import MammoCore
import Store
import Testing

@Suite struct StudyLookupTests {
    static func entry(_ uid: String, patient: String, date: String) -> WorklistEntry {
        WorklistEntry(studyInstanceUID: uid, patientID: patient, patientName: "", studyDate: date, studyTime: "",
                      studyDescription: "", accessionNumber: "", views: [], imageCount: 4, priorStudyInstanceUID: nil)
    }

    static let entries = [
        entry("1.2.3.1", patient: "P001", date: "20220105"),
        entry("1.2.3.2", patient: "P001", date: "20240105"),
        entry("1.2.4.77", patient: "P002", date: "20230105"),
        // A patient id that is also the end of another study's UID: the exact patient id wins.
        entry("7.7.77", patient: "77", date: "20230105"),
    ]

    @Test(arguments: [("1.2.3.1", "1.2.3.1"), ("P001", "1.2.3.2"), ("4.77", "1.2.4.77"), ("1.2.4", "1.2.4.77"),
                      ("77", "7.7.77"), ("7.7", "7.7.77")])
    func findsOneStudy(_ query: String, _ study: String) {
        #expect(StudyLookup(query, in: Self.entries).entry?.studyInstanceUID == study)
    }

    @Test func anAmbiguousOrUnknownQueryNamesTheProblem() {
        let ambiguous = StudyLookup("1.2.3", in: Self.entries)
        #expect(ambiguous == .ambiguous(count: 2))
        #expect(ambiguous.problem("1.2.3")?.hasPrefix("2 studies have a UID starting or ending with 1.2.3") == true)
        #expect(StudyLookup("9.9", in: Self.entries) == .unknown)
        #expect(StudyLookup("", in: Self.entries) == .unknown)
        #expect(StudyLookup("P001", in: Self.entries).problem("P001") == nil)
    }
}
