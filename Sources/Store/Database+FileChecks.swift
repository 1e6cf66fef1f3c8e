// Decoding verdicts by file version (the `file_check` table): when two files carry one SOP
// Instance UID, import decodes each once and keeps the copy that decodes; the copies with the
// same pixels are the fallbacks a reader switches to if the stored file later fails.
import Foundation
import GRDB
import MammoCore

/// What decoding one version of a file found: the pixels' SHA-256, or the decoder's error.
public struct FileCheck: Sendable, Equatable {
    public var path: String
    public var fileSize: Int64
    public var fileModified: Double
    public var sopInstanceUID: String
    public var pixelHash: String?
    public var problem: String?

    public init(path: String, fileSize: Int64, fileModified: Double, sopInstanceUID: String, pixelHash: String?, problem: String?) {
        self.path = path
        self.fileSize = fileSize
        self.fileModified = fileModified
        self.sopInstanceUID = sopInstanceUID
        self.pixelHash = pixelHash
        self.problem = problem
    }
}

/// The library's image for an instance, with the identity it is filed under.
public struct StoredInstance: Sendable, Equatable {
    public var sopInstanceUID: String
    public var path: String
    public var fileSize: Int64
    public var fileModified: Double
    public var seriesInstanceUID: String
    public var studyInstanceUID: String
    public var patientID: String
}

extension Database {
    /// The stored images for these SOP Instance UIDs (those the library has).
    public func storedInstances(_ sopInstanceUIDs: [String]) throws(StoreError) -> [String: StoredInstance] {
        guard !sopInstanceUIDs.isEmpty else { return [:] }
        return try readSession(doing: "cannot look up images") { session in
            var found: [String: StoredInstance] = [:]
            for uid in Set(sopInstanceUIDs) {
                guard let row = try session.fetchOne("""
                    SELECT image.sopInstanceUID, image.path, image.fileSize, image.fileModified, series.seriesInstanceUID,
                           study.studyInstanceUID, patient.patientID
                    FROM image JOIN series ON series.id = image.series JOIN study ON study.id = series.study
                    JOIN patient ON patient.id = study.patient WHERE image.sopInstanceUID = ?
                    """, [uid]) else { continue }
                found[uid] = StoredInstance(
                    sopInstanceUID: uid, path: row["path"], fileSize: row["fileSize"], fileModified: row["fileModified"],
                    seriesInstanceUID: row["seriesInstanceUID"], studyInstanceUID: row["studyInstanceUID"], patientID: row["patientID"])
            }
            return found
        }
    }

    /// The recorded check of this exact file version, if any.
    public func fileCheck(path: String, size: Int64, modified: Double) throws(StoreError) -> FileCheck? {
        try readSession(doing: "cannot look up a file check") { session in
            try session.fetchOne("SELECT * FROM file_check WHERE path = ? AND fileSize = ? AND fileModified = ?", [path, size, modified])
                .map(Self.fileCheck(row:))
        }
    }

    /// Remembers what decoding a file version found (one row per path: the newest version wins).
    public func recordFileCheck(_ check: FileCheck) throws(StoreError) {
        try writeSession(doing: "cannot record a file check") { session in
            try session.execute(
                """
                    INSERT INTO file_check (path, fileSize, fileModified, sopInstanceUID, pixelHash, problem, checkedAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(path) DO UPDATE SET fileSize = excluded.fileSize, fileModified = excluded.fileModified,
                        sopInstanceUID = excluded.sopInstanceUID, pixelHash = excluded.pixelHash, problem = excluded.problem,
                        checkedAt = excluded.checkedAt
                    """,
                [check.path, check.fileSize, check.fileModified, check.sopInstanceUID, check.pixelHash, check.problem,
                            Timestamp.now.text])
        }
    }

    /// Other files known to hold the same pixels as the stored image of `sopInstanceUID` (checked
    /// copies with its hash), still at the size and time they were checked: the fallbacks.
    public func identicalCopies(of sopInstanceUID: String) throws(StoreError) -> [FileCheck] {
        let rows: [FileCheck] = try readSession(doing: "cannot list an image's copies") { session in
            guard let stored = try session.fetchStrings("SELECT path FROM image WHERE sopInstanceUID = ?", [sopInstanceUID]).first,
                  let hash = try session.fetchStrings("SELECT pixelHash FROM file_check WHERE path = ?", [stored]).first
            else { return [] }
            return try session.fetchAll("SELECT * FROM file_check WHERE sopInstanceUID = ? AND pixelHash = ? AND path <> ? ORDER BY path",
                                        [sopInstanceUID, hash, stored]).map(Self.fileCheck(row:))
        }
        return rows.filter { check in
            guard let entry = try? FileManager.default.attributesOfItem(atPath: check.path),
                  let size = entry[.size] as? NSNumber, let date = entry[.modificationDate] as? Date else { return false }
            return size.int64Value == check.fileSize && abs(date.timeIntervalSince1970 - check.fileModified) < 1e-3
        }
    }

    /// As `identicalCopies(of:)`, for the image stored at `path`.
    public func identicalCopies(ofImageAt path: String) throws(StoreError) -> [FileCheck] {
        let uid: String? = try readSession(doing: "cannot look up an image") { session in
            try session.fetchStrings("SELECT sopInstanceUID FROM image WHERE path = ?", [path]).first
        }
        guard let uid else { return [] }
        return try identicalCopies(of: uid)
    }

    /// Points the stored image of an instance at another file with the same pixels (its own
    /// file failed to decode) and remembers why.
    public func switchImageFile(sopInstanceUID: String, to copy: FileCheck, because problem: String) throws(StoreError) {
        try writeSession(doing: "cannot switch an image to its copy") { session in
            guard let stored = try session.fetchOne("SELECT path, fileSize, fileModified FROM image WHERE sopInstanceUID = ?",
                                                    [sopInstanceUID]) else { return }
            let old: String = stored["path"]
            try session.execute("UPDATE image SET path = ?, fileSize = ?, fileModified = ? WHERE sopInstanceUID = ?",
                                [copy.path, copy.fileSize, copy.fileModified, sopInstanceUID])
            // The failed version is remembered as failed, so no import decodes it again.
            try session.execute(
                """
                    INSERT INTO file_check (path, fileSize, fileModified, sopInstanceUID, pixelHash, problem, checkedAt)
                    VALUES (?, ?, ?, ?, NULL, ?, ?)
                    ON CONFLICT(path) DO UPDATE SET fileSize = excluded.fileSize, fileModified = excluded.fileModified,
                        pixelHash = NULL, problem = excluded.problem, checkedAt = excluded.checkedAt
                    """,
                [old, stored["fileSize"] as Int64, stored["fileModified"] as Double, sopInstanceUID, problem,
                            Timestamp.now.text])
            try session.execute(
                """
                    INSERT INTO import_issue (path, reason, seenAt) VALUES (?, ?, ?)
                    ON CONFLICT(path) DO UPDATE SET reason = excluded.reason, seenAt = excluded.seenAt
                    """,
                [old, "replaced by its identical copy \(copy.path): \(problem)", Date()])
        }
    }

    static func fileCheck(row: Row) -> FileCheck {
        FileCheck(path: row["path"], fileSize: row["fileSize"], fileModified: row["fileModified"],
                  sopInstanceUID: row["sopInstanceUID"], pixelHash: row["pixelHash"], problem: row["problem"])
    }
}
