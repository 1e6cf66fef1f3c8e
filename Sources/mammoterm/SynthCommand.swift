// `mammoterm synth`: writes synthetic screening exams (four views each, priors for some patients)
// as DICOM files with a ground-truth JSON, deterministically from a seed.
import ArgumentParser
import DICOM
import Foundation
import MammoCore
import Study
import Synth

struct SynthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Write synthetic screening mammography exams with ground truth (synthetic data, not patients).",
        discussion: """
        Writes DIR/<patientID>/<studyDate>/<VIEW>.dcm for each exam (RCC, LCC, RMLO, LMLO) and \
        DIR/ground-truth.json (format documented in Sources/Study/GroundTruthFile.swift). The same \
        seed gives the same files. About 30% of patients also get a prior exam one to two years \
        earlier; priors do not count toward --exams.

        Shift scenarios for monitoring: --site names the institution (InstitutionName), --profile \
        the acquisition system (see --list-profiles), --weeks N with --start-date spreads the current \
        exams over N weeks (a few in every week), --prevalence and --density-mix set the population. \
        Runs that differ in site, profile or start date never share UIDs or patient IDs, so two \
        runs (weeks 1-6 on one system, 7-12 on another) can go into one library.
        """
    )

    @Option(help: "Number of current screening exams (one patient each).") var exams: Int = 10
    @Option(help: "Seed; the same seed and --exams give the same exams.") var seed: UInt64 = 1
    @Option(help: "Detector grid: small (832x1024, 0.28 mm) or full (3328x4096, 0.07 mm).") var size: DetectorSize = .small
    @Option(help: "Pixel data encoding: none, rle or jpeg-ls (all lossless).") var compression: DicomCompression = .jpegLS
    @Option(help: "Output folder (created if missing).") var out: String = ""
    @Flag(help: "Print the planned exams (patients, findings, priors) without writing anything.") var dryRun = false
    @Option(help: "Acquisition profile (system): see --list-profiles.") var profile: String = AcquisitionProfile.default.name
    @Flag(help: "List the acquisition profiles and exit.") var listProfiles = false
    @Option(help: "Site, written as InstitutionName.") var site: String?
    @Option(help: "Spread the current exams' study dates over this many weeks from --start-date.") var weeks: Int?
    @Option(help: "First day current exams are dated, YYYYMMDD (default 20250106).") var startDate: String?
    @Option(help: "Share of current exams with a cancer, 0 to 1.") var prevalence: Double = 0.3
    @Option(help: "Shares of density categories A,B,C,D summing to 1, e.g. 0.1,0.4,0.4,0.1 (default: about 15/35/35/15 %).")
    var densityMix: String?

    func validate() throws {
        if listProfiles { return }
        guard AcquisitionProfile.named(profile) != nil else {
            throw ValidationError("unknown profile '\(PrintableText.clean(profile))'; known profiles: "
                                  + AcquisitionProfile.all.map(\.name).joined(separator: ", "))
        }
        if let weeks { guard (1...520).contains(weeks) else { throw ValidationError("--weeks must be 1 to 520") } }
        if let startDate {
            guard SynthOptions.isDate(startDate) else { throw ValidationError("--start-date must be a date as YYYYMMDD, e.g. 20250106") }
        }
        guard (0...1).contains(prevalence) else { throw ValidationError("--prevalence must be between 0 and 1") }
        if let densityMix { _ = try Self.parseDensityMix(densityMix) }
        if let site { guard site.count <= 64 else { throw ValidationError("--site must be at most 64 characters (DICOM LO)") } }
        guard exams >= 1 else { throw ValidationError("--exams must be at least 1") }
        guard exams <= 9999 else { throw ValidationError("--exams must be at most 9999") }
        guard dryRun || !out.isEmpty else { throw ValidationError("--out must name a folder") }
    }

    /// "0.1,0.4,0.4,0.1" → shares of A, B, C, D.
    static func parseDensityMix(_ text: String) throws -> [BreastDensity: Double] {
        let values = text.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard values.count == 4, values.allSatisfy({ $0 != nil }) else {
            throw ValidationError("--density-mix takes four shares A,B,C,D, e.g. 0.1,0.4,0.4,0.1")
        }
        let shares = values.compactMap { $0 }
        guard shares.allSatisfy({ $0 >= 0 && $0.isFinite }), abs(shares.reduce(0, +) - 1) <= 0.01 else {
            throw ValidationError("--density-mix shares must be at least 0 and sum to 1 (they sum to \(shares.reduce(0, +)))")
        }
        return Dictionary(uniqueKeysWithValues: zip([BreastDensity.a, .b, .c, .d], shares))
    }

    func run() throws {
        if listProfiles {
            for p in AcquisitionProfile.all {
                print("\(p.name)\t\(p.manufacturer)\t\(p.manufacturerModelName)\t\(p.summary)")
            }
            return
        }
        guard let acquisition = AcquisitionProfile.named(profile) else { throw ValidationError("unknown profile '\(profile)'") }
        var options = SynthOptions(examCount: exams, seed: seed, size: size, profile: acquisition,
                                   site: site.flatMap { $0.isEmpty ? nil : $0 }, weeks: weeks, startDate: startDate,
                                   densityMix: try densityMix.map(Self.parseDensityMix))
        options.prevalence = prevalence
        if dryRun {
            for patient in CohortPlanner.plan(options) {
                for exam in patient.exams {
                    let findings = exam.lesions.map { "\($0.side.rawValue) \($0.shape.rawValue) \($0.pathology.rawValue) \(String(format: "%.0f", $0.diameterMM)) mm" }
                    print("\(patient.patientID) \(exam.studyDate) \(exam.isPrior ? "prior  " : "current") density \(patient.density.rawValue) "
                          + "BI-RADS \(exam.birads.rawValue)\(findings.isEmpty ? "" : ": " + findings.joined(separator: ", "))")
                }
            }
            return
        }
        let writer = SynthWriter(options: options, compression: compression)
        let total = writer.imageCount(for: CohortPlanner.plan(options))
        let bar = ProgressBar(total: total, label: "synth")
        let started = Date()
        let truth: GroundTruthFile
        do {
            truth = try writer.write(to: out) { done, _ in bar.update(done: done, force: done == total) }
        } catch {
            bar.finish()
            throw error
        }
        bar.finish()
        let seconds = Date().timeIntervalSince(started)
        let current = truth.exams.filter { !$0.isPrior }
        let priors = truth.exams.count - current.count
        let cancers = current.filter(\.cancer).count
        let benign = current.filter { !$0.cancer && !$0.lesions.isEmpty }.count
        let images = truth.exams.reduce(0) { $0 + $1.images.count }
        print("Wrote \(truth.exams.count) exams (\(current.count) current: \(cancers) cancer, \(benign) benign, "
              + "\(current.count - cancers - benign) normal; \(priors) prior\(priors == 1 ? "" : "s")), \(images) images, to \(out)")
        print(String(format: "Size %@, %@, seed %llu, %.1f s (%.2f s per exam)", size.rawValue, compression.rawValue,
                     seed, seconds, seconds / Double(max(1, truth.exams.count))))
        print("Profile \(acquisition.name) (\(acquisition.manufacturer) \(acquisition.manufacturerModelName))"
              + (options.site.map { ", site \(PrintableText.clean($0))" } ?? "")
              + (weeks.map { ", \($0) week\($0 == 1 ? "" : "s") from \(startDate ?? "20250106")" } ?? ""))
        print("Ground truth: \((out as NSString).appendingPathComponent(GroundTruthFile.fileName))")
    }
}

extension DetectorSize: ExpressibleByArgument {}
extension DicomCompression: ExpressibleByArgument {}
