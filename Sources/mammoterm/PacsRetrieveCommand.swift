// `mammoterm pacs retrieve NAME STUDY_UID`: fetches a study (and the patient's previous MG
// studies) into the library's managed storage, each instance indexed as it arrives. Resumable:
// instances already in the library are not fetched again, so after a failure or Ctrl-C the
// same command fetches the rest. Nothing half-received is ever indexed.
import Archive
import ArgumentParser
import Foundation
import Ingest
import MammoCore
import Store
import Synchronization
import Workstation

struct PacsRetrieveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retrieve",
        abstract: "Retrieve a study (and its priors) from an archive into the library (C-GET, C-MOVE or WADO-RS).")

    @OptionGroup var options: PacsOptions
    @Argument(help: "The archive's name in config.toml.") var name: String
    @Argument(help: "The Study Instance UID to retrieve.") var studyInstanceUID: String

    @Option(help: "cget (default), cmove (to our Storage SCP on the node's storage_port) or dicomweb (WADO-RS).")
    var via: RetrieveTransport = .cget
    @Option(help: "Previous MG studies of the patient to fetch too (default: config's retrieve_priors, else 2).")
    var priors: Int?

    enum RetrieveTransport: String, ExpressibleByArgument, CaseIterable { case cget, cmove, dicomweb }

    func validate() throws {
        if let priors, !(0...20).contains(priors) { throw ValidationError("--priors must be from 0 to 20") }
        if studyInstanceUID.isEmpty || !studyInstanceUID.allSatisfy({ $0.isNumber || $0 == "." }) {
            throw ValidationError("\(PrintableText.clean(studyInstanceUID)) is not a Study Instance UID (digits and dots)")
        }
    }

    func run() throws {
        let settings = try options.settings()
        let node = try options.node(name, in: settings)
        let libraryPath = options.libraryPath(settings)
        let database = try Database.open(libraryPath)
        let storage = options.managedStorage(settings, libraryPath: libraryPath)
        let priorCount = priors ?? settings.retrievePriors ?? WorkstationConfig.defaultRetrievePriors
        let interrupt = InterruptCancels()
        let started = Date()
        let display = RetrieveDisplay()
        let report: StudyRetriever.Report
        do throws(ArchiveError) {
            let connection = try node.connection(via: ArchiveTransport(rawValue: via.rawValue) ?? .cget)
            let retriever = StudyRetriever(connection: connection, database: database, storage: storage)
            report = try retriever.retrieve(studyInstanceUID: studyInstanceUID, priors: priorCount, cancel: interrupt.flag) { event in
                display.show(event)
            }
        } catch {
            display.finish()
            if error.reason == "cancelled" {
                PacsCommand.complain("\(node.name): retrieve cancelled; what arrived is in the library, run the same command again to fetch the rest")
                throw ExitCode(130)
            }
            PacsCommand.complain(error.description)
            PacsCommand.complain("what arrived before the failure is in the library; run the same command again to fetch the rest")
            throw ExitCode(1)
        }
        display.finish()
        let elapsed = Date().timeIntervalSince(started)
        for failure in report.failures { PacsCommand.complain("failed: \(PrintableText.clean(failure))") }
        let mainCounts = report.studies.first?.counts ?? TransferCounts()
        let priorStudies = report.studies.dropFirst()
        let rate = elapsed > 0 ? Double(report.bytes) / elapsed / 1_000_000 : 0
        var line = "Retrieved \(mainCounts.completed) instances of study \(studyInstanceUID) from \(node.name) via \(via.label)"
        if mainCounts.alreadyPresent > 0 { line += " (\(mainCounts.alreadyPresent) already in the library)" }
        if mainCounts.failed > 0 { line += ", \(mainCounts.failed) failed" }
        print(line)
        if !priorStudies.isEmpty {
            let fetched = priorStudies.reduce(0) { $0 + $1.counts.completed }
            let present = priorStudies.reduce(0) { $0 + $1.counts.alreadyPresent }
            print("Priors: \(priorStudies.count) \(priorStudies.count == 1 ? "study" : "studies"), \(fetched) instances retrieved, \(present) already in the library")
        } else if priorCount > 0 {
            print("Priors: none in the archive")
        }
        print(String(format: "%.2f s, %.1f MB, %.1f MB/s. Library: %@", elapsed, Double(report.bytes) / 1_000_000, rate, PrintableText.clean(libraryPath)))
        if report.failed > 0 { throw ExitCode(1) }
    }
}

extension PacsRetrieveCommand.RetrieveTransport {
    var label: String {
        switch self {
        case .cget: "C-GET"
        case .cmove: "C-MOVE"
        case .dicomweb: "WADO-RS"
        }
    }
}

/// The progress bar of a retrieve: one bar per study, redrawn from whichever thread reports.
final class RetrieveDisplay: Sendable {
    private struct State: @unchecked Sendable {
        var bar: ProgressBar?
        var study = ""
    }
    private let state = Mutex(State())

    func show(_ event: StudyRetriever.Event) {
        state.withLock { state in
            if state.study != event.studyInstanceUID || state.bar == nil {
                guard let total = event.total, total > 0 else { return }
                state.bar?.finish()
                let label = event.isPrior ? "Prior \(event.studyNumber - 1)/\(event.studyCount - 1)" : "Retrieving"
                state.bar = ProgressBar(total: total, label: label, unit: "instances")
                state.study = event.studyInstanceUID
            }
            state.bar?.update(done: event.completed + event.failed, force: event.indexed == nil)
        }
    }

    func finish() {
        state.withLock { $0.bar?.finish() }
    }
}
