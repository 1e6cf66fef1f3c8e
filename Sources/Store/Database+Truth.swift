// Ground truth per study for reader studies: saved from synth's ground-truth.json or a CSV
// (`mammoterm truth import`), read back for the report and the joined export.
import Foundation
import GRDB
import MammoCore

extension Database {
    /// Saves truths in one transaction, replacing earlier truth for the same studies.
    public func saveTruth(_ truths: [StudyTruth]) throws(StoreError) {
        try writeSession(doing: "cannot save the ground truth") { session in
            for t in truths {
                try session.execute("""
                    INSERT INTO study_truth (studyInstanceUID, cancer, birads, density, source, importedAt)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (studyInstanceUID) DO UPDATE SET cancer = excluded.cancer, birads = excluded.birads,
                        density = excluded.density, source = excluded.source, importedAt = excluded.importedAt
                    """, [t.studyInstanceUID, t.cancer, t.birads?.rawValue, t.density?.rawValue, t.source, t.importedAt.text])
            }
        }
    }

    /// All ground truth, by study UID.
    public func truths() throws(StoreError) -> [String: StudyTruth] {
        try readSession(doing: "cannot read the ground truth") { session in
            var out: [String: StudyTruth] = [:]
            for row in try session.fetchAll("SELECT * FROM study_truth") {
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
        try readSession(doing: "cannot read the studies") { session in
            Set(try session.fetchStrings("SELECT studyInstanceUID FROM study"))
        }
    }
}
