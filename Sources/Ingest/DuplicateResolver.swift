// Two files, one SOP Instance UID: the library keeps the copy that decodes. Each file version
// is decoded at most once (the verdict is kept in the library's file checks); when both decode,
// identical pixels make the newcomer a plain duplicate and different pixels a conflict (the
// first is kept); when only the newcomer decodes, it replaces the stored copy.
import Crypto
import DICOM
import Foundation
import MammoCore
import Store

public struct DuplicateResolver: Sendable {
    public enum Verdict: Sendable, Equatable {
        /// The stored copy stays; the newcomer is skipped for this reason.
        case keepStored(SkipReason)
        /// The stored copy does not decode (its problem): the newcomer takes its place.
        case replaceStored(problem: String)
    }

    let database: Database
    /// Whether verdicts about the newcomer are remembered (not for spool files that move next).
    let rememberNewcomer: Bool

    public init(database: Database, rememberNewcomer: Bool = true) {
        self.database = database
        self.rememberNewcomer = rememberNewcomer
    }

    /// True when `stored` holds the same identity at another file that still exists: the case this
    /// rule decides (other identities are the library's conflicts to refuse).
    public static func contests(_ summary: ImageSummary, _ stored: StoredInstance) -> Bool {
        stored.path != summary.path && stored.seriesInstanceUID == summary.seriesInstanceUID
            && stored.studyInstanceUID == summary.studyInstanceUID && stored.patientID == summary.patientID
            && FileName.exists(stored.path)
    }

    public func resolve(_ newcomer: ImageSummary, against stored: StoredInstance) throws(StoreError) -> Verdict {
        let new = try check(newcomer.path, sopInstanceUID: newcomer.sopInstanceUID, remember: rememberNewcomer)
        if let problem = new.problem {
            return .keepStored(SkipReason(.pixelData, "\(problem) (a copy that decodes is in the library: \(stored.path))"))
        }
        let old = try check(stored.path, sopInstanceUID: stored.sopInstanceUID, remember: true)
        if let problem = old.problem { return .replaceStored(problem: problem) }
        if old.pixelHash == new.pixelHash {
            return .keepStored(SkipReason(.duplicate, "duplicate: the same image (identical pixels) is already in the library from \(stored.path)"))
        }
        let short = { (hash: String?) in String((hash ?? "").prefix(16)) }
        return .keepStored(SkipReason(
            .duplicateConflict,
            "conflict: the same SOP Instance UID as \(stored.path) but different pixels (SHA-256 \(short(old.pixelHash)) there, \(short(new.pixelHash)) here): the first is kept"))
    }

    /// The file to show for the image stored at `path`: itself, unless it no longer decodes and
    /// an identical copy import saw does; then the library is switched to that copy. Decodes
    /// only when such a copy exists (rare), so a study without copies costs nothing here.
    public func fileThatDecodes(storedAt path: String) -> String {
        guard let copies = try? database.identicalCopies(ofImageAt: path), !copies.isEmpty else { return path }
        do {
            _ = try DicomPixelReader.readChecked(path: path)
            return path
        } catch {
            let problem = error.tag.map { "\($0) \(error.reason)" } ?? error.reason
            return switchToIdenticalCopy(copies, because: problem) { (try? DicomPixelReader.readChecked(path: $0)) != nil } ?? path
        }
    }

    /// The image stored at `path` failed (`problem`): the first identical copy import saw that
    /// `usable` accepts, with the library switched to it; nil when there is none.
    public func switchToIdenticalCopy(ofFailed path: String, because problem: String, usable: (String) -> Bool) -> String? {
        guard let copies = try? database.identicalCopies(ofImageAt: path) else { return nil }
        return switchToIdenticalCopy(copies, because: problem, usable: usable)
    }

    func switchToIdenticalCopy(_ copies: [FileCheck], because problem: String, usable: (String) -> Bool) -> String? {
        guard let copy = copies.first(where: { usable($0.path) }) else { return nil }
        try? database.switchImageFile(sopInstanceUID: copy.sopInstanceUID, to: copy, because: problem)
        return copy.path
    }

    /// The recorded verdict for the file as it is now, or a fresh decode (recorded when asked).
    func check(_ path: String, sopInstanceUID: String, remember: Bool) throws(StoreError) -> FileCheck {
        let entry = FileWalk.entry(path)
        if let entry, let known = try database.fileCheck(path: path, size: entry.size, modified: entry.modified) { return known }
        var check = FileCheck(path: path, fileSize: entry?.size ?? 0, fileModified: entry?.modified ?? 0,
                              sopInstanceUID: sopInstanceUID, pixelHash: nil, problem: nil)
        do {
            check.pixelHash = Self.pixelHash(try DicomPixelReader.read(path: path))
        } catch {
            check.problem = error.tag.map { "\($0) \(error.reason)" } ?? error.reason
        }
        if remember, entry != nil { try database.recordFileCheck(check) }
        return check
    }

    /// SHA-256 of the decoded frame: its size, samples per pixel and stored values.
    static func pixelHash(_ image: DicomImage) -> String {
        var hasher = SHA256()
        [Int64(image.width), Int64(image.height), Int64(image.samplesPerPixel)].withUnsafeBytes { hasher.update(bufferPointer: $0) }
        image.samples.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
