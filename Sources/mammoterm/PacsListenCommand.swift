// `mammoterm pacs listen`: a Storage SCP, so a modality or a PACS can push studies to
// mammoterm. Each file is checked and indexed as it arrives; a file that is not a readable
// image is refused with a DICOM failure status and named on stderr; a half-received file
// never reaches the library (receivers write under a temporary name and rename when whole).
// Patient text stays out of the log: one line per instance with its SOP Instance UID and view.
import Archive
import ArgumentParser
import Foundation
import Ingest
import MammoCore
import Store

struct PacsListenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "listen",
        abstract: "Receive studies pushed with C-STORE (a Storage SCP) into the library, until Ctrl-C.")

    @OptionGroup var options: PacsOptions
    @Option(help: "TCP port to listen on (default 11112, DICOM's registered port).") var port: Int = 11112
    @Option(help: "Our AE title (default MAMMOTERM).") var aet: String = PacsNode.defaultCallingAET
    @Flag(help: "No line per received instance (failures are still listed).") var quiet = false

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be from 1 to 65535") }
        guard PacsNode.isValidAETitle(aet) else { throw ValidationError("--aet must be 1 to 16 printable ASCII characters without '\\'") }
    }

    func run() throws {
        let settings = try options.settings()
        let libraryPath = options.libraryPath(settings)
        let database = try Database.open(libraryPath)
        let storage = options.managedStorage(settings, libraryPath: libraryPath)
        do {
            try storage.prepare()
        } catch {
            PacsCommand.complain(error.description)
            throw ExitCode(1)
        }
        let quiet = self.quiet
        let sink = LibrarySink(database: database, storage: storage, batching: true, onIndexed: { summary in
            guard !quiet else { return }
            let view = summary.viewKey?.label ?? summary.modality
            FileHandle.standardError.write(Data("received \(summary.sopInstanceUID) (\(view)) study \(summary.studyInstanceUID)\n".utf8))
        }, onLateFailure: { summary, reason in
            FileHandle.standardError.write(Data("not indexed: \(summary.sopInstanceUID): \(PrintableText.clean(reason))\n".utf8))
        }, onReport: { path, result in
            switch result {
            case .success(let outcome):
                guard !quiet else { return }
                FileHandle.standardError.write(Data("received CAD report: \(outcome.analysis.findings.count) findings by \(PrintableText.clean(outcome.analysis.source)) for study \(outcome.analysis.studyInstanceUID)\n".utf8))
                for note in outcome.notes { FileHandle.standardError.write(Data("  left out: \(PrintableText.clean(note))\n".utf8)) }
            case .failure(let failure):
                FileHandle.standardError.write(Data("report not imported: \(PrintableText.clean(path)): \(PrintableText.clean(failure.reason.text))\n".utf8))
            }
        })
        let refusing = ClosureSink { path in
            let verdict = sink.receive(file: path)
            if case .refused(let reason) = verdict {
                FileHandle.standardError.write(Data("refused: \(PrintableText.clean(reason))\n".utf8))
            }
            return verdict
        }
        let interrupt = InterruptCancels()
        // DCMTK 3.6.7 listens on every interface (it has no bind address): firewall the port where that matters.
        let scp = StorageSCP(port: port, aeTitle: aet, spool: storage.spool, sink: refusing)
        FileHandle.standardError.write(Data("Listening as \(aet) on port \(port); storing into \(PrintableText.clean(storage.root)), indexing into \(PrintableText.clean(libraryPath)). Ctrl-C stops.\n".utf8))
        do throws(ArchiveError) {
            try scp.run(stop: interrupt.flag)
        } catch {
            sink.drain()
            PacsCommand.complain(error.description)
            throw ExitCode(1)
        }
        sink.drain()
        let counts = scp.counts
        print("Received \(counts.completed) instances, refused \(counts.failed).")
    }
}
