// The reader-study design: validation names the field, the command line's spellings parse, and
// the stored JSON is stable and round-trips.
import Foundation
import MammoCore
import Testing
@testable import Study

@Suite struct ReaderStudyDesignTests {
    @Test func washoutTexts() throws {
        #expect(try ReaderStudyDesign.washoutSeconds("28d") == 2_419_200)
        #expect(try ReaderStudyDesign.washoutSeconds("12h") == 43_200)
        #expect(try ReaderStudyDesign.washoutSeconds("90m") == 5_400)
        #expect(try ReaderStudyDesign.washoutSeconds("30s") == 30)
        #expect(try ReaderStudyDesign.washoutSeconds("2w") == 1_209_600)
        #expect(try ReaderStudyDesign.washoutSeconds("1.5d") == 129_600)
        #expect(try ReaderStudyDesign.washoutSeconds("0") == 0)
        #expect(try ReaderStudyDesign.washoutSeconds(" 7D ") == 604_800)
        for bad in ["28", "d", "-1d", "+1d", "1e2d", "infd", "4 weeks", "", "3y"] {
            #expect(throws: StudyError.self, "\(bad)") { try ReaderStudyDesign.washoutSeconds(bad) }
        }
        do {
            _ = try ReaderStudyDesign.washoutSeconds("28")
            Issue.record("28 without a unit parsed")
        } catch {
            #expect(error.description == "washout: \"28\" is not a duration such as 28d, 12h, 90m, 30s, 2w or 0")
        }
        #expect(ReaderStudyDesign.washoutText(2_419_200) == "28d")
        #expect(ReaderStudyDesign.washoutText(129_600) == "36h")
        #expect(ReaderStudyDesign.washoutText(5_400) == "90m")
        #expect(ReaderStudyDesign.washoutText(1.5) == "1.5s")
        #expect(ReaderStudyDesign.washoutText(0) == "0")
    }

    @Test func armsAndLists() throws {
        #expect(try ReaderStudyDesign.arms("unaided,second-look") == [.unaided, .secondLook])
        #expect(try ReaderStudyDesign.arms(" referral , Concurrent,unaided ") == [.referral, .concurrent, .unaided])
        #expect(throws: StudyError(context: "arms", reason: "unaided is listed twice")) { try ReaderStudyDesign.arms("unaided,unaided") }
        #expect(throws: StudyError(context: "arms", reason: "\"ai\" is not a reading protocol; use unaided, concurrent, second-look, referral")) {
            try ReaderStudyDesign.arms("unaided,ai")
        }
        #expect(throws: StudyError.self) { try ReaderStudyDesign.arms("unaided") }
        #expect(ReaderStudyDesign.list("a, b,,c ,") == ["a", "b", "c"])
        #expect(ReaderStudyDesign.caseList("studyInstanceUID,label\n1.2.3,1\n\n# skipped\n 1.2.4 \n\"1.2.5\",0\n") == ["1.2.3", "1.2.4", "1.2.5"])
    }

    @Test func validationNamesTheField() throws {
        func reason(_ build: () throws -> ReaderStudyDesign) -> String? {
            do { _ = try build(); return nil } catch { return (error as? StudyError)?.reason }
        }
        let c = ReaderStudyFixture.created
        #expect(reason { try ReaderStudyDesign(name: " ", arms: [.unaided, .concurrent], readers: ["a"], cases: ["1"], seed: 1, createdAt: c) } == "name: must not be empty")
        #expect(reason { try ReaderStudyDesign(name: "s", arms: [.unaided], readers: ["a"], cases: ["1"], seed: 1, createdAt: c) }
                == "arms: a reader study compares at least 2 arms; got 1")
        #expect(reason { try ReaderStudyDesign(name: "s", arms: [.unaided, .unaided], readers: ["a"], cases: ["1"], seed: 1, createdAt: c) }
                == "arms: unaided is listed twice")
        #expect(reason { try ReaderStudyDesign(name: "s", arms: [.unaided, .concurrent], readers: [], cases: ["1"], seed: 1, createdAt: c) }
                == "readers: needs at least 1 reader")
        #expect(reason { try ReaderStudyDesign(name: "s", arms: [.unaided, .concurrent], readers: ["a", ""], cases: ["1"], seed: 1, createdAt: c) }
                == "readers: reader 2 is blank")
        #expect(reason { try ReaderStudyDesign(name: "s", arms: [.unaided, .concurrent], readers: ["a", "a"], cases: ["1"], seed: 1, createdAt: c) }
                == "readers: a is listed twice")
        #expect(reason { try ReaderStudyDesign(name: "s", arms: [.unaided, .concurrent], readers: ["a"], cases: [], seed: 1, createdAt: c) }
                == "cases: needs at least 1 case")
        #expect(reason { try ReaderStudyDesign(name: "s", arms: [.unaided, .concurrent], readers: ["a"], cases: ["1", "1"], seed: 1, createdAt: c) }
                == "cases: 1 is listed twice")
        #expect(reason { try ReaderStudyDesign(name: "s", arms: [.unaided, .concurrent], readers: ["a"], cases: ["1"], washoutSeconds: -1, seed: 1, createdAt: c) }
                == "washoutSeconds: -1.0 is not a duration (finite, >= 0)")
        do {
            _ = try ReaderStudyDesign(name: "pilot", arms: [.unaided, .concurrent], readers: ["a"], cases: ["1", "1"], seed: 1, createdAt: c)
        } catch {
            #expect(error.description == "reader study pilot: cases: 1 is listed twice")
        }
    }

    @Test func jsonIsStableAndRoundTrips() throws {
        let design = try ReaderStudyFixture.design(readers: ["a", "b"], cases: ["1.2.1", "1.2.2"], seed: UInt64.max)
        let json = try design.json()
        #expect(json == #"{"arms":["unaided","second-look"],"cases":["1.2.1","1.2.2"],"createdAt":"2026-03-01T08:00:00Z","format":"mammoterm-reader-study","name":"ai-2026","readers":["a","b"],"seed":"18446744073709551615","version":1,"washoutSeconds":2419200}"#)
        let back = try ReaderStudyDesign(json: json)
        #expect(back == design)
        #expect(try back.json() == json)
    }

    @Test func storedJSONIsChecked() throws {
        let json = try ReaderStudyFixture.design().json()
        #expect(throws: StudyError(context: "reader study design", reason: "version 2 is newer than this mammoterm reads (1); upgrade mammoterm")) {
            try ReaderStudyDesign(json: json.replacingOccurrences(of: #""version":1"#, with: #""version":2"#))
        }
        // A stored design that no longer validates is refused with the field.
        do {
            _ = try ReaderStudyDesign(json: json.replacingOccurrences(of: #""readers":["a","b","c","d"]"#, with: #""readers":["a","a"]"#))
            Issue.record("a repeated reader was accepted")
        } catch {
            #expect(error.reason == "readers: a is listed twice")
        }
        #expect(throws: StudyError.self) { try ReaderStudyDesign(json: "{}") }
    }
}
