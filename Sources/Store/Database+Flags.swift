// Study flags: each reader marks studies to come back to; the worklist filters on them.
import Foundation
import GRDB
import MammoCore

extension Database {
    /// The studies `reader` has flagged.
    public func flaggedStudies(reader: String) throws(StoreError) -> Set<String> {
        try read(doing: "cannot read the study flags") { db in
            Set(try String.fetchAll(db, sql: "SELECT studyInstanceUID FROM study_flag WHERE reader = ?", arguments: [reader]))
        }
    }

    /// Flags or unflags a study for `reader` (setting what is already set does nothing).
    public func setFlag(studyInstanceUID: String, reader: String, flagged: Bool) throws(StoreError) {
        try write(doing: "cannot save the study flag") { db in
            if flagged {
                try db.execute(sql: "INSERT OR IGNORE INTO study_flag (studyInstanceUID, reader, flaggedAt) VALUES (?, ?, ?)",
                               arguments: [studyInstanceUID, reader, Timestamp.now.text])
            } else {
                try db.execute(sql: "DELETE FROM study_flag WHERE studyInstanceUID = ? AND reader = ?",
                               arguments: [studyInstanceUID, reader])
            }
        }
    }
}
