// `mammoterm pacs send NAME (STUDY_UID|FILE...)`: sends a library study's images, or files and
// folders, to an archive (C-STORE; STOW-RS with --via dicomweb). The next issues send
// mammoterm's own DICOM outputs (CAD SR, reports) with it.
import Archive
import ArgumentParser
import Foundation
import Ingest
import MammoCore
import Store
import Workstation

struct PacsSendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send", abstract: "Send a study from the library, or DICOM files, to an archive (C-STORE or STOW-RS).")

    @OptionGroup var options: PacsOptions
    @Argument(help: "The archive's name in config.toml.") var name: String
    @Argument(help: ArgumentHelp("A Study Instance UID in the library, or DICOM files and folders.", valueName: "study-or-file"),
              completion: .file())
    var items: [String]
    @Option(help: "dimse (C-STORE) or dicomweb (STOW-RS).") var via: SendTransport = .dimse

    enum SendTransport: String, ExpressibleByArgument, CaseIterable { case dimse, dicomweb }

    func validate() throws {
        if items.isEmpty { throw ValidationError("give a Study Instance UID or DICOM files to send") }
    }

    func run() throws {
        let settings = try options.settings()
        let node = try options.node(name, in: settings)
        let files = try resolveFiles(settings)
        guard !files.isEmpty else {
            PacsCommand.complain("nothing to send")
            throw ExitCode(1)
        }
        let interrupt = InterruptCancels()
        let bar = SharedProgressBar(total: files.count, label: "Sending", unit: "instances")
        let started = Date()
        let counts: TransferCounts
        do throws(ArchiveError) {
            counts = try node.connection(via: via == .dicomweb ? .dicomweb : .dimse).send(files: files, progress: { step in
                bar.update(done: step.completed + step.failed)
            }, cancel: interrupt.flag)
        } catch {
            bar.finish()
            PacsCommand.complain(error.description)
            throw ExitCode(error.reason == "cancelled" ? 130 : 1)
        }
        bar.finish()
        for failure in counts.failures { PacsCommand.complain("failed: \(PrintableText.clean(failure))") }
        let elapsed = Date().timeIntervalSince(started)
        print("Sent \(counts.completed) of \(files.count) instances to \(node.name) via \(via == .dicomweb ? "STOW-RS" : "C-STORE") in \(String(format: "%.2f", elapsed)) s" + (counts.failed > 0 ? "; \(counts.failed) failed" : ""))
        if counts.failed > 0 { throw ExitCode(1) }
    }

    /// A single argument that is not a file is a study in the library; otherwise files and folders.
    func resolveFiles(_ settings: WorkstationConfig) throws -> [String] {
        if items.count == 1, !FileManager.default.fileExists(atPath: items[0]) {
            let uid = items[0]
            let libraryPath = options.libraryPath(settings)
            guard LibraryOptions.exists(libraryPath) else {
                PacsCommand.complain("no such file, and no library at \(PrintableText.clean(libraryPath)) to find study \(PrintableText.clean(uid)) in")
                throw ExitCode(1)
            }
            let images = try Database.open(libraryPath).images(studyInstanceUID: uid)
            guard !images.isEmpty else {
                PacsCommand.complain("\(PrintableText.clean(uid)) is neither a file nor a study in the library")
                throw ExitCode(1)
            }
            return images.map(\.path)
        }
        for item in items where !FileManager.default.fileExists(atPath: item) {
            throw ValidationError("no such file or folder: \(PrintableText.clean(item))")
        }
        let walk = FileWalk.collect(items, ignoring: "")
        for problem in walk.problems { PacsCommand.complain("skipped: \(PrintableText.clean(problem.path)): \(problem.reason)") }
        return walk.files.map { $0.path }.filter { HeaderTriage.looksLikeDICOM($0) }
    }
}
