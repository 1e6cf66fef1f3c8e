// The score CSV: columns by name in any order, clear errors with line numbers.
import Foundation
import Testing
@testable import Study

@Suite struct ScoredSampleCSVTests {
    @Test func readsColumnsByNameInAnyOrder() throws {
        #expect(try ScoredSampleCSV.parse(HandWorked.csv) == HandWorked.samples)
    }

    @Test func weightDefaultsToOneAndFormattingVariantsAreAccepted() throws {
        let text = "\u{FEFF}Label, \"Score\"\r\n1,\"0.75\"\r\n\r\n0.0,1e-3\r\n1.0,  2\r\n"
        #expect(try ScoredSampleCSV.parse(text) == [
            ScoredSample(score: 0.75, isCancer: true), ScoredSample(score: 0.001, isCancer: false), ScoredSample(score: 2, isCancer: true),
        ])
    }

    @Test func readsAFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("study-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(HandWorked.csv.utf8).write(to: url)
        #expect(try ScoredSampleCSV.read(path: url.path) == HandWorked.samples)
        let missing = url.path + ".absent"
        #expect { try ScoredSampleCSV.read(path: missing) } throws: { ($0 as? StudyError)?.path == missing }
    }

    @Test("errors name the line", arguments: [
        ("score,weight\n0.5,1\n", 1, "no 'label' column"),
        ("label\n1\n", 1, "no 'score' column"),
        ("score,label,score\n0.5,1,0.5\n", 1, "appears 2 times"),
        ("score,label\n0.5,1\n\nabc,0\n", 4, "score 'abc' is not a finite number"),
        ("score,label\n0.5,1\nnan,0\n", 3, "score 'nan' is not a finite number"),
        ("score,label\n0.5,2\n", 2, "must be 1 (cancer) or 0"),
        ("score,label\n0.5,yes\n", 2, "label 'yes' must be 1 (cancer) or 0"),
        ("score,label,weight\n0.5,1,-1\n", 2, "weight -1.0 is negative"),
        ("score,label,weight\n0.5,1,\n", 2, "weight '' is not a finite number"),
        ("score,label\n0.5,1,7\n", 2, "3 fields where the header has 2"),
        ("score,label\n\"0.5,1\n", 2, "quoted field is not closed"),
        ("score,label\n", 1, "a header but no rows"),
    ])
    func errors(text: String, line: Int, reason: String) {
        #expect {
            try ScoredSampleCSV.parse(text, path: "v.csv")
        } throws: { error in
            guard let error = error as? StudyError else { return false }
            return error.line == line && error.reason.contains(reason) && error.description.hasPrefix("v.csv:\(line): CSV: ")
        }
    }

    @Test func emptyFile() {
        #expect { try ScoredSampleCSV.parse("\n\n") } throws: { ($0 as? StudyError)?.reason.contains("empty file") == true }
    }

    @Test func untrustedTextIsMadePrintable() {
        #expect {
            try ScoredSampleCSV.parse("score,label\n\u{1B}]0;x\u{07},1\n")
        } throws: { !"\($0)".contains("\u{1B}") }
    }
}
