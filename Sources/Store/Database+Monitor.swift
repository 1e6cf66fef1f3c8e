// What `mammoterm monitor` reads: one row per analysed exam of one model (its score, the
// acquisition context and input means of ai_input, the study date, the truth), and per view
// when the monitor is asked for views. On SQLite the exam rows come through a cursor read by
// column index: a million of them is the monitor's speed goal (BENCHMARKS.md).
import Foundation
import GRDB
import MammoCore

/// One analysed exam for the monitor.
public struct MonitorRecord: Sendable, Hashable {
    public var analysis: Int64
    public var studyInstanceUID: String
    /// YYYYMMDD, "" when the study has none.
    public var studyDate: String
    public var examScore: Double
    public var examConfidence: Double?
    public var threshold: Double?
    public var institution: String
    public var device: String
    public var ageYears: Int?
    /// Means over the exam's views, in `Database.inputColumns` order (nil where not measured).
    public var inputs: [Double?]
    public var cancer: Bool?
    public var density: String?
}

extension Database {
    /// The names of `MonitorRecord.inputs`, in order.
    public static var monitorInputNames: [String] { inputColumns }
    /// The same inputs on a view, in the same order.
    public static var monitorInputPaths: [KeyPath<ViewInputs, Double?>] { inputPaths }

    /// Analysed models of source "mammoterm" with how many studies each, most used first.
    public func monitoredModels() throws(StoreError) -> [(model: String, studies: Int)] {
        try readSession(doing: "cannot list the analysed models") { session in
            try session.fetchAll("""
                SELECT model, COUNT(*) AS n FROM ai_analysis WHERE source = 'mammoterm' GROUP BY model ORDER BY n DESC, model
                """).map { ($0["model"], $0["n"]) }
        }
    }

    /// Every analysed exam of `model` (source "mammoterm") with a study date in `from...to`
    /// (YYYYMMDD, inclusive, either open), in the order analysed. SQLite's CROSS JOIN keeps the
    /// analyses as the outer loop, read in rowid order with ai_input beside them: six times faster over
    /// a million rows than the planner's choice of walking the study date index (PostgreSQL takes no ON
    /// after CROSS JOIN and plans this well itself). No sort: the monitor groups by window itself.
    /// `parts`: how many id ranges SQLite reads side by side (nil: by size and cores).
    public func monitorRecords(model: String, from: String? = nil, to: String? = nil, parts: Int? = nil) throws(StoreError) -> [MonitorRecord] {
        let stats = Self.inputColumns.map { "i.\($0)" }.joined(separator: ", ")
        let sql = """
            SELECT a.id, a.studyInstanceUID, s.studyDate, a.examScore, a.examConfidence, a.threshold,
                   i.institution, i.manufacturer, i.manufacturerModelName, i.ageYears, t.cancer, t.density, \(stats)
            FROM ai_analysis AS a
            \(sqlite != nil ? "CROSS JOIN" : "JOIN") study AS s ON s.studyInstanceUID = a.studyInstanceUID
            LEFT JOIN ai_input AS i ON i.analysis = a.id
            LEFT JOIN study_truth AS t ON t.studyInstanceUID = a.studyInstanceUID
            WHERE a.source = 'mammoterm' AND a.model = ? AND s.studyDate >= ? AND s.studyDate <= ?
            """
        let arguments: SQLArguments = [model, from ?? "", to ?? "99999999"]
        // PostgreSQL rows come back keyed by name, not position; SQLite's are read by position.
        let names = ["id", "studyInstanceUID", "studyDate", "examScore", "examConfidence", "threshold", "institution",
                     "manufacturer", "manufacturerModelName", "ageYears", "cancer", "density"] + Self.inputColumns
        let fixed = 12, count = Self.inputColumns.count
        // Concrete accessors, not one generic: an unspecialised generic row read instantiated type metadata
        // per value, half the read's time over a million rows.
        @Sendable func record(_ row: Row, byName: Bool) -> MonitorRecord {
            func double(_ index: Int) -> Double? { byName ? row[names[index]] as Double? : row[index] as Double? }
            func integer(_ index: Int) -> Int64? { byName ? row[names[index]] as Int64? : row[index] as Int64? }
            func text(_ index: Int) -> String? { byName ? row[names[index]] as String? : row[index] as String? }
            let manufacturer = text(7) ?? "", modelName = text(8) ?? ""
            let device = manufacturer.isEmpty ? modelName : modelName.isEmpty ? manufacturer : manufacturer + " " + modelName
            var inputs: [Double?] = []
            inputs.reserveCapacity(count)
            for k in 0..<count { inputs.append(double(fixed + k)) }
            return MonitorRecord(
                analysis: integer(0) ?? 0, studyInstanceUID: text(1) ?? "", studyDate: text(2) ?? "", examScore: double(3) ?? 0,
                examConfidence: double(4), threshold: double(5), institution: text(6) ?? "", device: device,
                ageYears: integer(9).map(Int.init), inputs: inputs, cancer: integer(10).map { $0 != 0 }, density: text(11))
        }
        if sqlite != nil {
            // The analyses' id range in parts, read side by side on the pool's reader connections: the read
            // is a third of a million-exam run on one core. Each part is its own read transaction, so an
            // import committing meanwhile may show in one part only; a monitor run tolerates that.
            let bounds = try read(doing: "cannot read the analysed exams") { db in
                try Row.fetchOne(db, sql: "SELECT MIN(id), MAX(id), COUNT(*) FROM ai_analysis")
                    .map { (low: $0[0] as Int64? ?? 0, high: $0[1] as Int64? ?? -1, count: $0[2] as Int? ?? 0) }
            } ?? (low: 0, high: -1, count: 0)
            let parts = max(1, parts ?? (bounds.count >= 200_000 ? min(ProcessInfo.processInfo.activeProcessorCount, 8) : 1))
            let span = (bounds.high - bounds.low) / Int64(parts) + 1
            let results = ConcurrentSlots<Result<[MonitorRecord], StoreError>?>(count: parts, initial: nil)
            let rangeSQL = sql + " AND a.id >= ? AND a.id < ?"
            let values = arguments.map { $0?.databaseValue ?? .null }
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                let low = bounds.low + Int64(part) * span
                do throws(StoreError) {
                    let rows = try read(doing: "cannot read the analysed exams") { db in
                        var out: [MonitorRecord] = []
                        out.reserveCapacity(bounds.count / parts + 1)
                        let cursor = try Row.fetchCursor(db, sql: rangeSQL,
                                                         arguments: StatementArguments(values + [low.databaseValue, (low + span).databaseValue]))
                        while let row = try cursor.next() { out.append(record(row, byName: false)) }
                        return out
                    }
                    results.set(part, .success(rows))
                } catch {
                    results.set(part, .failure(error))
                }
            }
            var out: [MonitorRecord] = []
            out.reserveCapacity(bounds.count)
            for part in results.all {
                switch part {
                case .success(let rows)?: out.append(contentsOf: rows)
                case .failure(let error)?: throw error
                case nil: throw StoreError(reason: "cannot read the analysed exams: a part of the read did not finish")
                }
            }
            return out
        }
        return try readSession(doing: "cannot read the analysed exams") { session in
            try session.fetchAll(sql, arguments).map { record($0, byName: true) }
        }
    }

    /// Per view, for the analyses given: the view's score and inputs.
    public func monitorViews(analyses: [Int64]) throws(StoreError) -> [Int64: [ViewInputs]] {
        guard !analyses.isEmpty else { return [:] }
        return try readSession(doing: "cannot read the analysed views") { session in
            var out: [Int64: [ViewInputs]] = [:]
            // In chunks: SQLite allows 32766 parameters, PostgreSQL 65535.
            for start in stride(from: 0, to: analyses.count, by: 20000) {
                let chunk = Array(analyses[start..<min(start + 20000, analyses.count)])
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                for row in try session.fetchAll(#"SELECT * FROM ai_view_input WHERE analysis IN ("# + marks + #") ORDER BY analysis, "view""#,
                                                chunk.map { $0 as (any DatabaseValueConvertible)? }) {
                    let view = ViewInputs(view: try row.viewKey("view", in: "ai_view_input"), score: row["score"], p05: row["p05"],
                                          p50: row["p50"], p95: row["p95"], noise: row["noise"], breastAreaMM2: row["breastAreaMM2"],
                                          spacingMM: row["spacingMM"], kvp: row["kvp"], exposureMAs: row["exposureMAs"],
                                          thicknessMM: row["thicknessMM"])
                    out[row["analysis"], default: []].append(view)
                }
            }
            return out.mapValues { $0.sorted(by: ViewInputs.hangingOrder) }
        }
    }
}
