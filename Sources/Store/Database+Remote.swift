// What the archive side needs of the library: remote studies (query answers kept as worklist
// rows until retrieved) and which instances of a study are already here (so a retrieve
// resumes instead of fetching them again).
import Foundation
import GRDB
import MammoCore

extension Database {
    /// Keeps `studies` as node's answers (replacing earlier answers for the same studies).
    public func saveRemoteStudies(_ studies: [RemoteStudy], node: String, queriedAt: Date = Date()) throws(StoreError) {
        let stamp = Timestamp(queriedAt).text
        try writeSession(doing: "cannot keep the archive's studies") { session in
            for study in studies where !study.studyInstanceUID.isEmpty {
                try session.execute("""
                    INSERT INTO remote_study (node, studyInstanceUID, patientID, patientName, patientBirthDate,
                        studyDate, studyTime, studyDescription, accessionNumber, modalitiesInStudy, numberOfInstances, queriedAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (node, studyInstanceUID) DO UPDATE SET patientID = excluded.patientID,
                        patientName = excluded.patientName, patientBirthDate = excluded.patientBirthDate,
                        studyDate = excluded.studyDate, studyTime = excluded.studyTime,
                        studyDescription = excluded.studyDescription, accessionNumber = excluded.accessionNumber,
                        modalitiesInStudy = excluded.modalitiesInStudy, numberOfInstances = excluded.numberOfInstances,
                        queriedAt = excluded.queriedAt
                    """, [
                    node, study.studyInstanceUID, study.patientID, study.patientName, study.patientBirthDate,
                    Self.dicomDate(study.studyDate), study.studyTime, study.studyDescription, study.accessionNumber,
                    study.modalitiesInStudy.joined(separator: "\\"), study.numberOfInstances, stamp,
                ])
            }
        }
    }

    /// Remote studies not (yet) in the library, newest first; one row per study (the first node
    /// by name when several archives hold it).
    public func remoteStudies(node: String? = nil) throws(StoreError) -> [RemoteStudy] {
        // The node filter is written in only when given: PostgreSQL cannot type a bare `? IS NULL`.
        let onNode = node == nil ? "" : "AND r.node = ?", otherOnNode = node == nil ? "" : "AND o.node = ?"
        return try readSession(doing: "cannot read the archive's studies") { session in
            let rows = try session.fetchAll("""
                SELECT * FROM remote_study AS r
                WHERE r.studyInstanceUID NOT IN (SELECT studyInstanceUID FROM study)
                  \(onNode)
                  AND r.node = (SELECT MIN(node) FROM remote_study AS o WHERE o.studyInstanceUID = r.studyInstanceUID
                                \(otherOnNode))
                ORDER BY r.studyDate DESC, r.studyTime DESC, r.studyInstanceUID
                """, node.map { [$0, $0] } ?? [])
            return rows.map(Self.remoteStudy(row:))
        }
    }

    static func remoteStudy(row: Row) -> RemoteStudy {
        let modalities: String = row["modalitiesInStudy"]
        return RemoteStudy(
            studyInstanceUID: row["studyInstanceUID"], patientID: row["patientID"], patientName: row["patientName"],
            patientBirthDate: row["patientBirthDate"], studyDate: row["studyDate"], studyTime: row["studyTime"],
            studyDescription: row["studyDescription"], accessionNumber: row["accessionNumber"],
            modalitiesInStudy: modalities.split(separator: "\\").map(String.init),
            numberOfInstances: row["numberOfInstances"], node: row["node"])
    }

    /// SOP Instance UIDs of the study's images already in the library whose files are still
    /// there at the size recorded (a file lost or cut short, e.g. by a power cut after a retrieve,
    /// is fetched again).
    public func presentInstances(studyInstanceUID: String) throws(StoreError) -> Set<String> {
        let rows: [(String, String, Int64)] = try readSession(doing: "cannot list the study's images") { session in
            try session.fetchAll("""
                SELECT image.sopInstanceUID, image.path, image.fileSize FROM image
                JOIN series ON series.id = image.series JOIN study ON study.id = series.study
                WHERE study.studyInstanceUID = ?
                """, [studyInstanceUID]).map { ($0["sopInstanceUID"], $0["path"], $0["fileSize"]) }
        }
        return Set(rows.filter { row in
            guard let size = (try? FileManager.default.attributesOfItem(atPath: row.1))?[.size] as? NSNumber else { return false }
            return row.2 <= 0 || size.int64Value == row.2
        }.map(\.0))
    }

    /// The file the library holds for an instance, or nil.
    public func imagePath(sopInstanceUID: String) throws(StoreError) -> String? {
        try readSession(doing: "cannot look up an image") { session in
            try session.fetchStrings("SELECT path FROM image WHERE sopInstanceUID = ?", [sopInstanceUID]).first
        }
    }
}
