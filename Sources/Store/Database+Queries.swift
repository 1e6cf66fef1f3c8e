// Reading the library: the worklist, one study's images, counts and import issues.
import GRDB
import MammoCore

extension Database {
    /// All studies, newest first (then by patient ID); studies without a date come last.
    /// `limit`/`offset`: one page of that order (a large shared library's first screen).
    public func worklist(limit: Int? = nil, offset: Int = 0) throws(StoreError) -> [WorklistEntry] {
        let page = limit.map { " LIMIT \(max(0, $0)) OFFSET \(max(0, offset))" } ?? (offset > 0 ? " LIMIT \(Int64.max) OFFSET \(offset)" : "")
        return try readSession(doing: "cannot read the worklist") { session in
            let rows = try session.fetchAll("""
                SELECT study.studyInstanceUID, patient.patientID, patient.name AS patientName,
                       study.studyDate, study.studyTime, study.description AS studyDescription,
                       study.accessionNumber, prior.studyInstanceUID AS priorStudyInstanceUID,
                       (SELECT COUNT(*) FROM series JOIN image ON image.series = series.id
                          WHERE series.study = study.id) AS imageCount,
                       (SELECT \(session.dialect.distinctList(#"image.side || image."view""#))
                          FROM series JOIN image ON image.series = series.id
                          WHERE series.study = study.id AND image.side IS NOT NULL AND image."view" IS NOT NULL)
                          AS viewLabels,
                       ai.examScore AS aiScore, ai.examConfidence AS aiConfidence, ai.model || ' ' || ai.modelVersion AS aiModel,
                       ai.threshold AS aiThreshold, ai.outOfDomain AS aiOutOfDomain
                FROM study
                JOIN patient ON patient.id = study.patient
                LEFT JOIN study AS prior ON prior.id = study.priorStudy
                -- The latest analysis by an index lookup per study, not a window over them all:
                -- a page of a 100,000-study library then reads 50 analyses, not 100,000.
                LEFT JOIN ai_analysis AS ai ON ai.id = (
                    SELECT latest.id FROM ai_analysis AS latest WHERE latest.studyInstanceUID = study.studyInstanceUID
                    ORDER BY latest.createdAt DESC, latest.id DESC LIMIT 1)
                ORDER BY study.studyDate DESC, patient.patientID, study.studyTime DESC, study.studyInstanceUID\(page)
                """)
            return rows.map { row in
                let labels = Set((row["viewLabels"] as String? ?? "").split(separator: ",").map(String.init))
                return WorklistEntry(
                    studyInstanceUID: row["studyInstanceUID"],
                    patientID: row["patientID"],
                    patientName: row["patientName"],
                    studyDate: row["studyDate"],
                    studyTime: row["studyTime"],
                    studyDescription: row["studyDescription"],
                    accessionNumber: row["accessionNumber"],
                    views: ViewKey.screening.filter { labels.contains($0.label) },
                    imageCount: row["imageCount"],
                    priorStudyInstanceUID: row["priorStudyInstanceUID"],
                    ai: (row["aiScore"] as Double?).map { AISummary(score: $0, confidence: row["aiConfidence"], model: row["aiModel"],
                                                                   threshold: row["aiThreshold"], outOfDomain: row["aiOutOfDomain"]) }
                )
            }
        }
    }

    /// The images of one study (empty when the study is unknown), ordered by series number,
    /// instance number (unnumbered first, on both backends) and path; each with its file path and view for the reading screen.
    public func images(studyInstanceUID: String) throws(StoreError) -> [ImageSummary] {
        try readSession(doing: "cannot read the study's images") { session in
            let rows = try session.fetchAll("""
                SELECT image.*, series.seriesInstanceUID, series.modality, series.description AS seriesDescription,
                       series.number AS seriesNumber, study.studyInstanceUID, study.studyDate, study.studyTime,
                       study.description AS studyDescription, study.accessionNumber,
                       patient.patientID, patient.name AS patientName, patient.birthDate AS patientBirthDate
                FROM image
                JOIN series ON series.id = image.series
                JOIN study ON study.id = series.study
                JOIN patient ON patient.id = study.patient
                WHERE study.studyInstanceUID = ?
                ORDER BY series.number NULLS FIRST, image.instanceNumber NULLS FIRST, image.path
                """, [studyInstanceUID])
            return try rows.map { row in
                let image = try ImageRecord(row: row)
                return ImageSummary(
                    path: image.path, fileSize: image.fileSize, fileModified: image.fileModified,
                    sopInstanceUID: image.sopInstanceUID, sopClassUID: image.sopClassUID,
                    seriesInstanceUID: row["seriesInstanceUID"], studyInstanceUID: row["studyInstanceUID"],
                    patientID: row["patientID"], patientName: row["patientName"],
                    patientBirthDate: row["patientBirthDate"], studyDate: row["studyDate"],
                    studyTime: row["studyTime"], studyDescription: row["studyDescription"],
                    accessionNumber: row["accessionNumber"], seriesDescription: row["seriesDescription"],
                    seriesNumber: row["seriesNumber"], instanceNumber: image.instanceNumber,
                    modality: row["modality"], rows: image.rows, columns: image.columns,
                    side: image.side.flatMap(Side.init(rawValue:)),
                    view: image.view.flatMap(ViewPosition.init(rawValue:)),
                    presentationIntent: image.presentationIntent.flatMap(PresentationIntent.init(rawValue:)),
                    implantPresent: image.implantPresent
                )
            }
        }
    }

    /// Row counts of the library's tables.
    public func counts() throws(StoreError) -> LibraryCounts {
        try readSession(doing: "cannot count the library") { session in
            func count(_ table: String) throws -> Int {
                Int(try session.fetchInt("SELECT COUNT(*) FROM \(table)") ?? 0)
            }
            return LibraryCounts(
                patients: try count("patient"), studies: try count("study"), series: try count("series"),
                images: try count("image"), importIssues: try count("import_issue"))
        }
    }

    /// Files skipped by imports and not imported since, by path.
    public func importIssues() throws(StoreError) -> [ImportIssueRecord] {
        try readSession(doing: "cannot read import issues") { session in
            try session.fetchRecords(ImportIssueRecord.self, "SELECT * FROM import_issue ORDER BY path", [])
        }
    }

    /// SQLite's own consistency checks (`integrity_check`, `foreign_key_check`); empty when sound.
    public func integrityProblems() throws(StoreError) -> [String] {
        guard sqlite != nil else { return [] }  // PostgreSQL checks its pages and keys itself, at every write
        return try read(doing: "cannot check the library") { db in
            var problems = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
            let orphans = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
            problems += orphans.map { "foreign key violation in \($0["table"] as String? ?? "?") row \($0["rowid"] as Int64? ?? -1)" }
            return problems
        }
    }
}
