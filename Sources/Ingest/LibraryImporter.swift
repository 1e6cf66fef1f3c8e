// The import pipeline shared by `mammoterm import`, the archive retrieve and the Storage SCP:
// skip files unchanged since the last import, read headers and check pixel data layouts on all
// cores, decide duplicates by content, write summaries in batches (one commit per batch),
// remember unusable files with their reason, and go on. Checks run in a fixed order (readable,
// intact, then the duplicate and identity rules), so a skip names what is wrong with that file.
import Foundation
import MammoCore
import Store

public final class LibraryImporter {
    /// Header reads between progress updates: small enough for a lively bar.
    public static let readChunk = 16
    /// Images per write transaction: one commit (fsync) per batch instead of per file.
    public static let writeBatch = 256

    let database: Database
    /// Called for every skipped file with its reason (already counted in the tally).
    let onSkip: (String, SkipReason) -> Void
    /// Called for every file that is not DICOM at all.
    let onNotDICOM: (String) -> Void
    /// Called for every image added or updated in the library.
    let onIndexed: (ImageSummary) -> Void
    /// Called for every structured report whose findings were stored, with the items left out.
    let onReport: (String, CADReportImport.Outcome) -> Void

    public private(set) var tally: ImportTally

    public init(database: Database, onSkip: @escaping (String, SkipReason) -> Void = { _, _ in },
                onNotDICOM: @escaping (String) -> Void = { _ in }, onIndexed: @escaping (ImageSummary) -> Void = { _ in },
                onReport: @escaping (String, CADReportImport.Outcome) -> Void = { _, _ in }) {
        self.database = database
        self.onSkip = onSkip
        self.onNotDICOM = onNotDICOM
        self.onIndexed = onIndexed
        self.onReport = onReport
        self.tally = ImportTally(seen: 0)
    }

    /// Imports `files` (from FileWalk); `problems` are walk failures to report as skips.
    /// `progress` gets the number of files handled so far.
    public func run(_ files: [FileWalk.Entry], problems: [(path: String, reason: String)] = [],
                    progress: (Int) -> Void = { _ in }) throws(StoreError) {
        tally.seen += files.count
        var pendingImages: [ImageSummary] = []
        var pendingSOPs: Set<String> = []
        var pendingIssues: [(path: String, reason: String)] = []
        // Structured reports wait until the run's images are in the library: they point at them.
        var reports: [String] = []
        var lastFlush = Date()
        let resolver = DuplicateResolver(database: database)

        func skip(_ path: String, _ reason: SkipReason) {
            tally.skip(path, reason)
            pendingIssues.append((path: path, reason: reason.text))
            onSkip(path, reason)
        }
        func flush() throws(StoreError) {
            // The duplicate rule: instances the library already holds from another existing file.
            let stored = try database.storedInstances(pendingImages.map(\.sopInstanceUID))
            var toAdd: [ImageSummary] = []
            var replacing: [String: (path: String, problem: String)] = [:]
            for summary in pendingImages {
                if let held = stored[summary.sopInstanceUID], DuplicateResolver.contests(summary, held) {
                    switch try resolver.resolve(summary, against: held) {
                    case .keepStored(let reason):
                        skip(summary.path, reason)
                        continue
                    case .replaceStored(let problem):
                        replacing[summary.sopInstanceUID] = (held.path, problem)
                    }
                }
                toAdd.append(summary)
            }
            for (summary, result) in zip(toAdd, try database.add(toAdd, replacing: Set(replacing.keys))) {
                switch result {
                case .success(let outcome):
                    if let old = replacing[summary.sopInstanceUID] {
                        tally.replaced += 1
                        skip(old.path, SkipReason(.pixelData, "\(old.problem); the library now uses its copy \(summary.path)"))
                    }
                    switch outcome {
                    case .added: tally.added += 1; onIndexed(summary)
                    case .updated: tally.updated += 1; onIndexed(summary)
                    case .unchanged: tally.unchanged += 1
                    }
                case .failure(let error): skip(summary.path, SkipReason(error))
                }
            }
            try database.recordIssues(pendingIssues)
            pendingImages.removeAll(keepingCapacity: true)
            pendingSOPs.removeAll(keepingCapacity: true)
            pendingIssues.removeAll(keepingCapacity: true)
            lastFlush = Date()
        }

        for problem in problems { skip(problem.path, SkipReason(.unreadable, problem.reason)) }
        var done = 0
        progress(0)
        for start in stride(from: 0, to: files.count, by: Self.readChunk) {
            let chunk = files[start..<min(start + Self.readChunk, files.count)]
            var toRead: [FileWalk.Entry] = []
            for file in chunk {
                if try database.isUnchanged(path: file.path, size: file.size, modified: file.modified) {
                    tally.unchanged += 1
                } else {
                    toRead.append(file)
                }
            }
            for (file, outcome) in zip(toRead, HeaderTriage.readAll(toRead.map(\.path))) {
                switch outcome {
                case .image(var summary):
                    // The walk's own stat values, so the next import's isUnchanged compares like with like.
                    summary.fileSize = file.size
                    summary.fileModified = file.modified
                    // Two files of one instance in a batch: the second is judged against the first.
                    if pendingSOPs.contains(summary.sopInstanceUID) { try flush() }
                    pendingImages.append(summary)
                    pendingSOPs.insert(summary.sopInstanceUID)
                case .structuredReport:
                    reports.append(file.path)
                case .notDICOM:
                    tally.notDICOM += 1
                    onNotDICOM(file.path)
                case .unusable(let reason):
                    skip(file.path, reason)
                }
            }
            done += chunk.count
            if pendingImages.count >= Self.writeBatch || Date().timeIntervalSince(lastFlush) >= 1 { try flush() }
            progress(done)
        }
        try flush()
        for path in reports { importReport(path, skip: skip) }
        try database.recordIssues(pendingIssues)
        progress(done)
    }

    /// One structured report's findings into the library (CADReportImport), counted in the tally.
    func importReport(_ path: String, skip: (String, SkipReason) -> Void) {
        switch CADReportImport.run(path: path, database: database) {
        case .success(let outcome):
            tally.reports += 1
            tally.reportFindings += outcome.analysis.findings.count
            tally.reportNotes += outcome.notes.map { "\(path): \($0)" }
            onReport(path, outcome)
        case .failure(let failure):
            skip(path, failure.reason)
        }
    }
}
