// `mammoterm import PATH...`: adds DICOM mammograms from files and folders to the library,
// skipping unchanged files, listing bad ones with their reason, and going on. The pipeline
// itself is Ingest's LibraryImporter, which the archive's receivers share.
import ArgumentParser
import DICOM
import Foundation
import MammoCore
import Ingest
import Store

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Add DICOM mammograms from files and folders to the library.",
        discussion: """
            Folders are searched recursively (hidden files and folders are skipped; symbolic links \
            are followed once). Files already imported and unchanged since (same path, size and \
            modification time) are not read again. A file that cannot be used is listed on stderr \
            with its reason and remembered in the library; the import goes on. Files that are not \
            DICOM at all (README, JSON, ...) are only counted; --verbose lists them.
            Checks run in a fixed order: the file can be read, its header and pixel data are intact \
            (a bounded check of the layout, not a decode), then the duplicate rule (two files of one \
            SOP Instance UID: the one that decodes is kept; identical pixels make the second a \
            duplicate, different pixels a conflict) and the identity rule (a SOP, series or study \
            UID claimed by a second study or patient is a conflict, never merged).
            Patient names are never printed: the summary has counts only.
            --json prints {"library", "seen", "added", "updated", "unchanged", "replaced", "notDICOM", \
            "skipped", "conflicts", "skippedFiles": [{"path", "code", "reason"}], "patients", "studies", \
            "images"}; codes: \(SkipReason.Code.allCases.map(\.rawValue).joined(separator: ", ")).
            """)

    @OptionGroup var libraryOptions: LibraryOptions

    @Argument(
        help: ArgumentHelp("DICOM files or folders to import.", valueName: "path"),
        completion: .file())
    var paths: [String]

    @Flag(help: "Exit with status 1 when any file was skipped.")
    var strict = false

    @Flag(name: .shortAndLong, help: "Also list files that are not DICOM.")
    var verbose = false

    @Flag(help: "Print the outcome as JSON (every skipped file with its reason code) instead of the summary.")
    var json = false

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one file or folder to import") }
        for path in paths where !FileName.exists(path) {
            throw ValidationError("no such file or folder: \(PrintableText.clean(path))")
        }
    }

    func run() throws {
        let started = Date()
        let libraryPath = libraryOptions.path
        let walk = FileWalk.collect(paths, ignoring: libraryPath)
        let database = try libraryOptions.open()

        let progress = ProgressBar(total: walk.files.count, label: "Importing")
        let report = { (line: String) in
            progress.finish()  // clear the bar's line first; it redraws on the next update
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
        let importer = LibraryImporter(
            database: database,
            onSkip: { path, reason in report("skipped: \(PrintableText.clean(path)): \(PrintableText.clean(reason.text))") },
            onNotDICOM: { path in if verbose { report("not DICOM: \(PrintableText.clean(path))") } },
            onReport: { path, outcome in
                for note in outcome.notes { report("left out of \(PrintableText.clean(path)): \(PrintableText.clean(note))") }
            })
        progress.update(done: 0, force: true)
        try importer.run(walk.files, problems: walk.problems) { done in progress.update(done: done) }
        progress.update(done: walk.files.count, force: true)
        progress.finish()

        let tally = importer.tally
        let counts = try database.counts()
        if json {
            print(try Self.json(tally, library: libraryPath, counts: counts))
        } else {
            print(tally.summary(library: libraryPath, counts: counts, elapsed: Date().timeIntervalSince(started), verbose: verbose))
        }
        if strict && tally.skipped > 0 {
            FileHandle.standardError.write(Data("mammoterm: \(tally.skipped) of \(tally.seen) files skipped (--strict)\n".utf8))
            throw ExitCode(1)
        }
    }

    static func json(_ tally: ImportTally, library: String, counts: LibraryCounts) throws -> String {
        struct Out: Encodable {
            var library: String
            var seen, added, updated, unchanged, replaced, notDICOM, skipped, conflicts: Int
            var skippedFiles: [ImportTally.Skipped]
            var patients, studies, images: Int
            /// Structured reports whose findings were stored, their findings, and the items left out.
            var reports, reportFindings: Int
            var reportNotes: [String]
        }
        let out = Out(library: library, seen: tally.seen, added: tally.added, updated: tally.updated, unchanged: tally.unchanged,
                      replaced: tally.replaced, notDICOM: tally.notDICOM, skipped: tally.skipped, conflicts: tally.conflicts,
                      skippedFiles: tally.skippedFiles, patients: counts.patients, studies: counts.studies, images: counts.images,
                      reports: tally.reports, reportFindings: tally.reportFindings, reportNotes: tally.reportNotes)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(out), as: UTF8.self)
    }
}
