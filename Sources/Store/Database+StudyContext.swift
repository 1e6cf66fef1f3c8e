// Per-study context for the reader-study report and exports: dates for the age band and the
// latest AI exam score, in two queries for all studies.
import GRDB

extension Database {
    /// Context for every study in the library and every study with an AI result, by UID.
    public func studyContexts() throws(StoreError) -> [String: StudyContext] {
        try readSession(doing: "cannot read the studies") { session in
            var out: [String: StudyContext] = [:]
            for row in try session.fetchAll("""
                SELECT study.studyInstanceUID, study.studyDate, patient.birthDate
                FROM study JOIN patient ON patient.id = study.patient
                """) {
                let uid: String = row["studyInstanceUID"]
                out[uid] = StudyContext(studyInstanceUID: uid, studyDate: row["studyDate"], patientBirthDate: row["birthDate"])
            }
            // The latest analysis per study: createdAt, then id, as `analysis(studyInstanceUID:)` picks it.
            for row in try session.fetchAll("""
                SELECT studyInstanceUID, examScore, threshold, model, modelVersion FROM ai_analysis AS a
                WHERE NOT EXISTS (SELECT 1 FROM ai_analysis AS b WHERE b.studyInstanceUID = a.studyInstanceUID
                                  AND (b.createdAt > a.createdAt OR (b.createdAt = a.createdAt AND b.id > a.id)))
                """) {
                let uid: String = row["studyInstanceUID"]
                var context = out[uid] ?? StudyContext(studyInstanceUID: uid, studyDate: "", patientBirthDate: "")
                context.aiScore = row["examScore"]
                context.aiThreshold = row["threshold"]
                context.aiModel = "\(row["model"] as String) \(row["modelVersion"] as String)"
                out[uid] = context
            }
            return out
        }
    }
}
