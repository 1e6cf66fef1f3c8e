// Study flags: per reader, idempotent, kept in the library (file or server) across reopening.
import Foundation
@testable import Store
import Testing

@Suite("Study flags")
struct StudyFlagTests {
    @Test(arguments: Backend.allCases) func flagsArePerReaderAndSurviveReopening(_ backend: Backend) throws {
        let address: String
        do {
            let (db, location) = try makeLibrary(backend)
            address = location
            try db.setFlag(studyInstanceUID: "1.2.3", reader: "r1", flagged: true)
            try db.setFlag(studyInstanceUID: "1.2.3", reader: "r1", flagged: true)
            try db.setFlag(studyInstanceUID: "1.2.4", reader: "r1", flagged: true)
            try db.setFlag(studyInstanceUID: "1.2.4", reader: "r1", flagged: false)
            try db.setFlag(studyInstanceUID: "1.2.5", reader: "r2", flagged: true)
        }
        let reopened = try Database.open(address)
        #expect(try reopened.flaggedStudies(reader: "r1") == ["1.2.3"])
        #expect(try reopened.flaggedStudies(reader: "r2") == ["1.2.5"])
        #expect(try reopened.flaggedStudies(reader: "r3").isEmpty)
    }
}
