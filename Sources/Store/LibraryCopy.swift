// `mammoterm library copy SRC DEST`: every table of one library into another, SQLite or
// PostgreSQL either way, row for row with their ids (the decision chain's hashes cover the ids,
// so `audit verify` passes on the copy). The destination must be empty; the copy is one
// transaction there, so a failure leaves it empty again.
import Foundation
import GRDB
import MammoCore

public struct LibraryCopy: Sendable {
    /// The tables in an order that satisfies their foreign keys, with the columns copied and the
    /// order rows are read in. `study.priorStudy` points at any study, so it is set after all are in.
    static let tables: [(name: String, columns: [String], order: String)] = [
        ("patient", ["id", "patientID", "name", "birthDate"], "id"),
        ("study", ["id", "studyInstanceUID", "patient", "studyDate", "studyTime", "description", "accessionNumber"], "id"),
        ("series", ["id", "seriesInstanceUID", "study", "modality", "description", "number"], "id"),
        ("image", ["id", "sopInstanceUID", "series", "path", "fileSize", "fileModified", "sopClassUID", "\"rows\"", "\"columns\"",
                   "side", "\"view\"", "presentationIntent", "implantPresent", "instanceNumber"], "id"),
        ("import_issue", ["id", "path", "reason", "seenAt"], "id"),
        ("study_flag", ["studyInstanceUID", "reader", "flaggedAt"], "studyInstanceUID, reader"),
        ("ai_analysis", ["id", "studyInstanceUID", "model", "modelVersion", "source", "inputHash", "examScore", "examConfidence",
                         "threshold", "findings", "createdAt", "outOfDomain"], "id"),
        ("ai_heatmap", ["analysis", "\"view\"", "width", "height", "\"values\""], "analysis, \"view\""),
        ("ai_input", ["analysis", "institution", "manufacturer", "manufacturerModelName", "softwareVersions", "ageYears",
                      "p05", "p50", "p95", "noise", "breastAreaMM2", "spacingMM", "kvp", "exposureMAs", "thicknessMM"], "analysis"),
        ("ai_view_input", ["analysis", "\"view\"", "score", "p05", "p50", "p95", "noise", "breastAreaMM2", "spacingMM", "kvp", "exposureMAs", "thicknessMM"], "analysis, \"view\""),
        ("read_record", ["id", "reader", "session", "studyInstanceUID", "\"protocol\"", "stage", "aiVisibility", "aiScore", "aiModel",
                         "safetyNetAlert", "openedAt", "submittedAt", "readingSeconds", "decision", "revises", "previousHash", "hash"], "id"),
        ("study_truth", ["studyInstanceUID", "cancer", "birads", "density", "source", "importedAt"], "studyInstanceUID"),
        ("referral_thresholds", ["id", "model", "ntTarget", "snTarget", "normalTriage", "safetyNet", "cases", "createdAt"], "id"),
        ("annotation", ["id", "studyInstanceUID", "sopInstanceUID", "\"view\"", "shape", "category", "birads", "pathology", "note",
                        "annotator", "createdAt", "modifiedAt", "lesionID", "acceptedBy", "acceptedAt"], "id"),
        ("remote_study", ["node", "studyInstanceUID", "patientID", "patientName", "patientBirthDate", "studyDate", "studyTime",
                          "studyDescription", "accessionNumber", "modalitiesInStudy", "numberOfInstances", "queriedAt"], "node, studyInstanceUID"),
        ("file_check", ["path", "fileSize", "fileModified", "sopInstanceUID", "pixelHash", "problem", "checkedAt"], "path"),
        ("reader_study", ["name", "design", "createdAt"], "name"),
    ]

    /// How many tables a copy goes through (for a progress bar).
    public static var tableCount: Int { tables.count }

    /// Rows copied per table, in `tables` order.
    public var rows: [(table: String, count: Int)] = []

    public var total: Int { rows.reduce(0) { $0 + $1.count } }

    /// Copies `source` into `destination`. `progress` is told each table as it is done.
    public static func copy(from source: Database, to destination: Database,
                            progress: (String, Int) -> Void = { _, _ in }) throws(StoreError) -> LibraryCopy {
        // One snapshot of the source: the rows and the prior-study links read together.
        let (dump, priors): ([(String, [String], [Row])], [Row]) = try source.readSession(doing: "cannot read the library to copy") { session in
            (try tables.map { table in
                (table.name, table.columns, try session.fetchAll("SELECT \(table.columns.joined(separator: ", ")) FROM \(table.name) ORDER BY \(table.order)"))
            }, try session.fetchAll("SELECT id, priorStudy FROM study WHERE priorStudy IS NOT NULL ORDER BY id"))
        }
        var result = LibraryCopy()
        try destination.writeSession(doing: "cannot copy into the library") { session in
            for table in tables {
                if try session.fetchInt("SELECT COUNT(*) FROM \(table.name)") ?? 0 > 0 {
                    throw StoreError(path: destination.location, reason: "cannot copy into this library: its \(table.name) table already holds rows; copy into a new, empty library")
                }
            }
            for (name, columns, rows) in dump {
                try insert(rows, into: name, columns: columns, session: session)
                if name == "study" {
                    for row in priors {
                        try session.execute("UPDATE study SET priorStudy = ? WHERE id = ?", [row["priorStudy"] as Int64, row["id"] as Int64])
                    }
                }
                result.rows.append((name, rows.count))
                progress(name, rows.count)
            }
            if session.dialect == .postgres {
                // Identity columns go on from the highest copied id.
                for table in ["patient", "study", "series", "image", "import_issue", "ai_analysis", "referral_thresholds"] {
                    try session.execute("SELECT setval(pg_get_serial_sequence('\(table)', 'id'), COALESCE((SELECT MAX(id) FROM \(table)), 0) + 1, false)")
                }
            }
        }
        if destination.path != nil { try destination.writeAnchor() }
        return result
    }

    /// Multi-row INSERTs, each under both backends' limits on bound values.
    static func insert(_ rows: [Row], into table: String, columns: [String], session: any SQLSession) throws {
        let perStatement = max(1, 30_000 / columns.count)
        // By name: a PostgreSQL row's columns are looked up by name, not position.
        let names = columns.map { $0.replacingOccurrences(of: "\"", with: "") }
        let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        var start = 0
        while start < rows.count {
            let batch = rows[start..<min(rows.count, start + perStatement)]
            var arguments: SQLArguments = []
            arguments.reserveCapacity(batch.count * columns.count)
            for row in batch { for name in names { arguments.append(row[name] as DatabaseValue) } }
            try session.execute("INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
                                + Array(repeating: tuple, count: batch.count).joined(separator: ", "), arguments)
            start += batch.count
        }
    }
}
