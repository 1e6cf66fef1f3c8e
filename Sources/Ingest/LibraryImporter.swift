// The import pipeline shared by `mammoterm import`, the archive retrieve and the Storage SCP:
// skip files unchanged since the last import, read headers on all cores, write summaries in
// batches (one commit per batch), remember unusable files with their reason, and go on.
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
    let onSkip: (String, String) -> Void
    /// Called for every file that is not DICOM at all.
    let onNotDICOM: (String) -> Void
    /// Called for every image added or updated in the library.
    let onIndexed: (ImageSummary) -> Void

    public private(set) var tally: ImportTally

    public init(database: Database, onSkip: @escaping (String, String) -> Void = { _, _ in },
                onNotDICOM: @escaping (String) -> Void = { _ in }, onIndexed: @escaping (ImageSummary) -> Void = { _ in }) {
        self.database = database
        self.onSkip = onSkip
        self.onNotDICOM = onNotDICOM
        self.onIndexed = onIndexed
        self.tally = ImportTally(seen: 0)
    }

    /// Imports `files` (from FileWalk); `problems` are walk failures to report as skips.
    /// `progress` gets the number of files handled so far.
    public func run(_ files: [FileWalk.Entry], problems: [(path: String, reason: String)] = [],
                    progress: (Int) -> Void = { _ in }) throws(StoreError) {
        tally.seen += files.count
        var pendingImages: [ImageSummary] = []
        var pendingIssues: [(path: String, reason: String)] = []
        var lastFlush = Date()

        func skip(_ path: String, _ reason: String) {
            tally.skip(reason: reason)
            pendingIssues.append((path: path, reason: reason))
            onSkip(path, reason)
        }
        func flush() throws(StoreError) {
            for (summary, result) in zip(pendingImages, try database.add(pendingImages)) {
                switch result {
                case .success(.added): tally.added += 1; onIndexed(summary)
                case .success(.updated): tally.updated += 1; onIndexed(summary)
                case .success(.unchanged): tally.unchanged += 1
                case .failure(let error): skip(summary.path, error.reason)
                }
            }
            try database.recordIssues(pendingIssues)
            pendingImages.removeAll(keepingCapacity: true)
            pendingIssues.removeAll(keepingCapacity: true)
            lastFlush = Date()
        }

        for problem in problems { skip(problem.path, problem.reason) }
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
                    pendingImages.append(summary)
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
        progress(done)
    }
}
