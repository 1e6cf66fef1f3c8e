// Ground truth per study for reader studies: saved from synth's ground-truth.json or a CSV
// (`mammoterm truth import`), read back for the report and the joined export.
import Foundation
import GRDB
import MammoCore

extension Database {
    /// Saves truths in one transaction, replacing earlier truth for the same studies.
    public func saveTruth(_ truths: [StudyTruth]) throws(StoreError) {
        try write(doing: "cannot save the ground truth") { db in
            for t in truths {
                try db.execute(sql: """
                    INSERT OR REPLACE INTO study_truth (studyInstanceUID, cancer, birads, density, source, importedAt)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [t.studyInstanceUID, t.cancer, t.birads?.rawValue, t.density?.rawValue, t.source, t.importedAt.text])
            }
        }
    }

    /// All ground truth, by study UID.
    public func truths() throws(StoreError) -> [String: StudyTruth] {
        try read(doing: "cannot read the ground truth") { db in
            var out: [String: StudyTruth] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM study_truth") {
                let t = try StudyTruth(studyInstanceUID: row["studyInstanceUID"], cancer: row["cancer"],
                                   birads: (row["birads"] as String?).flatMap(BIRADS.init(rawValue:)),
                                   density: (row["density"] as String?).flatMap(BreastDensity.init(rawValue:)),
                                   source: row["source"], importedAt: row.timestamp("importedAt", in: "study_truth"))
                out[t.studyInstanceUID] = t
            }
            return out
        }
    }

    /// The Study Instance UIDs in the library (to report truth for unknown studies).
    public func studyInstanceUIDs() throws(StoreError) -> Set<String> {
        try read(doing: "cannot read the studies") { db in
            Set(try String.fetchAll(db, sql: "SELECT studyInstanceUID FROM study"))
        }
    }
}
