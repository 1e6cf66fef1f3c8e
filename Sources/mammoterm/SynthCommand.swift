// `mammoterm synth`: writes synthetic screening exams (four views each, priors for some patients)
// as DICOM files with a ground-truth JSON, deterministically from a seed.
import ArgumentParser
import DICOM
import Foundation
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
        """
    )

    @Option(help: "Number of current screening exams (one patient each).") var exams: Int = 10
    @Option(help: "Seed; the same seed and --exams give the same exams.") var seed: UInt64 = 1
    @Option(help: "Detector grid: small (832x1024, 0.28 mm) or full (3328x4096, 0.07 mm).") var size: DetectorSize = .small
    @Option(help: "Pixel data encoding: none, rle or jpeg-ls (all lossless).") var compression: DicomCompression = .jpegLS
    @Option(help: "Output folder (created if missing).") var out: String = ""
    @Flag(help: "Print the planned exams (patients, findings, priors) without writing anything.") var dryRun = false

    func validate() throws {
        guard exams >= 1 else { throw ValidationError("--exams must be at least 1") }
        guard exams <= 9999 else { throw ValidationError("--exams must be at most 9999") }
        guard dryRun || !out.isEmpty else { throw ValidationError("--out must name a folder") }
    }

    func run() throws {
        let options = SynthOptions(examCount: exams, seed: seed, size: size)
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
        print("Ground truth: \((out as NSString).appendingPathComponent(GroundTruthFile.fileName))")
    }
}

extension DetectorSize: ExpressibleByArgument {}
extension DicomCompression: ExpressibleByArgument {}
