// `mammoterm referral calibrate [--csv FILE] [--targets ...] [--json]`: t_nt and t_sn per target on
// validation scores — a CSV, or without one the library's AI exam scores of studies with ground
// truth. The JSON is a contract (ReferralCalibration+JSON.swift); the table is for people and may
// change. (A referral reading session freezes the thresholds it uses in the library.)
import ArgumentParser
import Foundation
import Store
import Study
import Workstation

extension ReferralCommand {
    struct Calibrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "calibrate",
            abstract: "Thresholds that keep the weighted sensitivity (normal triage) or specificity (safety net) at each target (from --csv, else from the library's AI scores and ground truth).",
            discussion: """
                t_nt is the largest threshold keeping sensitivity >= the target (exams scoring below it are \
                triaged normal); t_sn the lowest keeping specificity >= the target (exams scoring above it \
                raise the safety-net alert). Each is a score from the file. Target 1.0 means no triage.
                """)

        @Option(help: ArgumentHelp("Validation scores: a CSV with a header and columns score,label (1 = cancer, 0 = not) and optionally weight.", valueName: "file"))
        var csv: String?

        @Option(help: "Comma-separated targets in (0, 1].")
        var targets = "0.95,0.97,0.98,0.99"

        @Flag(help: #"Print {"nt": {target: threshold, ...}, "sn": {...}}."#)
        var json = false

        @Flag(help: "From the library: count prior exams as cases too (default: current exams only, as the model's metrics).")
        var includePriors = false

        @OptionGroup var library: LibraryOptions

        func validate() throws {
            do { _ = try ReferralTarget.list(targets) } catch let error as StudyError { throw ValidationError("--targets: \(error.reason)") }
        }

        func run() throws {
            let samples = try csv.map { try ScoredSampleCSV.read(path: $0) } ?? librarySamples()
            let calibration = try ReferralCalibration(samples: samples, targets: try ReferralTarget.list(targets))
            print(json ? try calibration.contractJSON() : Self.table(calibration, samples: samples))
        }

        /// The library's latest AI exam score of every current study with ground truth (priors with --include-priors).
        func librarySamples() throws -> [ScoredSample] {
            guard library.exists else { throw ValidationError("no --csv and no library at \(library.path)") }
            return try ReadingSession.validationSamples(library: try library.open(), includePriors: includePriors)
        }

        /// A readable summary: one row per target and rule, with what the threshold keeps.
        static func table(_ calibration: ReferralCalibration, samples: [ScoredSample]) -> String {
            let cancers = samples.filter(\.isCancer)
            func weight(_ s: [ScoredSample]) -> String { format(s.reduce(0) { $0 + $1.weight }) }
            var lines = ["\(samples.count) exams (weight \(weight(samples))), \(cancers.count) cancers (weight \(weight(cancers)))", ""]
            func section(_ title: String, _ rate: String, _ fraction: String, _ entries: [ReferralCalibration.Entry]) {
                lines.append(title)
                lines.append(row(["target", "threshold", rate, fraction]))
                for e in entries {
                    lines.append(row([e.target.label, format(e.threshold), percent(e.achieved), percent(e.fractionOfExams)]))
                }
                lines.append("")
            }
            section("Normal triage (score < threshold: AI-normal)", "sensitivity", "triaged", calibration.normalTriage)
            section("Safety net (score > threshold: alert)", "specificity", "alerted", calibration.safetyNet)
            lines.append("Rates are weighted, on this file. Research and demonstration only; not for diagnosis.")
            return lines.joined(separator: "\n")
        }

        private static func row(_ cells: [String]) -> String {
            let padded = cells.dropLast().map { $0.padding(toLength: max(12, $0.count), withPad: " ", startingAt: 0) }
            return "  " + (padded + [cells.last ?? ""]).joined(separator: " ")
        }

        private static func format(_ value: Double) -> String {
            value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
        }

        private static func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }
    }
}
