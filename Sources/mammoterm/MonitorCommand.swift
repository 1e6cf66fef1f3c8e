// `mammoterm monitor`: watches the deployed model over a period, in windows (week or month) and
// strata (site, device, view, age, density): score and input drift against a reference, the
// screening and AI rates, a label-free performance estimate, control charts, and alarms whose
// limits are calibrated to each window's size (Monitor documents the figures). The JSON field
// names are a contract: {"windows": [{"start", "end", "stratum", "n", "psi", "ks", "ksP",
// "wasserstein", "aiPositiveRate", "estimatedAUC", "alarms": [..]}]}.
import ArgumentParser
import Foundation
import MammoCore
import Monitor
import Store
import Workstation

struct MonitorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitor",
        abstract: "Watch the deployed AI model: drift, rates, label-free estimates and alarms, per window and stratum.",
        discussion: """
            Reads the library's analysed exams (`mammoterm analyze` records each view's input \
            statistics and the acquisition context beside the result). Alarm limits come from the \
            reference by bootstrap at each window's size, so the chance that a stable window \
            raises any alarm is config.toml's [monitor] false_alarm_rate (0.05 by default) \
            whatever a site's volume. `--check` exits 1 while an alarm is active (for cron); \
            `--png FILE` also draws the charts of the workstation's monitor screen; `--serve ADDR` \
            serves the figures to Prometheus. Research and demonstration only: not for diagnosis.
            """)

    enum Format: String, EnumerableFlag {
        case table, json, csv
        static func help(for value: Format) -> ArgumentHelp? {
            switch value {
            case .table: "An aligned plain-text table (default)."
            case .json: "JSON: {\"windows\": [...]} (stable field names)."
            case .csv: "CSV, one row per window, with a header row."
            }
        }
    }

    @OptionGroup var libraryOptions: LibraryOptions
    @Option(help: "config.toml to read [monitor] from (default: the usual place).") var config: String?
    @Option(help: "First study date, YYYYMMDD or YYYY-MM-DD (default: the first analysed).") var from: String?
    @Option(help: "Last study date, YYYYMMDD or YYYY-MM-DD (default: the last analysed).") var to: String?
    @Option(help: "Window: week (ISO, Monday first) or month (default: config, else week).") var window: String?
    @Option(help: "Strata, comma-separated: site, device, view, age, density (default: all exams together).")
    var by: String?
    @Option(help: ArgumentHelp("The reference: validation (the model's own, bundled beside it), a period FROM..TO of this library, or a reference file.",
                               valueName: "validation|FROM..TO|FILE"))
    var reference: String?
    @Option(help: "The model watched (default: the one with the most analysed studies).") var model: String?
    @Option(help: "Windows with fewer exams show their figures but raise no alarm (default: config, else 30).")
    var minimumExams: Int?
    @Option(help: "Consecutive windows a limit must be crossed in before it alarms (default: config, else 2; 1: at once).")
    var alarmPersistence: Int?
    @Flag(exclusivity: .exclusive) var format: Format = .table
    @Flag(help: "Print nothing unless an alarm is active; exit 1 while one is (for cron).") var check = false
    @Option(help: ArgumentHelp("Serve the figures as Prometheus metrics at HOST:PORT/metrics (127.0.0.1 unless a host is given), recomputed on each scrape.",
                               valueName: "HOST:PORT"))
    var serve: String?
    @Option(help: ArgumentHelp("Write the chosen period's exams as a reference file (for --reference FILE).", valueName: "FILE"))
    var saveReference: String?
    @Option(help: ArgumentHelp("Also draw the report's charts (the M screen's, per stratum) as a PNG picture.", valueName: "FILE"))
    var png: String?

    func validate() throws {
        if let window, !["week", "month"].contains(window) { throw ValidationError("--window must be week or month") }
        for date in [from, to].compactMap({ $0 }) where Self.date(date) == nil {
            throw ValidationError("\(PrintableText.clean(date)) is not a date: use YYYYMMDD or YYYY-MM-DD")
        }
        if let by { _ = try Self.strata(by) }
        if png != nil, serve != nil || saveReference != nil {
            throw ValidationError("--png draws a report: it does not go with --serve or --save-reference")
        }
    }

    static func date(_ text: String) -> String? { MonitorLibrary.date(text) }

    static func strata(_ text: String) throws -> [MonitorStratum] {
        try text.split(separator: ",").map { part in
            let name = part.trimmingCharacters(in: .whitespaces)
            guard let stratum = MonitorStratum(rawValue: name) else {
                throw ValidationError("--by \(PrintableText.clean(name)): use site, device, view, age or density")
            }
            return stratum
        }
    }

    func run() throws {
        do {
            try runChecked()
        } catch let error as ExitCode {
            throw error
        } catch {
            FileHandle.standardError.write(Data("mammoterm: \(error)\n".utf8))
            throw ExitCode(2)
        }
    }
}
