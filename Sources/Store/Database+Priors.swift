// Prior-study links: each exam points at the same patient's most recent earlier exam, which
// the reading screen hangs beside it for comparison.
import GRDB

extension Database {
    /// Recomputes `study.priorStudy` for the given patients, writing only links that changed.
    /// Studies without a date, or of a patient without an ID, get no prior and serve as none:
    /// an unknown order or an unknown person must not produce a wrong comparison.
    static func linkPriors(forPatients patientRowIDs: Set<Int64>, in session: any SQLSession) throws {
        for patientRowID in patientRowIDs.sorted() {
            guard let patientID = try session.fetchStrings("SELECT patientID FROM patient WHERE id = ?", [patientRowID]).first
            else { continue }  // pruned
            let studies = try session.fetchRecords(StudyRecord.self, "SELECT * FROM study WHERE patient = ?", [patientRowID])
            let dated = studies
                .filter { !$0.studyDate.isEmpty }
                .sorted { ($0.studyDate, $0.studyTime, $0.studyInstanceUID) < ($1.studyDate, $1.studyTime, $1.studyInstanceUID) }
            for study in studies {
                var prior: Int64?
                if !patientID.isEmpty && !study.studyDate.isEmpty {
                    // Strictly earlier: two exams at the same date and time are not each other's prior.
                    prior = dated.last { ($0.studyDate, $0.studyTime) < (study.studyDate, study.studyTime) }?.id
                }
                if prior != study.priorStudyRowID {
                    try session.execute("UPDATE study SET priorStudy = ? WHERE id = ?", [prior, study.id])
                }
            }
        }
    }
}
