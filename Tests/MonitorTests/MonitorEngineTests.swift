// The engine's windows and strata, the JSON contract the scripts read, CSV, table and Prometheus text.
import Foundation
import Testing
@testable import Monitor

@Suite("Monitor engine and its renderings") struct MonitorEngineTests {
    static func exams(seed: UInt64, days: [String], perDay: Int, sites: [String]) -> [MonitoredExam] {
        var s = SeededSamples(seed: seed)
        var exams: [MonitoredExam] = []
        for day in days {
            for site in sites {
                for i in 0..<perDay {
                    var exam = AlarmLimitTests.exam(&s, day: day)
                    exam.site = site
                    exam.studyInstanceUID = "\(day).\(site).\(i)"
                    exam.reading = .init(reader: "r", aiShown: i % 2 == 0, recalled: exam.aiPositive || i % 17 == 0)
                    exam.outcome = .init(cancer: s.uniform() < exam.probability, interval: false)
                    exams.append(exam)
                }
            }
        }
        return exams
    }

    @Test func windowsFollowIsoWeeksAndMonthsPerStratum() throws {
        let reference = Self.exams(seed: 1, days: ["20251201"], perDay: 300, sites: ["Site A", "Site B"])
        // 2026-01-04 is a Sunday (week of Mon 2025-12-29), 2026-01-05 a Monday.
        let exams = Self.exams(seed: 2, days: ["20260104", "20260105", "20260111", "20260201"], perDay: 40, sites: ["Site A", "Site B"])
        let weekly = try MonitorEngine.run(exams: exams, reference: reference,
                                           configuration: MonitorConfiguration(strata: [.site], operatingThreshold: 0.1))
        #expect(weekly.windows.map(\.stratum) == ["site=Site A", "site=Site A", "site=Site A", "site=Site B", "site=Site B", "site=Site B"])
        #expect(weekly.windows.prefix(3).map(\.start) == ["2025-12-29", "2026-01-05", "2026-01-26"])
        #expect(weekly.windows.prefix(3).map(\.end) == ["2026-01-04", "2026-01-11", "2026-02-01"])
        #expect(weekly.windows.prefix(3).map(\.n) == [40, 80, 40])
        #expect(weekly.windows.allSatisfy { $0.referenceScope == "stratum" && $0.referenceUnits == 300 })
        let monthly = try MonitorEngine.run(exams: exams, reference: reference,
                                            configuration: MonitorConfiguration(window: .month, from: "20260105", to: "20260131"))
        #expect(monthly.windows.map(\.start) == ["2026-01-01"])
        #expect(monthly.windows.map(\.end) == ["2026-01-31"])
        #expect(monthly.windows.map(\.n) == [160])
        // Views as units: each view its own stratum with four times... one view per exam per stratum.
        let views = try MonitorEngine.run(exams: exams, reference: reference, configuration: MonitorConfiguration(strata: [.view]))
        #expect(Set(views.windows.map(\.stratum)) == ["view=LCC", "view=LMLO", "view=RCC", "view=RMLO"])
        #expect(views.windows.filter { $0.stratum == "view=RCC" }.map(\.n) == [80, 160, 80])
    }

    @Test func strataWithoutAReferenceOfTheirOwnUseTheWholeReference() throws {
        let reference = Self.exams(seed: 8, days: ["20251201"], perDay: 500, sites: ["Site A"])
        let exams = Self.exams(seed: 9, days: ["20260105"], perDay: 40, sites: ["Site A", "Site New", "Site Other"])
        let report = try MonitorEngine.run(exams: exams, reference: reference,
                                           configuration: MonitorConfiguration(strata: [.site, .age], operatingThreshold: 0.1))
        #expect(report.windows.map(\.stratum) == ["site=Site A,age=50-59", "site=Site New,age=50-59", "site=Site Other,age=50-59"])
        #expect(report.windows.map(\.referenceScope) == ["stratum", "all", "all"])
        // Same reference, same window size: the shared calibrator gives both fallback strata the same limits.
        #expect(report.windows[1].score.ksLimit == report.windows[2].score.ksLimit)
    }

    @Test func jsonCarriesTheContractKeysWithNullsNotNaN() throws {
        let reference = Self.exams(seed: 3, days: ["20251201"], perDay: 400, sites: ["A"])
        var exams = Self.exams(seed: 4, days: ["20260105"], perDay: 60, sites: ["A"])
        // A window with a single exam and no outcomes: figures that cannot be computed.
        var lone = AlarmLimitTests.exam(&SeededSamplesBox.shared, day: "20260112")
        lone.site = "A"
        exams.append(lone)
        let report = try MonitorEngine.run(exams: exams, reference: reference, configuration: MonitorConfiguration(operatingThreshold: 0.1))
        let data = try report.jsonData()
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.contains("NaN") && !text.lowercased().contains("inf"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let windows = try #require(object["windows"] as? [[String: Any]])
        #expect(windows.count == 2)
        for window in windows {
            for key in ["start", "end", "stratum", "n", "psi", "ks", "ksP", "wasserstein", "aiPositiveRate", "estimatedAUC", "alarms"] {
                #expect(window.keys.contains(key), "missing \(key)")
            }
        }
        // One exam, probability < 0.5 expected positives and negatives both > 0: AUC undefined? A single point has
        // area 0.5 by the trapezoid; the realised performance has no outcomes, so it is null.
        #expect(windows[1]["realised"] is NSNull)
        #expect(windows[0]["stratum"] as? String == "all")
        #expect((windows[0]["n"] as? Int) == 60)
        let decoded = try JSONDecoder().decode(MonitorReport.self, from: data)
        #expect(decoded.windows.count == 2)
    }

    @Test func renderingsHaveStableColumnsAndPassPromtoolChecks() throws {
        let reference = Self.exams(seed: 5, days: ["20251201"], perDay: 300, sites: ["Site A", "Site \"B\""])
        var exams = Self.exams(seed: 6, days: ["20260105", "20260112"], perDay: 50, sites: ["Site A", "Site \"B\""])
        for i in exams.indices where exams[i].studyDate == "20260112" && exams[i].site == "Site A" {
            exams[i].probability = min(1, exams[i].probability * 3)
            exams[i].aiPositive = exams[i].probability >= 0.1
        }
        let report = try MonitorEngine.run(exams: exams, reference: reference,
                                           configuration: MonitorConfiguration(strata: [.site], alarmPersistence: 1, operatingThreshold: 0.1))
        let csv = report.csvText().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(csv.first.map(String.init) == MonitorReport.csvColumns.joined(separator: ","))
        #expect(csv.count == report.windows.count + 2)
        let table = report.tableText()
        #expect(table.hasPrefix("stratum"))
        #expect(table.contains("site=Site A"))
        let prometheus = report.prometheusText()
        for name in ["psi", "ks", "ks_p", "wasserstein", "ai_positive_rate", "estimated_auc", "window_exams", "alarm"] {
            #expect(prometheus.contains("# TYPE mammoterm_monitor_\(name) gauge"), "\(name)")
        }
        #expect(prometheus.contains(#"mammoterm_monitor_alarm{stratum="site=Site A",statistic="score:ks"} 1"#) ||
                prometheus.contains(#"mammoterm_monitor_alarm{statistic="score:ks",stratum="site=Site A"} 1"#), "\(prometheus)")
        #expect(report.hasActiveAlarms)
        let promtool = "/usr/bin/promtool"
        guard FileManager.default.isExecutableFile(atPath: promtool) else {
            #expect(!MonitorOracle.required, "promtool is missing (apt-get install prometheus)")
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: promtool)
        process.arguments = ["check", "metrics"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        input.fileHandleForWriting.write(Data(prometheus.utf8))
        try input.fileHandleForWriting.close()
        let said = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "promtool check metrics: \(said)")
    }
}

/// A generator for the odd extra exam a test needs.
enum SeededSamplesBox {
    nonisolated(unsafe) static var shared = SeededSamples(seed: 99)
}

@Suite("Monitor configuration") struct MonitorConfigurationTests {
    @Test func decodesPartialTablesWithDefaults() throws {
        let json = #"{"window": "month", "strata": ["site", "age"], "falseAlarmRate": 0.01}"#
        let configuration = try JSONDecoder().decode(MonitorConfiguration.self, from: Data(json.utf8))
        #expect(configuration.window == .month)
        #expect(configuration.strata == [.site, .age])
        #expect(configuration.falseAlarmRate == 0.01)
        #expect(configuration.bootstrapResamples == 500)
        #expect(configuration.watchedInputs.count == 6)
        #expect(MonitorStratum.ageBand(49) == "40-49" && MonitorStratum.ageBand(70) == "70+" && MonitorStratum.ageBand(nil) == "unknown")
    }

    @Test func refusesUnusableSettings() {
        #expect(throws: MonitorError.self) { try MonitorConfiguration(falseAlarmRate: 0).validate() }
        #expect(throws: MonitorError.self) { try MonitorConfiguration(from: "2026-01-01").validate() }
        #expect(throws: MonitorError.self) {
            try MonitorEngine.run(exams: [], reference: [], configuration: MonitorConfiguration())
        }
    }
}
