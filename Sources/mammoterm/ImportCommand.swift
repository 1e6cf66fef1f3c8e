// `mammoterm import PATH...`: adds DICOM mammograms from files and folders to the library,
// skipping unchanged files, listing bad ones with their reason, and going on.
import ArgumentParser
import DICOM
import Foundation
import MammoCore
import Store
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
            Patient names are never printed: the summary has counts only.
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

    /// Header reads between progress updates: small enough for a lively bar.
    static let readChunk = 16
    /// Images per write transaction: one commit (fsync) per batch instead of per file.
    static let writeBatch = 256

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one file or folder to import") }
        for path in paths where !FileManager.default.fileExists(atPath: path) {
            throw ValidationError("no such file or folder: \(PrintableText.clean(path))")
        }
    }

    func run() throws {
        let started = Date()
        let libraryPath = libraryOptions.path
        let walk = Self.collectFiles(paths, ignoring: libraryPath)
        let database = try libraryOptions.open()

        var tally = Tally(seen: walk.files.count)
        let progress = ProgressBar(total: walk.files.count, label: "Importing")
        let report = { (line: String) in
            progress.finish()  // clear the bar's line first; it redraws on the next update
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
        var pendingImages: [ImageSummary] = []
        var pendingIssues: [(path: String, reason: String)] = []
        var lastFlush = Date()

        func skip(_ path: String, _ reason: String) {
            tally.skip(reason: reason)
            pendingIssues.append((path: path, reason: reason))
            report("skipped: \(PrintableText.clean(path)): \(PrintableText.clean(reason))")
        }
        func flush() throws {
            for (summary, result) in zip(pendingImages, try database.add(pendingImages)) {
                switch result {
                case .success(.added): tally.added += 1
                case .success(.updated): tally.updated += 1
                case .success(.unchanged): tally.unchanged += 1
                case .failure(let error): skip(summary.path, error.reason)
                }
            }
            try database.recordIssues(pendingIssues)
            pendingImages.removeAll(keepingCapacity: true)
            pendingIssues.removeAll(keepingCapacity: true)
            lastFlush = Date()
        }

        for problem in walk.problems { skip(problem.path, problem.reason) }
        var done = 0
        progress.update(done: 0, force: true)
        for start in stride(from: 0, to: walk.files.count, by: Self.readChunk) {
            let chunk = walk.files[start..<min(start + Self.readChunk, walk.files.count)]
            var toRead: [FileEntry] = []
            for file in chunk {
                if try database.isUnchanged(path: file.path, size: file.size, modified: file.modified) {
                    tally.unchanged += 1
                } else {
                    toRead.append(file)
                }
            }
            for (file, outcome) in zip(toRead, Self.readHeaders(toRead)) {
                switch outcome {
                case .image(var summary):
                    // The walk's own stat values, so the next import's isUnchanged compares like with like.
                    summary.fileSize = file.size
                    summary.fileModified = file.modified
                    pendingImages.append(summary)
                case .notDICOM:
                    tally.notDICOM += 1
                    if verbose { report("not DICOM: \(PrintableText.clean(file.path))") }
                case .unusable(let reason):
                    skip(file.path, reason)
                }
            }
            done += chunk.count
            if pendingImages.count >= Self.writeBatch || Date().timeIntervalSince(lastFlush) >= 1 { try flush() }
            progress.update(done: done)
        }
        try flush()
        progress.update(done: done, force: true)
        progress.finish()

        let counts = try database.counts()
        print(tally.summary(library: libraryPath, counts: counts, elapsed: Date().timeIntervalSince(started), verbose: verbose))
        if strict && tally.skipped > 0 { throw ExitCode(1) }
    }

    // MARK: - Finding files

    /// A regular file found by the walk, with the stat values used to skip it next time.
    struct FileEntry: Sendable {
        var path: String
        var size: Int64
        var modified: Double
    }

    /// All regular files under `roots`, by canonical path (symbolic links resolved, each file
    /// once), sorted for a stable order. Hidden entries inside folders are skipped; a root named
    /// explicitly is taken even when hidden. Folders already visited are not entered again, which
    /// stops symbolic-link loops.
    static func collectFiles(_ roots: [String], ignoring libraryPath: String) -> (files: [FileEntry], problems: [(path: String, reason: String)]) {
        var files: [String: FileEntry] = [:]
        var problems: [(path: String, reason: String)] = []
        var visitedFolders: Set<String> = []
        let libraryFiles: Set<String> = Set(["", "-wal", "-shm", "-journal", ".lock"].map { libraryPath + $0 })

        func visit(_ path: String) {
            guard let canonical = realPath(path) else {
                problems.append((path: path, reason: "cannot resolve the path: \(String(cString: strerror(errno)))"))
                return
            }
            var info = stat()
            guard stat(canonical, &info) == 0 else {
                problems.append((path: path, reason: "cannot read: \(String(cString: strerror(errno)))"))
                return
            }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                guard visitedFolders.insert(canonical).inserted else { return }
                let names: [String]
                do {
                    names = try FileManager.default.contentsOfDirectory(atPath: canonical)
                } catch {
                    problems.append((path: canonical, reason: "cannot list the folder: \(error.localizedDescription)"))
                    return
                }
                for name in names where !name.hasPrefix(".") {
                    visit(canonical == "/" ? "/" + name : canonical + "/" + name)
                }
            case S_IFREG:
                if libraryFiles.contains(canonical) || files[canonical] != nil { return }
                files[canonical] = FileEntry(path: canonical, size: Int64(info.st_size), modified: modifiedSeconds(info))
            default:
                break  // sockets, fifos, devices: never images
            }
        }

        for root in roots { visit(URL(fileURLWithPath: root).standardizedFileURL.path) }
        return (files.values.sorted { $0.path < $1.path }, problems)
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// st_mtime with nanoseconds as seconds since 1970: the value stored and compared on re-import.
    static func modifiedSeconds(_ info: stat) -> Double {
        #if canImport(Darwin)
        Double(info.st_mtimespec.tv_sec) + Double(info.st_mtimespec.tv_nsec) / 1e9
        #else
        Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
        #endif
    }

    // MARK: - Reading headers

    enum HeaderOutcome: Sendable {
        case image(ImageSummary)
        /// Not a DICOM file at all (no "DICM" marker, no plausible first tag, no .dcm name).
        case notDICOM
        /// A DICOM file (or a file named as one) that cannot be used, and why.
        case unusable(String)
    }

    /// Reads the headers of `files` on all cores; results in the same order.
    static func readHeaders(_ files: [FileEntry]) -> [HeaderOutcome] {
        var outcomes = [HeaderOutcome](repeating: .notDICOM, count: files.count)
        outcomes.withUnsafeMutableBufferPointer { buffer in
            // Each iteration writes only its own slot.
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: files.count) { index in
                slots[index] = readHeader(files[index].path)
            }
        }
        return outcomes
    }

    static func readHeader(_ path: String) -> HeaderOutcome {
        guard looksLikeDICOM(path) else {
            let ext = (path as NSString).pathExtension.lowercased()
            return ["dcm", "dicom", "dic"].contains(ext) ? .unusable("not a DICOM file (no DICM marker)") : .notDICOM
        }
        do {
            return .image(try DicomHeaderReader.summary(path: path))
        } catch {
            return .unusable(error.tag.map { "\($0) \(error.reason)" } ?? error.reason)
        }
    }

    /// PS3.10 files carry "DICM" after a 128-byte preamble; older files without a meta header
    /// start directly with a group 0x0002 or 0x0008 tag (little or big endian).
    static func looksLikeDICOM(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return true }  // let the reader say why
        defer { try? handle.close() }
        let head = [UInt8]((try? handle.read(upToCount: 132)) ?? Data())
        if head.count >= 132, head[128...131].elementsEqual("DICM".utf8) { return true }
        guard head.count >= 8 else { return false }
        let littleEndianGroup = UInt16(head[0]) | UInt16(head[1]) << 8
        let bigEndianGroup = UInt16(head[0]) << 8 | UInt16(head[1])
        return [0x0002, 0x0008].contains(littleEndianGroup) || bigEndianGroup == 0x0008
    }

    // MARK: - Counting

    /// What the import did, for the summary (counts only: no patient text).
    struct Tally {
        var seen: Int
        var added = 0
        var updated = 0
        var unchanged = 0
        var notDICOM = 0
        var skipped = 0
        var reasons: [String: Int] = [:]

        mutating func skip(reason: String) {
            skipped += 1
            reasons[reason, default: 0] += 1
        }

        func summary(library: String, counts: LibraryCounts, elapsed: TimeInterval, verbose: Bool) -> String {
            let rate = elapsed > 0 ? Double(seen) / elapsed : 0
            var lines = [
                "Library: \(PrintableText.clean(library))",
                "Files seen: \(seen) in \(String(format: "%.2f", elapsed)) s (\(String(format: "%.1f", rate)) files/s)",
                "Images added: \(added), updated: \(updated), unchanged: \(unchanged)",
                "Not DICOM: \(notDICOM)" + (notDICOM > 0 && !verbose ? " (--verbose lists them)" : ""),
                "Skipped: \(skipped)" + (skipped > 0 ? " (listed on stderr)" : ""),
            ]
            for (reason, count) in reasons.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) {
                lines.append("  \(count) x \(PrintableText.clean(reason))")
            }
            lines.append("The library holds \(counts.patients) patients, \(counts.studies) studies, \(counts.images) images.")
            return lines.joined(separator: "\n")
        }
    }
}
