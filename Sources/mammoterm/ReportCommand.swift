// `mammoterm report [--reader ID]... [--protocol P] [--json|--csv] [--seed N] [--resamples N]`:
// the reader study against ground truth, per reader and protocol (Sources/Study/
// ReaderStudyReport.swift documents the JSON and CSV; the text with braille ROC plots is for people).
import ArgumentParser
import Foundation
import MammoCore
import Store
import Study

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Reader study reports: the library's readers and AI against truth (the default), or an MRMC analysis.",
        subcommands: [Readers.self, MRMC.self], defaultSubcommand: Readers.self)
}

extension ReportCommand {
  /// `report` as it always was (`report readers` by name): the library's study against truth.
  struct Readers: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "readers",
        abstract: "Reader study report: readers and the AI alone vs ground truth, with bootstrap CIs, kappa, reading time and the decision-referral grid.")

    @Option(name: .customLong("reader"), help: "Only this reader (repeat for several).") var readers: [String] = []
    @Option(name: .customLong("protocol"), help: "Only this protocol: unaided, concurrent, second-look or referral.") var readingProtocol: ReadingProtocol?
    @Flag(help: "Print the JSON report.") var json = false
    @Flag(help: "Print the report as long-form CSV.") var csv = false
    @Option(help: "Bootstrap seed.") var seed: UInt64 = 1
    @Option(help: "Bootstrap resamples.") var resamples = 1000
    @Flag(help: "The MRMC analysis (OR-Hillis) of the arms instead: the library's reader study, else its protocols × readers × cases with truth.")
    var mrmc = false
    @Option(help: "With --mrmc: jackknife or DeLong covariances.") var covariance: MRMCCovarianceMethod = .jackknife
    @OptionGroup var library: LibraryOptions

    func validate() throws {
        if json && csv { throw ValidationError("choose one of --json and --csv") }
        if mrmc && csv { throw ValidationError("--mrmc prints text or --json") }
        if resamples < 1 { throw ValidationError("--resamples must be at least 1") }
    }

    func run() throws {
        let database = try library.openChecked()
        if mrmc {
            try ReportCommand.printMRMC(design: try libraryDesign(database), database: database, covariance: covariance, json: json)
            return
        }
        let (all, bad) = try database.readsReportingBad()
        var records = all.filter { readingProtocol == nil || $0.readingProtocol == readingProtocol }
        if !readers.isEmpty { records = records.filter { readers.contains($0.reader) } }
        let cases = ReaderCase.join(records, info: try StudyCaseInfo.all(in: database))
        let report = try ReaderStudyReport(cases: cases, seed: seed, resamples: resamples)
        if json { print(try report.json()) } else if csv { print(report.csv(), terminator: "") } else { print(report.text()) }
        try ExportCommand.failIfBad(bad, exported: records.count, noun: "records reported")
    }
  }
}

extension ReportCommand.Readers {
    /// What `--mrmc` analyses: the library's one reader study; else every protocol (the arms, in
    /// order of first appearance), reader and case with truth among the final decisions, filtered
    /// by --reader and --protocol. The analysis needs them fully crossed; what is missing is listed.
    func libraryDesign(_ database: Database) throws -> ReaderStudyDesign {
        let names = try database.readerStudyNames()
        if names.count == 1, let name = names.first, readers.isEmpty, readingProtocol == nil {
            return try StudyCommand.design(name, in: database)
        }
        let truth = try database.truths()
        var records = try database.reads().filter { $0.stage == .final && truth[$0.studyInstanceUID] != nil }
        if let readingProtocol { records = records.filter { $0.readingProtocol == readingProtocol } }
        if !readers.isEmpty { records = records.filter { readers.contains($0.reader) } }
        func firstSeen<T: Hashable>(_ values: [T]) -> [T] { var seen = Set<T>(); return values.filter { seen.insert($0).inserted } }
        do {
            return try ReaderStudyDesign(name: "library", arms: firstSeen(records.map(\.readingProtocol)), readers: firstSeen(records.map(\.reader)),
                                         cases: firstSeen(records.map(\.studyInstanceUID)), seed: 0, createdAt: .now)
        } catch {
            StudyCommand.complain("report --mrmc: \(error)")
            throw ExitCode(1)
        }
    }
}

extension ReadingProtocol: ExpressibleByArgument {}
