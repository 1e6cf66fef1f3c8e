// Annotations (mammoterm annotate, imports of ground truth): each change written at once, read back
// per study or for the whole library (exports, the review screen).
import Foundation
import GRDB
import MammoCore

extension Database {
    /// Inserts or replaces marks (by id) in one transaction.
    public func saveAnnotations(_ marks: [Annotation]) throws(StoreError) {
        try writeSession(doing: "cannot save the annotations") { session in
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            for a in marks {
                let shape = String(decoding: try encoder.encode(a.shape), as: UTF8.self)
                try session.execute("""
                    INSERT INTO annotation (id, studyInstanceUID, sopInstanceUID, "view", shape, category, birads,
                        pathology, note, annotator, createdAt, modifiedAt, lesionID, acceptedBy, acceptedAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET studyInstanceUID = excluded.studyInstanceUID,
                        sopInstanceUID = excluded.sopInstanceUID, "view" = excluded."view", shape = excluded.shape,
                        category = excluded.category, birads = excluded.birads, pathology = excluded.pathology,
                        note = excluded.note, annotator = excluded.annotator, createdAt = excluded.createdAt,
                        modifiedAt = excluded.modifiedAt, lesionID = excluded.lesionID, acceptedBy = excluded.acceptedBy,
                        acceptedAt = excluded.acceptedAt
                    """, [a.id, a.studyInstanceUID, a.sopInstanceUID, a.view.label, shape, a.category.rawValue,
                                     a.birads?.rawValue, a.pathology?.rawValue, a.note, a.annotator, a.createdAt.text,
                                     a.modifiedAt.text, a.lesionID, a.acceptedBy, a.acceptedAt?.text])
            }
        }
    }

    public func saveAnnotation(_ mark: Annotation) throws(StoreError) { try saveAnnotations([mark]) }

    /// Deletes marks by id (unknown ids are ignored).
    public func deleteAnnotations(ids: [String]) throws(StoreError) {
        try writeSession(doing: "cannot delete the annotations") { session in
            for id in ids { try session.execute("DELETE FROM annotation WHERE id = ?", [id]) }
        }
    }

    /// Marks of one study (nil: the whole library), of one annotator (nil: all), oldest first. A row that
    /// does not decode (edited by hand) is an error naming it, not skipped silently.
    public func annotations(studyInstanceUID: String? = nil, annotator: String? = nil) throws(StoreError) -> [Annotation] {
        try readSession(doing: "cannot read the annotations") { session in
            var clauses: [String] = [], arguments: SQLArguments = []
            if let studyInstanceUID { clauses.append("studyInstanceUID = ?"); arguments.append(studyInstanceUID) }
            if let annotator { clauses.append("annotator = ?"); arguments.append(annotator) }
            let whereClause = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
            let rows = try session.fetchAll("SELECT * FROM annotation \(whereClause) ORDER BY createdAt, id",
                                        arguments)
            let decoder = JSONDecoder()
            return try rows.map { row in
                let id: String = row["id"]
                let shapeText: String = row["shape"]
                let categoryText: String = row["category"]
                guard let category = FindingCategory(rawValue: categoryText) else {
                    throw AnnotationError(field: "annotation \(id)", reason: "unknown category \"\(PrintableText.clean(categoryText))\"")
                }
                let shape: AnnotationShape
                do { shape = try decoder.decode(AnnotationShape.self, from: Data(shapeText.utf8)) } catch {
                    throw AnnotationError(field: "annotation \(id)", reason: "its shape does not decode: \(error)")
                }
                return try Annotation(id: id, studyInstanceUID: row["studyInstanceUID"], sopInstanceUID: row["sopInstanceUID"],
                                  view: row.viewKey("view", in: "annotation"), shape: shape, category: category,
                                  birads: (row["birads"] as String?).flatMap(BIRADS.init(rawValue:)),
                                  pathology: (row["pathology"] as String?).flatMap(Pathology.init(rawValue:)),
                                  note: row["note"], annotator: row["annotator"], createdAt: row.timestamp("createdAt", in: "annotation"),
                                  modifiedAt: row.timestamp("modifiedAt", in: "annotation"), lesionID: row["lesionID"],
                                  acceptedBy: row["acceptedBy"], acceptedAt: row.optionalTimestamp("acceptedAt", in: "annotation"))
            }
        }
    }

    /// Accepts marks as ground truth for `reviewer` (accepted: false withdraws the acceptance).
    public func setAccepted(ids: [String], reviewer: String, accepted: Bool, at time: Timestamp) throws(StoreError) {
        try writeSession(doing: "cannot save the review") { session in
            for id in ids {
                if accepted {
                    try session.execute("UPDATE annotation SET acceptedBy = ?, acceptedAt = ? WHERE id = ?", [reviewer, time.text, id])
                } else {
                    try session.execute("UPDATE annotation SET acceptedBy = NULL, acceptedAt = NULL WHERE id = ?", [id])
                }
            }
        }
    }
}
