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
    @OptionGroup var library: LibraryOptions

    func validate() throws {
        if json && csv { throw ValidationError("choose one of --json and --csv") }
        if resamples < 1 { throw ValidationError("--resamples must be at least 1") }
    }

    func run() throws {
        let database = try library.openChecked()
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

extension ReadingProtocol: ExpressibleByArgument {}
