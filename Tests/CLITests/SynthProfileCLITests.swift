// `mammoterm synth` for shift scenarios: --list-profiles, an unknown profile refused by name,
// and --site / --weeks / --profile written into the files (as dcmdump reads them).
import Foundation
import Testing
import TerminalTestSupport

@Suite(.serialized) struct SynthProfileCLITests {
    let work: URL

    init() throws {
        work = FileManager.default.temporaryDirectory.appendingPathComponent("mammoterm-synth-profile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    }

    @Test func listsTheProfiles() throws {
        defer { try? FileManager.default.removeItem(at: work) }
        let listed = try Hardening.run(["synth", "--list-profiles"], in: work)
        try #require(listed.status == 0, "\(listed.all)")
        let lines = listed.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count >= 3, "\(listed.stdout)")
        let names = lines.compactMap { $0.split(separator: "\t").first.map(String.init) }
        #expect(names.contains("default") && names.contains("vendor-b") && names.contains("low-dose"), "\(names)")
        // name, manufacturer, model, description
        #expect(lines.allSatisfy { $0.split(separator: "\t").count == 4 }, "\(lines)")
    }

    @Test func refusesAnUnknownProfileByName() throws {
        defer { try? FileManager.default.removeItem(at: work) }
        let refused = try Hardening.run(["synth", "--exams", "1", "--profile", "nosuch", "--out", work.appendingPathComponent("x").path], in: work)
        #expect(refused.status != 0)
        #expect(refused.all.contains("nosuch") && refused.all.contains("vendor-b") && refused.all.contains("low-dose"), "\(refused.all)")
        #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("x").path))
        let badDate = try Hardening.run(["synth", "--exams", "1", "--weeks", "4", "--start-date", "20250230", "--out", work.path], in: work)
        #expect(badDate.status != 0 && badDate.all.contains("--start-date"), "\(badDate.all)")
        let badMix = try Hardening.run(["synth", "--exams", "1", "--density-mix", "0.5,0.5,0.5,0", "--out", work.path], in: work)
        #expect(badMix.status != 0 && badMix.all.contains("sum to 1"), "\(badMix.all)")
    }

    /// One attribute's value as dcmdump prints it ("[North]" → "North").
    static func dump(_ path: String, _ tag: String) throws -> String {
        let result = try TerminalTools.run("dcmdump", ["+P", tag, path])
        let line = result.output.split(separator: "\n").first { $0.contains("(\(tag.lowercased()))") } ?? ""
        guard let open = line.firstIndex(of: "["), let close = line[open...].firstIndex(of: "]") else {
            return line.contains("(no value available)") ? "" : String(line)
        }
        return String(line[line.index(after: open)..<close])
    }

    @Test func writesSiteSystemAndWeeks() throws {
        defer { try? FileManager.default.removeItem(at: work) }
        guard TerminalTools.runnable(["dcmdump"]) else { return }
        let out = work.appendingPathComponent("north")
        let made = try Hardening.run(["synth", "--exams", "4", "--seed", "5", "--site", "North Clinic", "--profile", "vendor-b",
                                      "--weeks", "2", "--start-date", "20250303", "--compression", "none", "--out", out.path], in: work)
        try #require(made.status == 0, "\(made.all)")
        let files = (FileManager.default.enumerator(atPath: out.path)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".dcm") }.sorted()
        try #require(files.count >= 16, "synth wrote \(files)")
        var currentDates = Set<String>()
        for file in files {
            let path = out.appendingPathComponent(file).path
            #expect(try SynthProfileCLITests.dump(path, "0008,0080") == "North Clinic")
            #expect(try SynthProfileCLITests.dump(path, "0008,0070") == "Bravura Imaging")
            #expect(try SynthProfileCLITests.dump(path, "0008,1090") == "Lumen DR 3")
            #expect(try SynthProfileCLITests.dump(path, "0018,0060") == "30")
            #expect(Int(try SynthProfileCLITests.dump(path, "0018,1152")) ?? 0 > 0)
            #expect(try SynthProfileCLITests.dump(path, "0010,1010").hasSuffix("Y"))
            let date = try SynthProfileCLITests.dump(path, "0008,0020")
            if date >= "20250303" { currentDates.insert(date) }
        }
        // Four current exams over two weeks from 3 March 2025 (priors are a year or two earlier).
        #expect(!currentDates.isEmpty && currentDates.allSatisfy { $0 >= "20250303" && $0 < "20250317" }, "\(currentDates)")
        #expect(currentDates.contains { $0 < "20250310" } && currentDates.contains { $0 >= "20250310" }, "\(currentDates)")
        #expect(files.allSatisfy { $0.hasPrefix("SYN-") && !$0.hasPrefix("SYN-0") }, "\(files)")
        if Dciodvfy.available() {
            let verdict = try Dciodvfy.check(out.appendingPathComponent(files[0]).path)
            #expect(verdict.errors.isEmpty, "\(verdict.text)")
        }
    }
}
