// The reader-study report: per reader and protocol, the reader (final recall calls; suspicion for
// the AUC) and the AI alone (exam score, call at its threshold) against ground truth, with
// seeded bootstrap 95% intervals; Cohen's kappa reader vs AI; reading time; the decision-referral
// grid NT x SN; the same per subgroup. `mammoterm report --json` prints it: the field names
// below are a contract.
//
//   {"format": "mammoterm-reader-study-report", "version": 1, "seed", "resamples", "level",
//    "readsWithoutTruth",                  // final decisions left out: no ground truth
//    "groups": [{"reader", "protocol",
//      "all": Summary,
//      "roc": {"reader": [[fpr, tpr], ...], "ai": [[fpr, tpr], ...] | null} | null,
//      "referral": Referral | null,         // null (with "referralNote") when it cannot be calibrated
//      "referralNote": string | null,
//      "subgroups": [{"name": "density" | "ageBand" | "manufacturer" | "site", "value", "summary": Summary,
//                     "referral": [Cell] | null}]}]}   // the group's thresholds applied to the subgroup
//   Summary = {"cases", "cancers", "casesWithAI",
//              "reader": Metrics, "ai": Metrics | null,     // ai over the cases with an AI result
//              "kappa": number | null,                      // reader recall vs AI call
//              "readingSeconds": {"median", "q1", "q3"} | null}
//   Metrics = {"sensitivity", "specificity", "ppv", "auc"}, each {"estimate", "lower", "upper"} or null
//             (undefined, e.g. no cancers); lower/upper null when every resample was undefined
//   Referral = {"calibratedOn": "reads", "normalTriage": [{"target", "threshold", "achieved", "fractionOfExams"}],
//               "safetyNet": [...], "cells": [Cell]}
//   Cell = {"ntTarget", "snTarget", "ntThreshold", "snThreshold", "fractionTriaged", "fractionAlerts",
//           "sensitivity", "specificity", "ppv", "readerSensitivity", "readerSpecificity", "readerPPV",
//           "sensitivityChange", "specificityChange", "ppvChange"}     // change = combined - reader alone
//
// Referral thresholds are calibrated on the AI scores of the group's read cases (the study has
// no separate validation set yet) and the reader's own call is the initial decision where the
// protocol records one, else the final one. Quantiles are numpy's default (type 7).
import MammoCore

public struct ReaderStudyReport: Sendable, Encodable {
    public struct Interval: Sendable, Hashable, Encodable {
        public var estimate: Double
        public var lower: Double?
        public var upper: Double?
    }

    public struct Metrics: Sendable, Hashable, Encodable {
        public var sensitivity: Interval?
        public var specificity: Interval?
        public var ppv: Interval?
        public var auc: Interval?
    }

    public struct ReadingTime: Sendable, Hashable, Encodable {
        public var median: Double
        public var q1: Double
        public var q3: Double
    }

    public struct Summary: Sendable, Hashable, Encodable {
        public var cases: Int
        public var cancers: Int
        public var casesWithAI: Int
        public var reader: Metrics
        public var ai: Metrics?
        public var kappa: Double?
        public var readingSeconds: ReadingTime?
    }

    public struct Cell: Sendable, Hashable, Encodable {
        public var ntTarget: String
        public var snTarget: String
        public var ntThreshold: Double
        public var snThreshold: Double
        public var fractionTriaged: Double
        public var fractionAlerts: Double
        public var sensitivity: Double?
        public var specificity: Double?
        public var ppv: Double?
        public var readerSensitivity: Double?
        public var readerSpecificity: Double?
        public var readerPPV: Double?
        public var sensitivityChange: Double?
        public var specificityChange: Double?
        public var ppvChange: Double?
    }

    public struct CalibrationEntry: Sendable, Hashable, Encodable {
        public var target: String
        public var threshold: Double
        public var achieved: Double
        public var fractionOfExams: Double

        init(_ entry: ReferralCalibration.Entry) {
            target = entry.target.label
            threshold = entry.threshold
            achieved = entry.achieved
            fractionOfExams = entry.fractionOfExams
        }
    }

    public struct Referral: Sendable, Encodable {
        public var calibratedOn = "reads"
        public var normalTriage: [CalibrationEntry]
        public var safetyNet: [CalibrationEntry]
        public var cells: [Cell]
    }

    public struct ROC: Sendable, Encodable {
        public var reader: [[Double]]
        public var ai: [[Double]]?
    }

    public struct Subgroup: Sendable, Encodable {
        public var name: String
        public var value: String
        public var summary: Summary
        public var referral: [Cell]?
    }

    public struct Group: Sendable, Encodable {
        public var reader: String
        public var readingProtocol: ReadingProtocol
        public var all: Summary
        public var roc: ROC?
        public var referral: Referral?
        public var referralNote: String?
        public var subgroups: [Subgroup]

        enum CodingKeys: String, CodingKey { case reader, readingProtocol = "protocol", all, roc, referral, referralNote, subgroups }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(reader, forKey: .reader)
            try c.encode(readingProtocol, forKey: .readingProtocol)
            try c.encode(all, forKey: .all)
            try c.encode(roc, forKey: .roc)
            try c.encode(referral, forKey: .referral)
            try c.encode(referralNote, forKey: .referralNote)
            try c.encode(subgroups, forKey: .subgroups)
        }
    }

    public var format = "mammoterm-reader-study-report"
    public var version = 1
    public var seed: UInt64
    public var resamples: Int
    public var level: Double
    public var readsWithoutTruth: Int
    public var groups: [Group]
    /// The curves themselves, for the text report's plots (not in the JSON: `roc` has the points).
    public var curves: [String: (reader: ROCCurve?, ai: ROCCurve?)] = [:]

    enum CodingKeys: String, CodingKey { case format, version, seed, resamples, level, readsWithoutTruth, groups }

    /// The report over `cases` (current final decisions joined with their exams), grouped by
    /// reader and protocol in name and protocol order.
    public init(cases: [ReaderCase], seed: UInt64 = 1, resamples: Int = Bootstrap.defaultResamples, level: Double = 0.95,
                targets: [ReferralTarget] = ReferralTarget.standardGrid) throws {
        guard resamples > 0 else { throw StudyError(context: "report", reason: "resamples must be > 0, not \(resamples)") }
        self.seed = seed
        self.resamples = resamples
        self.level = level
        let withTruth = cases.filter { $0.isCancer != nil }
        readsWithoutTruth = cases.count - withTruth.count
        var keys: [(String, ReadingProtocol)] = []
        for c in withTruth where !keys.contains(where: { $0 == (c.reader, c.readingProtocol) }) { keys.append((c.reader, c.readingProtocol)) }
        keys.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        groups = []
        for (reader, readingProtocol) in keys {
            let mine = withTruth.filter { $0.reader == reader && $0.readingProtocol == readingProtocol }
            let summary = try Self.summary(mine, seed: seed, resamples: resamples, level: level)
            let readerCurve = try? ROCCurve(samples: mine.map(Self.readerSample))
            let aiCurve = try? ROCCurve(samples: mine.compactMap(Self.aiSample))
            curves["\(reader)\u{0}\(readingProtocol.rawValue)"] = (readerCurve, aiCurve)
            let roc = readerCurve.map { r in
                ROC(reader: r.points.map { [$0.falsePositiveRate, $0.truePositiveRate] },
                    ai: aiCurve.map { $0.points.map { [$0.falsePositiveRate, $0.truePositiveRate] } })
            }
            var referral: Referral? = nil
            var note: String? = nil
            var calibration: ReferralCalibration? = nil
            do {
                let c = try ReferralCalibration(samples: mine.compactMap(Self.aiSample), targets: targets)
                calibration = c
                referral = Referral(normalTriage: c.normalTriage.map(CalibrationEntry.init), safetyNet: c.safetyNet.map(CalibrationEntry.init), cells: try Self.cells(mine, calibration: c))
            } catch {
                note = "no referral grid: \(error)"
            }
            var subgroups: [Subgroup] = []
            for name in StudyCaseInfo.subgroupOrder {
                let values = Set(mine.compactMap { $0.info.subgroups[name] }).sorted()
                for value in values {
                    let part = mine.filter { $0.info.subgroups[name] == value }
                    subgroups.append(Subgroup(
                        name: name, value: value, summary: try Self.summary(part, seed: seed, resamples: resamples, level: level),
                        referral: calibration.flatMap { try? Self.cells(part, calibration: $0) }))
                }
            }
            groups.append(Group(reader: reader, readingProtocol: readingProtocol, all: summary, roc: roc,
                                referral: referral, referralNote: note, subgroups: subgroups))
        }
    }

    static func readerSample(_ c: ReaderCase) -> ScoredSample { ScoredSample(score: c.suspicion, isCancer: c.isCancer ?? false) }

    static func aiSample(_ c: ReaderCase) -> ScoredSample? {
        c.info.aiScore.map { ScoredSample(score: $0, isCancer: c.isCancer ?? false) }
    }

    static func matrix(_ calls: [(call: Bool, cancer: Bool)]) -> ConfusionMatrix {
        var m = ConfusionMatrix()
        for c in calls { m.add(positiveCall: c.call, isCancer: c.cancer) }
        return m
    }

    /// Point estimates and bootstrap intervals of sensitivity, specificity, PPV (from `call`) and
    /// AUC (from `score`) over `cases`.
    static func metrics<Case>(_ cases: [Case], call: (Case) -> (call: Bool, cancer: Bool), score: (Case) -> ScoredSample,
                              seed: UInt64, resamples: Int, level: Double) -> Metrics {
        func interval(_ metric: ([Case]) -> Double?) -> Interval? {
            guard !cases.isEmpty, let estimate = metric(cases) else { return nil }
            let ci = try? Bootstrap.percentileInterval(cases: cases, resamples: resamples, level: level, seed: seed, metric: metric)
            return Interval(estimate: estimate, lower: ci?.lower, upper: ci?.upper)
        }
        return Metrics(
            sensitivity: interval { matrix($0.map(call)).sensitivity },
            specificity: interval { matrix($0.map(call)).specificity },
            ppv: interval { matrix($0.map(call)).positivePredictiveValue },
            auc: interval { ROCCurve.area($0.map(score)) })
    }

    static func summary(_ cases: [ReaderCase], seed: UInt64, resamples: Int, level: Double) throws -> Summary {
        let withAI = cases.filter { $0.info.aiScore != nil }
        let reader = metrics(cases, call: { ($0.recall, $0.isCancer ?? false) }, score: readerSample,
                             seed: seed, resamples: resamples, level: level)
        let ai = withAI.isEmpty ? nil : metrics(withAI, call: { ($0.info.aiRecall ?? false, $0.isCancer ?? false) },
                                                score: { aiSample($0)! }, seed: seed, resamples: resamples, level: level)
        let kappa = withAI.isEmpty ? nil : (try? CohenKappa(withAI.map(\.recall), withAI.map { $0.info.aiRecall ?? false }))?.value
        let times = cases.map(\.readingSeconds).sorted()
        let time = times.isEmpty ? nil : ReadingTime(median: Bootstrap.quantile(times, 0.5), q1: Bootstrap.quantile(times, 0.25),
                                                     q3: Bootstrap.quantile(times, 0.75))
        return Summary(cases: cases.count, cancers: cases.filter { $0.isCancer == true }.count, casesWithAI: withAI.count,
                       reader: reader, ai: ai, kappa: kappa, readingSeconds: time)
    }

    /// The NT x SN grid on `cases` with frozen `calibration`; the reader's own call is the initial one where recorded.
    static func cells(_ cases: [ReaderCase], calibration: ReferralCalibration) throws -> [Cell] {
        let exams = cases.compactMap { c in
            c.info.aiScore.map { ReferralCase(readerRecall: c.initialRecall ?? c.recall, aiScore: $0, isCancer: c.isCancer ?? false) }
        }
        guard !exams.isEmpty else { throw StudyError(context: "referral grid", reason: "no case has an AI score") }
        return try ReferralGrid(exams: exams, calibration: calibration).cells.map { cell in
            let o = cell.outcome
            return Cell(ntTarget: cell.normalTriageTarget.label, snTarget: cell.safetyNetTarget.label,
                        ntThreshold: o.thresholds.normalTriage, snThreshold: o.thresholds.safetyNet,
                        fractionTriaged: o.fractionTriagedNormal, fractionAlerts: o.fractionSafetyNetAlerts,
                        sensitivity: o.combined.sensitivity, specificity: o.combined.specificity, ppv: o.combined.positivePredictiveValue,
                        readerSensitivity: o.readerAlone.sensitivity, readerSpecificity: o.readerAlone.specificity,
                        readerPPV: o.readerAlone.positivePredictiveValue, sensitivityChange: o.sensitivityChange,
                        specificityChange: o.specificityChange, ppvChange: o.positivePredictiveValueChange)
        }
    }

    /// The contract JSON (sorted keys, pretty).
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
