// `mammoterm monitor`'s run: settings from flags, then config.toml's [monitor], then the
// monitor's defaults; the reference; the exams; the report in the asked form, or served.
import ArgumentParser
import Foundation
import Inference
import MammoCore
import Monitor
import Store
import Workstation

extension MonitorCommand {
    func runChecked() throws {
        let environment = ProcessInfo.processInfo.environment
        let home = FileManager.default.homeDirectoryForCurrentUser.path
        let settings = try ConfigFile.load(explicit: config, environment: environment, home: home)
        let location = LibraryOptions.resolve(
            option: ConfigFile.libraryOption(flag: libraryOptions.library, config: settings, environment: environment),
            environment: environment, home: home)
        guard LibraryOptions.exists(location) else {
            throw MonitorFailure("there is no library at \(PrintableText.clean(location)); import and analyse exams first")
        }
        let database = try Database.open(location)
        let configuration = try monitorConfiguration(settings.monitor)
        let model = try MonitorLibrary.watchedModel(database, flag: model)
        let perView = configuration.strata.contains(.view)

        if let saveReference {
            let exams = try MonitorLibrary.exams(database, model: model, from: configuration.from, to: configuration.to, perView: true)
            guard !exams.isEmpty else { throw MonitorFailure("no analysed exams of \(PrintableText.clean(model)) in that period to make a reference of") }
            let file = MonitorReferenceFile(model: model, modelVersion: Self.modelVersion(database, model: model, exams: exams),
                                            description: "\(exams.count) exams of \(PrintableText.clean(URL(fileURLWithPath: location).lastPathComponent)) from \(exams.first?.studyDate ?? "") to \(exams.last?.studyDate ?? "")",
                                            exams: exams)
            try file.write(to: saveReference)
            print("Wrote a reference of \(exams.count) exams (\(model)) to \(PrintableText.clean(saveReference))")
            return
        }

        let reference = try referenceExams(database, model: model, choice: reference ?? settings.monitor.reference ?? "validation",
                                           perView: perView)
        let compute: @Sendable () throws -> MonitorReport = {
            let exams = try MonitorLibrary.exams(database, model: model, from: configuration.from, to: configuration.to, perView: perView)
            return try MonitorEngine.run(exams: exams, reference: reference, configuration: configuration)
        }
        if let serve {
            try Self.serveMetrics(address: serve, compute: compute)
            return
        }
        let report = try compute()
        if report.windows.isEmpty, !check {
            FileHandle.standardError.write(Data("mammoterm: no analysed exams of \(PrintableText.clean(model)) in that period\n".utf8))
        }
        if check {
            guard report.hasActiveAlarms else { return }
            for item in report.activeAlarms {
                print("ALARM \(PrintableText.clean(item.stratum)) \(item.start): \(item.alarm.summary)")
            }
            throw ExitCode(1)
        }
        switch format {
        case .json:
            print(String(decoding: try report.jsonData(), as: UTF8.self))
        case .csv:
            print(report.csvText(), terminator: "")
        case .table:
            print("Monitor · \(Self.title(model: model, reference: self.reference ?? settings.monitor.reference ?? "validation", configuration: configuration))")
            print(report.tableText(), terminator: "")
            print("Decision support for research and demonstration only; not for diagnosis.")
        }
    }

    static func title(model: String, reference: String, configuration: MonitorConfiguration) -> String {
        let strata = configuration.strata.isEmpty ? "all exams" : "by " + configuration.strata.map(\.rawValue).joined(separator: ", ")
        return "\(PrintableText.clean(model)) · reference \(PrintableText.clean(reference)) · \(configuration.window.rawValue)ly windows · \(strata)"
    }

    /// Flags, then config.toml's [monitor], then the monitor's defaults.
    func monitorConfiguration(_ settings: MonitorSettings) throws -> MonitorConfiguration {
        var c = MonitorConfiguration()
        if let text = window ?? settings.window, let chosen = MonitorConfiguration.Window(rawValue: text) { c.window = chosen }
        c.strata = try by.map(Self.strata) ?? []
        c.from = from.flatMap(Self.date)
        c.to = to.flatMap(Self.date)
        if let rate = settings.falseAlarmRate { c.falseAlarmRate = rate }
        if let resamples = settings.bootstrapResamples { c.bootstrapResamples = resamples }
        if let minimum = minimumExams ?? settings.minimumExams { c.minimumExams = minimum }
        if let lambda = settings.ewmaLambda { c.ewmaLambda = lambda }
        if let seed = settings.seed { c.seed = seed }
        try c.validate()
        return c
    }

    /// `validation` (the model's bundled reference), a period `FROM..TO` of this library, or a file.
    func referenceExams(_ database: Database, model: String, choice: String, perView: Bool) throws -> [MonitoredExam] {
        let exams: [MonitoredExam]
        if choice == "validation" {
            let card = try LesionModelCard.bundled()
            guard card.modelID == model, let path = LesionModelCard.bundledReferencePath else {
                throw MonitorFailure("no validation reference for \(PrintableText.clean(model)) (the bundled one is \(card.modelID)'s): give --reference FROM..TO or a reference file")
            }
            exams = try MonitorReferenceFile.load(path: path).exams
        } else if let range = choice.range(of: "..") {
            guard let start = Self.date(String(choice[..<range.lowerBound])), let end = Self.date(String(choice[range.upperBound...])) else {
                throw MonitorFailure("--reference \(PrintableText.clean(choice)): a period is YYYYMMDD..YYYYMMDD")
            }
            exams = try MonitorLibrary.exams(database, model: model, from: start, to: end, perView: true)
        } else {
            let file = try MonitorReferenceFile.load(path: choice)
            guard file.model == model else {
                throw MonitorFailure("\(PrintableText.clean(choice)) is a reference of \(PrintableText.clean(file.model)), not of \(PrintableText.clean(model))")
            }
            exams = file.exams
        }
        guard !exams.isEmpty else { throw MonitorFailure("the reference \(PrintableText.clean(choice)) holds no analysed exams of \(PrintableText.clean(model))") }
        // Per exam, the inputs are the means over views, as the library's exam rows hold them.
        return perView ? exams : exams.map(\.collapsed)
    }

    static func modelVersion(_ database: Database, model: String, exams: [MonitoredExam]) -> String {
        guard let uid = exams.first?.studyInstanceUID else { return "" }
        return (try? database.analysisInput(studyInstanceUID: uid, source: "mammoterm", model: model)?.version) ?? ""
    }
}

/// A monitor run that cannot go on, said in one line.
struct MonitorFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
