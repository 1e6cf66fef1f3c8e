// Adding image summaries to the library: idempotent upserts by SOP Instance UID, in batches,
// through either backend's session. On SQLite the session's statements are cached: the query
// interface re-generated and re-authorized SQL on each call, which was most of the import time.
import Foundation
import GRDB
import MammoCore

extension Database {
    /// Adds or refreshes one image. Adding the same summary twice writes nothing the second time.
    @discardableResult
    public func add(_ summary: ImageSummary) throws(StoreError) -> AddResult {
        let results = try add([summary])
        guard let result = results.first else {
            throw StoreError(path: summary.path, reason: "internal: no result for the image")
        }
        return try result.get()
    }

    /// Adds many images in one write transaction (one fsync per batch instead of per file).
    /// Each image goes in its own savepoint: a bad one comes back as a failure and the others
    /// are kept. Prior-study links are redone for the patients the batch touched.
    /// Throws only when the batch as a whole could not be written (disk full, library locked).
    /// `replacing`: SOP Instance UIDs whose stored file may be swapped for the summary's (the
    /// stored copy was found damaged); any other instance already held from another existing
    /// file is refused as a duplicate. Identity conflicts come back as failures whose error
    /// carries an `IdentityConflict`.
    @discardableResult
    public func add(_ summaries: [ImageSummary], replacing: Set<String> = []) throws(StoreError) -> [Result<AddResult, StoreError>] {
        try writeSession(doing: "cannot add images") { session in
            var changes = LibraryChanges()
            var results: [Result<AddResult, StoreError>] = []
            results.reserveCapacity(summaries.count)
            for summary in summaries {
                do {
                    try Self.validate(summary)
                    var result = AddResult.unchanged
                    try session.savepoint {
                        result = try Self.upsert(summary, in: session, changes: &changes, replacing: replacing)
                    }
                    results.append(.success(result))
                } catch {
                    results.append(.failure(StoreError.wrap(error, path: summary.path, doing: "cannot add the image")))
                }
            }
            if changes.needsPruning { try Self.pruneEmptyRows(in: session, changes: &changes) }
            try Self.linkPriors(forPatients: changes.patients, in: session)
            return results
        }
    }

    /// True when an image with exactly this path, size and modification time is in the library,
    /// so a re-import can skip the file without opening it.
    public func isUnchanged(path: String, size: Int64, modified: Double) throws(StoreError) -> Bool {
        try readSession(doing: "cannot look up a file") { session in
            try session.fetchInt("SELECT COUNT(*) FROM image WHERE path = ? AND fileSize = ? AND fileModified = ?", [path, size, modified]) ?? 0
        } > 0
    }

    /// Remembers that a file was skipped and why (one row per path; the latest reason wins).
    public func recordIssue(path: String, reason: String) throws(StoreError) {
        try recordIssues([(path: path, reason: reason)])
    }

    /// Remembers many skipped files in one transaction.
    public func recordIssues(_ issues: [(path: String, reason: String)]) throws(StoreError) {
        guard !issues.isEmpty else { return }
        let now = Date()
        try writeSession(doing: "cannot record import issues") { session in
            for issue in issues where !issue.path.isEmpty {
                try session.execute("""
                    INSERT INTO import_issue (path, reason, seenAt) VALUES (?, ?, ?)
                    ON CONFLICT(path) DO UPDATE SET reason = excluded.reason, seenAt = excluded.seenAt
                    """, [issue.path, issue.reason, now])
            }
        }
    }

    // MARK: - One image

    /// Rejects summaries that could never form a valid row, with a message naming the attribute.
    static func validate(_ summary: ImageSummary) throws(StoreError) {
        func missing(_ what: String) -> StoreError { StoreError(path: summary.path, reason: "missing \(what)") }
        if summary.path.isEmpty { throw StoreError(reason: "an image without a file path") }
        if summary.sopInstanceUID.isEmpty { throw missing("SOP Instance UID (0008,0018)") }
        if summary.seriesInstanceUID.isEmpty { throw missing("Series Instance UID (0020,000E)") }
        if summary.studyInstanceUID.isEmpty { throw missing("Study Instance UID (0020,000D)") }
        if summary.rows < 0 || summary.columns < 0 {
            throw StoreError(path: summary.path, reason: "negative image size \(summary.columns)x\(summary.rows)")
        }
        if summary.fileSize < 0 { throw StoreError(path: summary.path, reason: "negative file size") }
    }

    static func upsert(_ summary: ImageSummary, in session: any SQLSession, changes: inout LibraryChanges,
                       replacing: Set<String> = []) throws -> AddResult {
        let existing = try session.fetchRecord(ImageRecord.self, "SELECT * FROM image WHERE sopInstanceUID = ?", [summary.sopInstanceUID])
        if let existing {
            if try isSame(existing, as: summary, in: session) { return .unchanged }
            // The same instance in a second file that still exists is a copy, not a move: keeping
            // the first avoids the path flipping back and forth on every re-import.
            if existing.path != summary.path, FileName.exists(existing.path) {
                if let owner = try owner(ofSeriesRow: existing.seriesRowID, in: session),
                   owner != (summary.seriesInstanceUID, summary.studyInstanceUID, summary.patientID) {
                    throw IdentityConflict(
                        kind: .instance, existingPath: existing.path,
                        message: "identity conflict: this SOP Instance UID is already in the library in "
                            + (owner.study != summary.studyInstanceUID ? "study \(owner.study)" : owner.series != summary.seriesInstanceUID ? "series \(owner.series)" : "the same study under another patient")
                            + " from \(existing.path); this file says study \(summary.studyInstanceUID), series \(summary.seriesInstanceUID): not merged")
                }
                if !replacing.contains(summary.sopInstanceUID) {
                    throw IdentityConflict(
                        kind: .duplicate, existingPath: existing.path,
                        message: "duplicate: the same SOP Instance UID is already in the library from \(existing.path)")
                }
            }
        }
        let patientRowID = try upsertPatient(summary, in: session, changes: &changes)
        let studyRowID = try upsertStudy(summary, patientRowID: patientRowID, in: session, changes: &changes)
        let seriesRowID = try upsertSeries(summary, studyRowID: studyRowID, in: session, changes: &changes)

        // A different instance known at this path: the file was overwritten with another image.
        if let other = try session.fetchRecord(ImageRecord.self, "SELECT * FROM image WHERE path = ?", [summary.path]),
           other.sopInstanceUID != summary.sopInstanceUID {
            try session.delete(other)
            changes.needsPruning = true
        }
        try session.execute("DELETE FROM import_issue WHERE path = ?", [summary.path])

        var record = ImageRecord(summary, id: existing?.id, seriesRowID: seriesRowID)
        if let existing {
            if existing.seriesRowID != seriesRowID { changes.needsPruning = true }
            if record != existing { try session.update(record) }
            return .updated
        }
        try session.insert(&record)
        return .added
    }

    /// The stored image row and its series/study/patient identity match the summary exactly.
    static func isSame(_ existing: ImageRecord, as summary: ImageSummary, in session: any SQLSession) throws -> Bool {
        guard existing == ImageRecord(summary, id: existing.id, seriesRowID: existing.seriesRowID) else { return false }
        let row = try session.fetchOne("""
            SELECT series.seriesInstanceUID, study.studyInstanceUID, patient.patientID
            FROM series JOIN study ON study.id = series.study JOIN patient ON patient.id = study.patient
            WHERE series.id = ?
            """, [existing.seriesRowID])
        guard let row else { return false }
        return row["seriesInstanceUID"] == summary.seriesInstanceUID
            && row["studyInstanceUID"] == summary.studyInstanceUID
            && row["patientID"] == summary.patientID
    }

    // MARK: - Parents
    // A new or changed file refreshes its patient, study and series rows; a non-empty value wins
    // over an empty one so a file lacking, say, the patient name does not erase it.

    static func upsertPatient(_ summary: ImageSummary, in session: any SQLSession, changes: inout LibraryChanges) throws -> Int64 {
        let existing = try session.fetchRecord(PatientRecord.self, "SELECT * FROM patient WHERE patientID = ?", [summary.patientID])
        var wanted = PatientRecord(
            id: existing?.id,
            patientID: summary.patientID,
            name: merged(summary.patientName, existing?.name),
            birthDate: merged(dicomDate(summary.patientBirthDate), existing?.birthDate)
        )
        if let existing {
            if wanted != existing { try session.update(wanted) }
        } else {
            try session.insert(&wanted)
        }
        guard let id = wanted.id else { throw StoreError(path: summary.path, reason: "internal: patient row without id") }
        return id
    }

    static func upsertStudy(
        _ summary: ImageSummary, patientRowID: Int64, in session: any SQLSession, changes: inout LibraryChanges
    ) throws -> Int64 {
        let existing = try session.fetchRecord(StudyRecord.self, "SELECT * FROM study WHERE studyInstanceUID = ?", [summary.studyInstanceUID])
        var wanted = StudyRecord(
            id: existing?.id,
            studyInstanceUID: summary.studyInstanceUID,
            patientRowID: patientRowID,
            studyDate: merged(dicomDate(summary.studyDate), existing?.studyDate),
            studyTime: merged(summary.studyTime, existing?.studyTime),
            description: merged(summary.studyDescription, existing?.description),
            accessionNumber: merged(summary.accessionNumber, existing?.accessionNumber),
            priorStudyRowID: existing?.priorStudyRowID
        )
        if let existing {
            if existing.patientRowID != patientRowID, let other = try otherImagePath(studyRowID: existing.id, than: summary.path, in: session) {
                throw IdentityConflict(
                    kind: .study, existingPath: other,
                    message: "identity conflict: study \(summary.studyInstanceUID) is in the library under another Patient ID (from \(other)); this file gives it a different one: not merged")
            }
            if wanted != existing {
                try session.update(wanted)
                if existing.patientRowID != patientRowID {
                    // The study moved to another patient: both need their prior links redone.
                    changes.patients.insert(existing.patientRowID)
                    changes.needsPruning = true
                }
                changes.patients.insert(patientRowID)
            }
        } else {
            try session.insert(&wanted)
            changes.patients.insert(patientRowID)
        }
        guard let id = wanted.id else { throw StoreError(path: summary.path, reason: "internal: study row without id") }
        return id
    }

    static func upsertSeries(
        _ summary: ImageSummary, studyRowID: Int64, in session: any SQLSession, changes: inout LibraryChanges
    ) throws -> Int64 {
        let existing = try session.fetchRecord(SeriesRecord.self, "SELECT * FROM series WHERE seriesInstanceUID = ?", [summary.seriesInstanceUID])
        var wanted = SeriesRecord(
            id: existing?.id,
            seriesInstanceUID: summary.seriesInstanceUID,
            studyRowID: studyRowID,
            modality: merged(summary.modality, existing?.modality),
            description: merged(summary.seriesDescription, existing?.description),
            number: summary.seriesNumber ?? existing?.number
        )
        if let existing {
            if existing.studyRowID != studyRowID, let other = try otherImagePath(seriesRowID: existing.id, than: summary.path, in: session) {
                throw IdentityConflict(
                    kind: .series, existingPath: other,
                    message: "identity conflict: series \(summary.seriesInstanceUID) belongs to another study in the library (from \(other)); this file puts it in study \(summary.studyInstanceUID): not merged")
            }
            if wanted != existing {
                try session.update(wanted)
                if existing.studyRowID != studyRowID { changes.needsPruning = true }
            }
        } else {
            try session.insert(&wanted)
        }
        guard let id = wanted.id else { throw StoreError(path: summary.path, reason: "internal: series row without id") }
        return id
    }

    /// The series, study and patient an image row belongs to.
    static func owner(ofSeriesRow seriesRowID: Int64, in session: any SQLSession) throws -> (series: String, study: String, patient: String)? {
        let row = try session.fetchOne("""
            SELECT series.seriesInstanceUID, study.studyInstanceUID, patient.patientID
            FROM series JOIN study ON study.id = series.study JOIN patient ON patient.id = study.patient
            WHERE series.id = ?
            """, [seriesRowID])
        guard let row else { return nil }
        return (row["seriesInstanceUID"], row["studyInstanceUID"], row["patientID"])
    }

    /// A file of the study (or series) other than `path` whose file still exists: the files that
    /// make a contradicting identity a conflict rather than a file's own correction.
    static func otherImagePath(studyRowID: Int64?, than path: String, in session: any SQLSession) throws -> String? {
        try existingFile(try session.fetchStrings(
            "SELECT image.path FROM image JOIN series ON series.id = image.series WHERE series.study = ? AND image.path <> ? LIMIT 8",
            [studyRowID, path]))
    }

    static func otherImagePath(seriesRowID: Int64?, than path: String, in session: any SQLSession) throws -> String? {
        try existingFile(try session.fetchStrings("SELECT path FROM image WHERE series = ? AND path <> ? LIMIT 8", [seriesRowID, path]))
    }

    private static func existingFile(_ paths: [String]) -> String? {
        paths.first { FileName.exists($0) }
    }

    /// Deletes series without images, studies without series and patients without studies,
    /// noting the patients whose prior links must be redone.
    static func pruneEmptyRows(in session: any SQLSession, changes: inout LibraryChanges) throws {
        try session.execute("DELETE FROM series WHERE NOT EXISTS (SELECT 1 FROM image WHERE image.series = series.id)")
        let emptyStudies = "NOT EXISTS (SELECT 1 FROM series WHERE series.study = study.id)"
        let touched = try session.fetchAll("SELECT DISTINCT patient FROM study WHERE \(emptyStudies)").compactMap { $0["patient"] as Int64? }
        changes.patients.formUnion(touched)
        try session.execute("DELETE FROM study WHERE \(emptyStudies)")
        try session.execute("DELETE FROM patient WHERE NOT EXISTS (SELECT 1 FROM study WHERE study.patient = patient.id)")
    }

    /// The new value when it says something, else what the library already had.
    static func merged(_ new: String, _ old: String?) -> String {
        new.isEmpty ? (old ?? "") : new
    }

    /// DICOM DA "YYYYMMDD"; the old ACR-NEMA "YYYY.MM.DD" is accepted. Anything else is stored
    /// as unknown (''), which keeps a malformed date from blocking the whole image.
    static func dicomDate(_ text: String) -> String {
        let digits = text.trimmingCharacters(in: .whitespaces).filter { $0 != "." && $0 != "-" }
        guard digits.count == 8, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return "" }
        return digits
    }
}
