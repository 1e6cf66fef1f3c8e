// Reader studies in the library (`mammoterm study`): each design stored once as JSON (its format
// is documented in Study/ReaderStudy/ReaderStudyDesign.swift; Store keeps it as text so that it
// stays below Study). A name is taken once: a study's design never changes under its readers.
import Foundation
import GRDB
import MammoCore

extension Database {
    /// Stores a new study; a name already taken is an error naming it.
    public func createReaderStudy(name: String, design: String, createdAt: Timestamp) throws(StoreError) {
        try writeSession(doing: "cannot create reader study \(PrintableText.clean(name))") { session in
            if try session.fetchInt("SELECT COUNT(*) FROM reader_study WHERE name = ?", [name]) ?? 0 > 0 {
                throw StoreError(path: location, reason: "a reader study named \(PrintableText.clean(name)) exists already: a study's design never changes once readers have it; choose another name")
            }
            try session.execute("INSERT INTO reader_study (name, design, createdAt) VALUES (?, ?, ?)", [name, design, createdAt.text])
        }
    }

    /// A study's design JSON, nil when there is no study of that name.
    public func readerStudy(name: String) throws(StoreError) -> String? {
        try readSession(doing: "cannot read reader study \(PrintableText.clean(name))") { session in
            try session.fetchStrings("SELECT design FROM reader_study WHERE name = ?", [name]).first
        }
    }

    /// The studies' names, oldest first.
    public func readerStudyNames() throws(StoreError) -> [String] {
        try readSession(doing: "cannot list the reader studies") { session in
            try session.fetchStrings("SELECT name FROM reader_study ORDER BY createdAt, name")
        }
    }
}
