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
        try write(doing: "cannot keep the archive's studies") { db in
            let statement = try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO remote_study (node, studyInstanceUID, patientID, patientName, patientBirthDate,
                    studyDate, studyTime, studyDescription, accessionNumber, modalitiesInStudy, numberOfInstances, queriedAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for study in studies where !study.studyInstanceUID.isEmpty {
                try statement.execute(arguments: [
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
        try read(doing: "cannot read the archive's studies") { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT * FROM remote_study AS r
                WHERE r.studyInstanceUID NOT IN (SELECT studyInstanceUID FROM study)
                  AND (? IS NULL OR r.node = ?)
                  AND r.node = (SELECT MIN(node) FROM remote_study AS o WHERE o.studyInstanceUID = r.studyInstanceUID
                                AND (? IS NULL OR o.node = ?))
                ORDER BY r.studyDate DESC, r.studyTime DESC, r.studyInstanceUID
                """, arguments: [node, node, node, node])
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
        let rows: [(String, String, Int64)] = try read(doing: "cannot list the study's images") { db in
            try Row.fetchAll(db, sql: """
                SELECT image.sopInstanceUID, image.path, image.fileSize FROM image
                JOIN series ON series.id = image.series JOIN study ON study.id = series.study
                WHERE study.studyInstanceUID = ?
                """, arguments: [studyInstanceUID]).map { ($0["sopInstanceUID"], $0["path"], $0["fileSize"]) }
        }
        return Set(rows.filter { row in
            guard let size = (try? FileManager.default.attributesOfItem(atPath: row.1))?[.size] as? NSNumber else { return false }
            return row.2 <= 0 || size.int64Value == row.2
        }.map(\.0))
    }

    /// The file the library holds for an instance, or nil.
    public func imagePath(sopInstanceUID: String) throws(StoreError) -> String? {
        try read(doing: "cannot look up an image") { db in
            try String.fetchOne(db.cachedStatement(sql: "SELECT path FROM image WHERE sopInstanceUID = ?"), arguments: [sopInstanceUID])
        }
    }
}
