// Study flags: each reader marks studies to come back to; the worklist filters on them.
import Foundation
import GRDB
import MammoCore

extension Database {
    /// The studies `reader` has flagged.
    public func flaggedStudies(reader: String) throws(StoreError) -> Set<String> {
        try readSession(doing: "cannot read the study flags") { session in
            Set(try session.fetchStrings("SELECT studyInstanceUID FROM study_flag WHERE reader = ?", [reader]))
        }
    }

    /// Flags or unflags a study for `reader` (setting what is already set does nothing).
    public func setFlag(studyInstanceUID: String, reader: String, flagged: Bool) throws(StoreError) {
        try writeSession(doing: "cannot save the study flag") { session in
            if flagged {
                try session.execute("INSERT INTO study_flag (studyInstanceUID, reader, flaggedAt) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                               [studyInstanceUID, reader, Timestamp.now.text])
            } else {
                try session.execute("DELETE FROM study_flag WHERE studyInstanceUID = ? AND reader = ?",
                               [studyInstanceUID, reader])
            }
        }
    }
}
