// `mammoterm monitor` as scripts and operations use it, on a library of real model output:
// three sites for 12 weeks whose exams are the bundled model's results on synthetic exams
// (the stable pool; site C from the vendor-b pool from week 7), written through the Store API as
// `analyze` writes them (MonitorScenarioLibrary). The JSON contract, --check's exit status,
// --csv, a saved reference read back, clear errors, --png's picture, and --serve's metrics
// accepted by promtool.
import Foundation
import MonitorTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif
import TerminalTestSupport

@Suite("monitor command", .serialized) struct MonitorCLITests {
    /// The scenario library (MonitorScenarioLibrary) in `folder`; `drift`: Site C's detector changes.
    static func library(in folder: URL, drift: Bool = true) throws -> String {
        let library = folder.appendingPathComponent("library.sqlite").path
        try MonitorScenarioLibrary.make(at: library, drift: drift)
        return library
    }

    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("monitor-cli-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static let scenario = ["monitor", "--by", "site", "--window", "week", "--reference", "validation", "--minimum-exams", "3"]

    @Test func jsonKeepsItsContractAndFlagsTheNewDetector() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let library = try Self.library(in: folder)
        let run = try Hardening.run(Self.scenario + ["--json", "--library", library], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let windows = try #require(object?["windows"] as? [[String: Any]])
        #expect(windows.count == 36)
        for window in windows {
            for key in ["start", "end", "stratum", "n", "psi", "ks", "ksP", "wasserstein", "aiPositiveRate", "estimatedAUC", "alarms"] {
                #expect(window.keys.contains(key), "\(key) missing")
            }
        }
        let c = windows.filter { $0["stratum"] as? String == "site=Site C" }
        // From the change on: a stable week before it may false-alarm at the nominal rate.
        let firstAlarm = c.first { ($0["start"] as? String ?? "") >= "2026-02-16" && !(($0["alarms"] as? [Any]) ?? []).isEmpty }?["start"] as? String
        let stableAlarms = windows.filter { $0["stratum"] as? String != "site=Site C" && !(($0["alarms"] as? [Any]) ?? []).isEmpty }
        print("monitor CLI scenario: Site C first alarm \(firstAlarm ?? "none"); stable site-windows alarmed: \(stableAlarms.map { "\($0["stratum"] ?? "") \($0["start"] ?? "") \($0["alarms"] ?? "")" })")
        #expect(firstAlarm == "2026-02-16" || firstAlarm == "2026-02-23", "Site C's change in the week of 2026-02-16; first alarm \(firstAlarm ?? "none")")
        #expect(c.first?["start"] as? String == "2026-01-05" && c.first?["end"] as? String == "2026-01-11")
        #expect((c.last?["n"] as? Int) == 6)

        let check = try Hardening.run(Self.scenario + ["--check", "--library", library], in: folder)
        #expect(check.status == 1, "an active alarm: \(check.all)")
        #expect(check.stdout.contains("ALARM site=Site C 2026-03-23"))

        let csv = try Hardening.run(Self.scenario + ["--csv", "--library", library], in: folder)
        let lines = csv.stdout.split(whereSeparator: \.isNewline)
        #expect(csv.status == 0 && lines.count == 37 && lines.first?.hasPrefix("stratum,") == true, "\(lines.first ?? "")")

        let table = try Hardening.run(Self.scenario + ["--library", library], in: folder)
        #expect(table.stdout.contains("Active alarms") && table.stdout.contains("not for diagnosis"))
    }

    @Test func pngDrawsTheChartsBesideTheTable() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let library = try Self.library(in: folder)
        let png = folder.appendingPathComponent("charts.png").path
        let run = try Hardening.run(Self.scenario + ["--png", png, "--library", library], in: folder)
        #expect(run.status == 0 && run.stdout.contains("Active alarms"), "the table as well: \(run.all)")
        let size = try #require(Self.pngSize(png), "a PNG at \(png)")
        // MonitorChartPNG's default: 1400 wide, a title, then 180 rows a stratum (three sites).
        #expect(size.width == 1400 && size.height > 3 * 180 && size.height < 3 * 180 + 100, "\(size)")

        let check = try Hardening.run(Self.scenario + ["--check", "--png", png + ".check.png", "--library", library], in: folder)
        #expect(check.status == 1 && Self.pngSize(png + ".check.png") != nil, "--check leaves the picture too: \(check.all)")
        let nowhere = folder.appendingPathComponent("no-such-folder/charts.png").path
        let bad = try Hardening.run(Self.scenario + ["--png", nowhere, "--library", library], in: folder)
        #expect(bad.status == 2 && bad.stderr.contains(nowhere), "the error names the file: \(bad.stderr)")
        let served = try Hardening.run(Self.scenario + ["--png", png, "--serve", "127.0.0.1:0", "--library", library], in: folder)
        #expect(served.status != 0 && served.stderr.contains("--png draws a report"), "\(served.stderr)")
    }

    /// Width and height from a PNG's IHDR chunk (PNG spec 11.2.2); nil when `path` is no PNG.
    static func pngSize(_ path: String) -> (width: Int, height: Int)? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let bytes = [UInt8](data)
        guard bytes.count > 24, bytes.prefix(8) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
              String(decoding: bytes[12..<16], as: UTF8.self) == "IHDR" else { return nil }
        func big(_ at: Int) -> Int { bytes[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
        return (big(16), big(20))
    }

    @Test func aSavedReferenceReadsBackWithoutIdentifiers() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let library = try Self.library(in: folder, drift: false)
        let file = folder.appendingPathComponent("reference.json").path
        let saved = try Hardening.run(["monitor", "--from", "2026-01-05", "--to", "20260215", "--save-reference", file, "--library", library], in: folder)
        #expect(saved.status == 0 && saved.stdout.contains("Wrote a reference of 108 exams"), "\(saved.all)")
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(!text.contains(MonitorScenarioLibrary.studyUIDPrefix) && text.contains("\"format\":\"mammoterm-monitor-reference\""))
        let run = try Hardening.run(["monitor", "--by", "site", "--reference", file, "--from", "20260216", "--json", "--library", library], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        let windows = (try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])?["windows"] as? [[String: Any]]
        #expect(windows?.count == 18, "weeks 7–12 of three sites")
    }

    @Test func badInputIsSaidClearly() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let library = try Self.library(in: folder)
        let by = try Hardening.run(["monitor", "--by", "site,scanner", "--library", library], in: folder)
        #expect(by.status != 0 && by.stderr.contains("--by scanner: use site, device, view, age or density"), "\(by.stderr)")
        let period = try Hardening.run(["monitor", "--reference", "2026..x", "--library", library], in: folder)
        #expect(period.status == 2 && period.stderr.contains("a period is YYYYMMDD..YYYYMMDD"), "\(period.stderr)")
        let missing = try Hardening.run(["monitor", "--reference", folder.appendingPathComponent("nope.json").path, "--library", library], in: folder)
        #expect(missing.status == 2 && missing.stderr.contains("cannot read the monitor reference"))
        let none = try Hardening.run(["monitor", "--library", folder.appendingPathComponent("absent.sqlite").path], in: folder)
        #expect(none.status == 2 && none.stderr.contains("there is no library"))
    }

    @Test func servedMetricsPassPromtool() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/promtool") else {
            if ProcessInfo.processInfo.environment["MAMMOTERM_REQUIRE_ARCHIVE"] == "1" { Issue.record("promtool missing: scripts/install-system-packages.sh installs prometheus") }
            return
        }
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let library = try Self.library(in: folder)
        let server = try Hardening.start(Self.scenario + ["--serve", "127.0.0.1:0", "--library", library], in: folder, label: "serve")
        defer { server.stop() }
        let out = folder.appendingPathComponent("serve.out").path
        var address: String?
        for _ in 0..<300 where address == nil {
            let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
            if let range = text.range(of: #"http://127\.0\.0\.1:[0-9]+/metrics"#, options: .regularExpression) { address = String(text[range]) }
            else { usleep(100_000) }
        }
        let url = try #require(address.flatMap(URL.init(string:)), "the server said where it listens")
        let body = try String(contentsOf: url, encoding: .utf8)
        #expect(body.contains("mammoterm_monitor_psi{stratum=\"site=Site C\"}"), "\(body.prefix(400))")
        #expect(body.contains("mammoterm_monitor_alarm"))
        let metrics = folder.appendingPathComponent("metrics.txt")
        try body.write(to: metrics, atomically: true, encoding: .utf8)
        let check = try TerminalTools.run("/bin/sh", ["-c", "/usr/bin/promtool check metrics < '\(metrics.path)'"])
        #expect(check.status == 0, "promtool: \(String(decoding: check.stdout, as: UTF8.self)) \(check.stderr)")
    }
}
