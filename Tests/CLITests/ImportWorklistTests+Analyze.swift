// `mammoterm analyze` end to end on two sample exams: results stored and shown in the
// worklist's `ai` field, a rerun skipping what is up to date, a study whose file went missing
// reported and skipped while the other is analysed.
import Foundation
import Testing
import TerminalTestSupport

extension ImportWorklistTests {
    @Test func analyzeFillsTheAIColumnResumesAndSkipsABrokenStudy() throws {
        defer { cleanUp() }
        let samples = TerminalTools.repositoryRoot.appendingPathComponent("samples")
        let fm = FileManager.default
        for exam in ["SYN-0003/20250426", "SYN-0009/20251014"] {
            let to = work.appendingPathComponent("in/\(exam)")
            try fm.createDirectory(at: to.deletingLastPathComponent(), withIntermediateDirectories: true)
            try fm.copyItem(at: samples.appendingPathComponent(exam), to: to)
        }
        #expect(try run(["import", work.appendingPathComponent("in").path, "--library", library]).status == 0)
        let first = try run(["analyze", "--all", "--samples", "1", "--library", library])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Analysed 2 studies with mammoterm-lesion"))
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(try run(["worklist", "--json", "--library", library]).stdout.utf8)) as? [[String: Any]])
        let scores = Dictionary(uniqueKeysWithValues: entries.map { ($0["patientID"] as? String ?? "", ($0["ai"] as? [String: Any])?["score"] as? Double) })
        let cancer = try #require(scores["SYN-0003"] ?? nil), normal = try #require(scores["SYN-0009"] ?? nil)
        #expect(cancer > normal, "the cancer exam scores above the normal one (\(cancer) vs \(normal))")
        // The samples are what the model was made for: no out-of-domain caveat.
        #expect(entries.allSatisfy { ($0["ai"] as? [String: Any])?["outOfDomain"] as? Bool == false && ($0["ai"] as? [String: Any])?["outOfDomainReason"] is NSNull })
        // Lesion sizes in millimetres beside the pixel box: the samples' ImagerPixelSpacing is 0.28 mm.
        let cancerUID = try #require(entries.first { $0["patientID"] as? String == "SYN-0003" }?["studyInstanceUID"] as? String)
        let findings = try #require(try JSONSerialization.jsonObject(with: Data(try run(["findings", cancerUID, "--json", "--library", library]).stdout.utf8)) as? [String: Any])
        let lesions = try #require(findings["lesions"] as? [[String: Any]])
        #expect(!lesions.isEmpty)
        #expect(findings["outOfDomain"] as? Bool == false && findings["outOfDomainReason"] is NSNull)
        for lesion in lesions {
            let box = try #require(lesion["box"] as? [String: Double]), size = try #require(lesion["sizeMM"] as? [String: Double])
            #expect(abs((size["width"] ?? 0) - (box["width"] ?? 0) * 0.28) <= 0.05 && abs((size["height"] ?? 0) - (box["height"] ?? 0) * 0.28) <= 0.05,
                    "\(size) for a \(box) px box")
            // The location in a report's words: the view's side, a depth third, mm from the nipple.
            let location = try #require(lesion["location"] as? [String: Any])
            #expect(Set(location.keys) == ["side", "clock", "depth", "nippleDistanceMM", "aspect"])
            #expect(location["side"] as? String == (lesion["view"] as? String).map { String($0.prefix(1)) })
            #expect(["anterior", "middle", "posterior"].contains(location["depth"] as? String ?? ""))
            #expect((location["nippleDistanceMM"] as? Double ?? 0) > 0)
        }
        // A lesion the model matched on CC and MLO has one clock, the same on both views.
        let paired = Dictionary(grouping: lesions.filter { $0["pair"] is Int }, by: { $0["pair"] as? Int ?? 0 }).values.first { $0.count == 2 }
        let pair = try #require(paired, "the cancer is found on both views")
        let clocks = pair.map { ($0["location"] as? [String: Any])?["clock"] as? Int }
        #expect(clocks[0] != nil && clocks[0] == clocks[1], "\(clocks)")
        #expect(try run(["findings", cancerUID, "--library", library]).stdout.contains("o'clock"))

        let again = try run(["analyze", "--all", "--samples", "1", "--library", library])
        #expect(again.stdout.contains("Analysed 0 studies") && again.stdout.contains("2 up to date"))

        // One view of the normal exam gone: that study fails with its reason, the other runs.
        try fm.removeItem(at: work.appendingPathComponent("in/SYN-0009/20251014/RCC.dcm"))
        let forced = try run(["analyze", "--all", "--samples", "1", "--force", "--library", library])
        #expect(forced.status == 1, "a failed study is a non-zero exit")
        #expect(forced.stdout.contains("Analysed 1 studies") && forced.stdout.contains("1 failed"))
        #expect(forced.stderr.contains("RCC.dcm"), "the failure names the file: \(forced.stderr)")

        let unknown = try run(["analyze", "1.2.3.4", "--library", library])
        #expect(unknown.status == 1 && unknown.stderr.contains("1.2.3.4: not in the library"))
        let badModel = try run(["analyze", "--all", "--model", work.appendingPathComponent("missing.onnx").path, "--library", library])
        #expect(badModel.status == 1 && badModel.stderr.contains("missing"))
    }
}
