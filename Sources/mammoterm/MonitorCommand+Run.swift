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
        let load: @Sendable () throws -> [MonitoredExam] = {
            try MonitorLibrary.exams(database, model: model, from: configuration.from, to: configuration.to, perView: perView)
        }
        let compute: @Sendable ([MonitoredExam]) throws -> MonitorReport = {
            try MonitorEngine.run(exams: $0, reference: reference, configuration: configuration)
        }
        if let serve {
            try Self.serveMetrics(address: serve) { try compute(load()) }
            return
        }
        let exams = try load()
        let report = try compute(exams)
        let title = MonitorOverview.title(model: model, reference: self.reference ?? settings.monitor.reference ?? "validation",
                                          configuration: configuration)
        // The picture first, so --check's exit 1 still leaves it for whoever is called.
        if let png { try MonitorChartPNG.write(MonitorOverview(report, exams: exams, title: title), to: png) }
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
            print("Monitor · \(title)")
            print(report.tableText(), terminator: "")
            print("Decision support for research and demonstration only; not for diagnosis.")
        }
    }

    /// Flags, then config.toml's [monitor], then the monitor's defaults.
    func monitorConfiguration(_ settings: MonitorSettings) throws -> MonitorConfiguration {
        var c = MonitorLibrary.configuration(settings, strata: try by.map(Self.strata) ?? [])
        if let text = window, let chosen = MonitorConfiguration.Window(rawValue: text) { c.window = chosen }
        c.from = from.flatMap(MonitorLibrary.date)
        c.to = to.flatMap(MonitorLibrary.date)
        if let minimumExams { c.minimumExams = minimumExams }
        if let alarmPersistence { c.alarmPersistence = alarmPersistence }
        try c.validate()
        return c
    }

    /// `validation` (the bundled model's reference), a period `FROM..TO` of this library, or a file.
    func referenceExams(_ database: Database, model: String, choice: String, perView: Bool) throws -> [MonitoredExam] {
        try MonitorLibrary.reference(database, model: model, choice: choice, bundled: Self.bundledReference, perView: perView)
    }

    /// The bundled model's validation reference (the workstation's M screen uses it too).
    static var bundledReference: MonitorReferenceLocation? {
        guard let card = try? LesionModelCard.bundled(), let path = LesionModelCard.bundledReferencePath else { return nil }
        return MonitorReferenceLocation(model: card.modelID, path: path)
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
