// The reader-study report on six hand-worked exams, the join of records with truth, the braille
// plot, and the exports (loaded back by pandas where it is installed).
import Foundation
import MammoCore
import Testing
@testable import Study

@Suite struct ReaderStudyReportTests {
    /// exam  truth   recall  suspicion  AI (thr 0.5)  density  seconds
    ///  1    cancer  yes     90         0.9  call     C        10
    ///  2    cancer  yes     70         0.7  call     C        20
    ///  3    cancer  no      30         0.8  call     A        30
    ///  4    normal  yes     60         0.6  call     C        40
    ///  5    normal  no      20         0.1           A        50
    ///  6    normal  no      10         0.3           A        60
    /// Reader: TP 2 FN 1 FP 1 TN 2: sens = spec = PPV = 2/3; AUC 8/9 (of 9 cancer/normal pairs only 30 < 60 is wrong).
    /// AI: TP 3 FP 1 TN 2: sens 1, spec 2/3, PPV 3/4; AUC 1.
    /// kappa: agreement 5/6, chance 3/6 x 4/6 + 3/6 x 2/6 = 1/2, kappa = (5/6 - 1/2) / (1/2) = 2/3.
    /// Reading time (numpy type 7): median 35, q1 22.5, q3 47.5.
    /// Referral on the AI scores: t_nt(0.95) = 0.7 (all cancers >= 0.7; 4, 5, 6 triaged: 1/2),
    /// t_sn(0.95) = 0.6 (no normal above it); exam 3, a negative call above 0.6, raises the alert
    /// (1/6): combined sens 1, spec 1 — +1/3 each against the reader alone.
    static let rows: [(cancer: Bool, recall: Bool, suspicion: Double, ai: Double, density: BreastDensity, seconds: Double)] = [
        (true, true, 90, 0.9, .c, 10), (true, true, 70, 0.7, .c, 20), (true, false, 30, 0.8, .a, 30),
        (false, true, 60, 0.6, .c, 40), (false, false, 20, 0.1, .a, 50), (false, false, 10, 0.3, .a, 60),
    ]

    static func cases(reader: String = "r1", readingProtocol: ReadingProtocol = .concurrent) -> [ReaderCase] {
        rows.enumerated().map { index, r in
            let uid = "1.2.\(index + 1)"
            let info = StudyCaseInfo(studyInstanceUID: uid,
                                     truth: StudyTruth(studyInstanceUID: uid, cancer: r.cancer, density: r.density, source: "t", importedAt: "2026-01-02T03:04:05Z"),
                                     aiScore: r.ai, aiThreshold: 0.5, aiModel: "m 1", patientAge: 45 + index * 3)
            return ReaderCase(reader: reader, readingProtocol: readingProtocol, studyInstanceUID: uid, recall: r.recall,
                              suspicion: r.suspicion, readingSeconds: r.seconds, info: info)
        }
    }

    @Test func handWorkedMetrics() throws {
        let report = try ReaderStudyReport(cases: Self.cases(), seed: 7, resamples: 200)
        #expect(report.groups.count == 1 && report.readsWithoutTruth == 0)
        let all = report.groups[0].all
        #expect(all.cases == 6 && all.cancers == 3 && all.casesWithAI == 6)
        #expect(all.reader.sensitivity?.estimate == 2.0 / 3)
        #expect(all.reader.specificity?.estimate == 2.0 / 3)
        #expect(all.reader.ppv?.estimate == 2.0 / 3)
        #expect(abs((all.reader.auc?.estimate ?? 0) - 8.0 / 9) < 1e-12)
        #expect(all.ai?.sensitivity?.estimate == 1)
        #expect(all.ai?.specificity?.estimate == 2.0 / 3)
        #expect(all.ai?.ppv?.estimate == 0.75)
        #expect(all.ai?.auc?.estimate == 1)
        #expect(abs((all.kappa ?? 0) - 2.0 / 3) < 1e-12)
        #expect(all.readingSeconds == .init(median: 35, q1: 22.5, q3: 47.5))
        for i in [all.reader.sensitivity, all.reader.specificity, all.reader.auc, all.ai?.specificity] {
            let i = try #require(i)
            let lower = try #require(i.lower), upper = try #require(i.upper)
            #expect(lower <= i.estimate && i.estimate <= upper && lower >= 0 && upper <= 1)
        }
    }

    @Test func referralGridByHand() throws {
        let report = try ReaderStudyReport(cases: Self.cases(), seed: 7, resamples: 50)
        let referral = try #require(report.groups[0].referral)
        #expect(referral.cells.count == 16)
        #expect(referral.normalTriage.map(\.target) == ["0.95", "0.97", "0.98", "0.99"])
        let cell = try #require(referral.cells.first { $0.ntTarget == "0.95" && $0.snTarget == "0.95" })
        #expect(cell.ntThreshold == 0.7 && cell.snThreshold == 0.6)
        #expect(cell.fractionTriaged == 0.5)
        #expect(abs(cell.fractionAlerts - 1.0 / 6) < 1e-12)
        #expect(cell.sensitivity == 1 && cell.specificity == 1)
        #expect(cell.readerSensitivity == 2.0 / 3 && cell.readerSpecificity == 2.0 / 3)
        #expect(abs((cell.sensitivityChange ?? 0) - 1.0 / 3) < 1e-12)
    }

    @Test func subgroupsByDensityAndAge() throws {
        let report = try ReaderStudyReport(cases: Self.cases(), seed: 7, resamples: 50)
        let subgroups = report.groups[0].subgroups
        #expect(subgroups.map { "\($0.name)=\($0.value)" } == ["density=A", "density=C", "ageBand=40-49", "ageBand=50-59", "ageBand=60-69"])
        // Density C: exams 1, 2 (cancers, recalled) and 4 (normal, recalled): sens 1, spec 0.
        let c = try #require(subgroups.first { $0.value == "C" })
        #expect(c.summary.cases == 3 && c.summary.reader.sensitivity?.estimate == 1 && c.summary.reader.specificity?.estimate == 0)
        #expect(c.referral?.count == 16)
    }

    @Test func intervalsAreReproducibleForASeed() throws {
        let a = try ReaderStudyReport(cases: Self.cases(), seed: 42, resamples: 300)
        let b = try ReaderStudyReport(cases: Self.cases(), seed: 42, resamples: 300)
        let c = try ReaderStudyReport(cases: Self.cases(), seed: 43, resamples: 300)
        #expect(try a.json() == b.json())
        #expect(try a.json() != c.json())
    }

    @Test func readersAndProtocolsAreSeparateGroupsAndTruthlessReadsAreCounted() throws {
        var cases = Self.cases(reader: "r2", readingProtocol: .unaided) + Self.cases(reader: "r1", readingProtocol: .referral) + Self.cases()
        cases[0].info.truth = nil
        let report = try ReaderStudyReport(cases: cases, seed: 1, resamples: 20)
        #expect(report.groups.map { "\($0.reader) \($0.readingProtocol.rawValue)" } == ["r1 concurrent", "r1 referral", "r2 unaided"])
        #expect(report.readsWithoutTruth == 1)
        #expect(report.groups[2].all.cases == 5)
    }

    @Test func jsonFieldsAreTheContract() throws {
        let report = try ReaderStudyReport(cases: Self.cases(), seed: 3, resamples: 20)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["format", "version", "seed", "resamples", "level", "readsWithoutTruth", "groups"])
        let group = try #require((object["groups"] as? [[String: Any]])?.first)
        #expect(Set(group.keys) == ["reader", "protocol", "all", "roc", "referral", "referralNote", "subgroups"])
        let all = try #require(group["all"] as? [String: Any])
        #expect(Set(all.keys).isSuperset(of: ["cases", "cancers", "casesWithAI", "reader", "ai", "kappa", "readingSeconds"]))
        let cell = try #require(((group["referral"] as? [String: Any])?["cells"] as? [[String: Any]])?.first)
        #expect(Set(cell.keys).isSuperset(of: ["ntTarget", "snTarget", "ntThreshold", "snThreshold", "fractionTriaged", "fractionAlerts",
                                               "sensitivity", "specificity", "ppv", "sensitivityChange", "specificityChange", "ppvChange"]))
        #expect(report.csv().hasPrefix(ReaderStudyReport.csvHeader + "\n"))
        let text = report.text()
        #expect(text.contains("ROC reader") && text.contains("Decision referral") && text.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) })
    }

    @Test func joinKeepsTheCurrentFinalDecisionAndTheInitialCall() throws {
        func record(_ id: Int64, _ stage: ReadStage, recall: Bool, suspicion: Int, revises: Int64? = nil) throws -> ReadRecord {
            try ReadRecord(id: id, reader: "r1", session: "s", studyInstanceUID: "1.2.1", readingProtocol: .referral, stage: stage,
                           aiVisibility: stage == .initial ? .triageTag : .safetyNetAlert, safetyNetAlert: stage == .final,
                           openedAt: "2026-01-01T00:00:00Z", submittedAt: "2026-01-01T00:01:00Z", readingSeconds: Double(id * 10),
                           decision: ReaderDecision(recall: recall, suspicion: suspicion), revises: revises)
        }
        let records = [try record(1, .initial, recall: false, suspicion: 10), try record(2, .final, recall: true, suspicion: 60),
                       try record(3, .final, recall: true, suspicion: 75, revises: 2)]
        let joined = ReaderCase.join(records, info: [:])
        #expect(joined.count == 1)
        #expect(joined[0].initialRecall == false && joined[0].recall == true && joined[0].suspicion == 75 && joined[0].readingSeconds == 30)
    }

    @Test func braillePlotDrawsTheDiagonal() {
        var plot = BraillePlot(columns: 2, rows: 1)
        plot.line([(0, 0), (1, 1)])
        // 4 x 4 dots: (0,3) (1,2) (2,1) (3,0) from bottom-left to top-right.
        #expect(plot.lines() == ["\u{2860}\u{280A}"])
    }

    // MARK: - Exports

    static func records() throws -> [ReadRecord] {
        var out: [ReadRecord] = []
        for (index, r) in rows.enumerated() {
            for reader in ["r1", "r,2"] {
                out.append(try ReadRecord(
                    id: Int64(out.count + 1), reader: reader, session: "s \"1\"", studyInstanceUID: "1.2.\(index + 1)",
                    readingProtocol: .secondLook, stage: .initial, aiVisibility: .none, openedAt: "2026-01-01T00:00:00Z",
                    submittedAt: "2026-01-01T00:00:30Z", readingSeconds: 30, decision: ReaderDecision(recall: r.recall, suspicion: Int(r.suspicion) / 2)))
                out.append(try ReadRecord(
                    id: Int64(out.count + 1), reader: reader, session: "s \"1\"", studyInstanceUID: "1.2.\(index + 1)",
                    readingProtocol: .secondLook, stage: .final, aiVisibility: .full, aiScore: r.ai, aiModel: "m 1",
                    openedAt: "2026-01-01T00:00:00Z", submittedAt: "2026-01-01T00:01:00Z", readingSeconds: r.seconds,
                    decision: ReaderDecision(right: BreastAssessment(birads: .category4B, density: r.density), recall: r.recall,
                                             suspicion: Int(r.suspicion),
                                             marks: [ReaderMark(view: .leftMLO, x: 1, y: 2, kind: .calcification, suspicion: 50)])))
            }
        }
        return out
    }

    static var info: [String: StudyCaseInfo] {
        Dictionary(uniqueKeysWithValues: cases().map { ($0.studyInstanceUID, $0.info) })
    }

    @Test func imrmcLayout() throws {
        let text = ReadExport.imrmc(try Self.records(), info: Self.info)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.contains("NR: 2") && lines.contains("N0: 3") && lines.contains("N1: 3") && lines.contains("NM: 1"))
        let data = try #require(lines.firstIndex(of: "BEGIN DATA:"))
        #expect(lines[data + 1] == "truth,1.2.1,truth,1")
        #expect(lines.contains("r_2,1.2.3,second-look,30"))
        #expect(lines[(data + 1)...].filter { !$0.isEmpty }.count == 6 + 12)
    }

    @Test func exportsLoadInPandas() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("exports-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let records = try Self.records()
        let report = try ReaderStudyReport(cases: Self.cases(), seed: 1, resamples: 20)
        let files = [
            ("reads.csv", try ReadExport.readsCSV(records)), ("reads.imrmc", ReadExport.imrmc(records, info: Self.info)),
            ("reads.json", try ReadExport.readsJSON(records)), ("joined.csv", ReadExport.truthJoinedCSV(records, info: Self.info)),
            ("report.csv", report.csv()),
        ]
        for (name, text) in files { try Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
        let script = """
            import json, sys
            try:
                import pandas as pd
            except ImportError:
                print("no pandas"); sys.exit(3)
            d = sys.argv[1]
            reads = pd.read_csv(f"{d}/reads.csv")
            assert len(reads) == 24, len(reads)
            assert list(reads.columns) == "\(ReadExport.readsCSVHeader)".split(","), list(reads.columns)
            assert set(reads["reader"]) == {"r1", "r,2"} and set(reads["stage"]) == {"initial", "final"}
            assert reads["session"].iloc[0] == 's "1"'
            assert json.loads(reads["marksJSON"].iloc[1])[0]["kind"] == "calcification"
            lines = open(f"{d}/reads.imrmc").read().splitlines()
            start = lines.index("BEGIN DATA:") + 1
            im = pd.read_csv(f"{d}/reads.imrmc", skiprows=start, header=None, names=["readerID", "caseID", "modalityID", "score"])
            assert len(im) == 18 and (im["readerID"] == "truth").sum() == 6, im
            assert im[im.readerID == "truth"]["score"].sum() == 3
            js = json.load(open(f"{d}/reads.json"))
            assert js["format"] == "mammoterm-reads" and len(pd.json_normalize(js["reads"])) == 24
            joined = pd.read_csv(f"{d}/joined.csv")
            assert len(joined) == 24 and joined["cancer"].sum() == 12 and joined["aiScore"].notna().all()
            rep = pd.read_csv(f"{d}/report.csv")
            row = rep[(rep.system == "reader") & (rep.metric == "sensitivity") & (rep.subgroup == "all")]
            assert abs(row["estimate"].iloc[0] - 2 / 3) < 1e-12
            print("ok")
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, folder.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus == 3 || (process.terminationStatus == 127) {
            #expect(ProcessInfo.processInfo.environment["MAMMOTERM_REQUIRE_TESTDATA"] != "1", "pandas is required (MAMMOTERM_REQUIRE_TESTDATA=1)")
            return
        }
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("ok"))
    }
}
