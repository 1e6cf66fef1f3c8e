// `mammoterm report mrmc --csv FILE [--json]` with the built binary: the JSON contract's fields on
// the Van Dyke ratings, a bad file named with its line, and plain `report` still the default.
import Foundation
import Testing
import TerminalTestSupport

@Suite(.serialized) struct MRMCCLITests {
    let work: URL

    init() throws {
        work = FileManager.default.temporaryDirectory.appendingPathComponent("mammoterm-mrmc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    }

    static var vanDyke: String { TerminalTools.repositoryRoot.appendingPathComponent("Tests/Fixtures/mrmc/VanDyke.csv").path }

    @Test func theJSONContractHoldsTheORHillisResults() throws {
        defer { try? FileManager.default.removeItem(at: work) }
        let out = try Hardening.run(["report", "mrmc", "--csv", Self.vanDyke, "--json"], in: work)
        #expect(out.status == 0, "\(out.all)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        #expect(json["method"] as? String == "OR-Hillis" && json["fom"] as? String == "AUC")
        #expect(json["modalities"] as? [String] == ["1", "2"])
        let rrrc = try #require(json["rrrc"] as? [String: Any])
        for key in ["f", "ddf", "p", "difference", "stdErr", "ci"] { #expect(rrrc[key] != nil, "rrrc.\(key)") }
        #expect(abs((rrrc["difference"] as? Double ?? 0) + 0.04380032) < 1e-7)
        #expect(abs((rrrc["f"] as? Double ?? 0) - 4.456) < 1e-3 && abs((rrrc["ddf"] as? Double ?? 0) - 15.26) < 1e-2)
        #expect((json["frrc"] as? [String: Any])?["ddf"] is NSNull)
        #expect((json["rrfc"] as? [String: Any])?["ddf"] as? Double == 4)
        #expect((json["readers"] as? [[String: Any]])?.count == 5)

        let text = try Hardening.run(["report", "mrmc", "--csv", Self.vanDyke, "--covariance", "DeLong"], in: work)
        #expect(text.stdout.contains("random readers, random cases    4.485"), "\(text.stdout)")
    }

    @Test func aBadRatingsFileIsNamedWithItsLine() throws {
        defer { try? FileManager.default.removeItem(at: work) }
        let bad = work.appendingPathComponent("bad.csv")
        try "reader,modality,case,truth,rating\n1,A,1,1,5\n1,A,2,yes,3\n".write(to: bad, atomically: true, encoding: .utf8)
        let out = try Hardening.run(["report", "mrmc", "--csv", bad.path], in: work)
        #expect(out.status == 1)
        #expect(out.stderr.contains("\(bad.path):3") && out.stderr.contains("truth"), "\(out.stderr)")
        // Plain `report` is still the library's reader report.
        let plain = try Hardening.run(["report", "--json", "--library", work.appendingPathComponent("none.sqlite").path], in: work)
        #expect(!plain.all.contains("Unexpected argument"), "\(plain.all)")
    }
}
