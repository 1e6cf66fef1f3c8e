// AI results in the library: saved per study, source and model (a rerun replaces its own row
// only), read back whole for the reading screen and as a summary for the worklist.
import Foundation
import GRDB
import MammoCore

extension Database {
    /// Saves `analysis`, replacing an earlier one of the same study, source and model.
    public func saveAnalysis(_ analysis: AIAnalysis) throws(StoreError) {
        let findings: String
        do {
            findings = String(decoding: try JSONEncoder().encode(analysis.findings), as: UTF8.self)
        } catch {
            throw StoreError(path: location, reason: "cannot encode the findings of \(analysis.studyInstanceUID): \(error)")
        }
        try writeSession(doing: "cannot save the AI result") { session in
            try session.execute("DELETE FROM ai_analysis WHERE studyInstanceUID = ? AND source = ? AND model = ?",
                           [analysis.studyInstanceUID, analysis.source, analysis.model])
            guard let inserted = try session.fetchOne("""
                INSERT INTO ai_analysis (studyInstanceUID, model, modelVersion, source, inputHash, examScore,
                                         examConfidence, threshold, findings, createdAt, outOfDomain)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
                """, [analysis.studyInstanceUID, analysis.model, analysis.modelVersion, analysis.source,
                                 analysis.inputHash, analysis.examScore, analysis.examConfidence, analysis.threshold,
                                 findings, analysis.createdAt.text, analysis.outOfDomain.flatMap { $0.isEmpty ? nil : $0 }]) else {
                throw StoreError(path: location, reason: "cannot save the AI result: the server gave no row id")
            }
            let id: Int64 = inserted["id"]
            for map in analysis.heatmaps {
                try session.execute(#"INSERT INTO ai_heatmap (analysis, "view", width, height, "values") VALUES (?, ?, ?, ?, ?)"#,
                               [id, map.view.label, map.width, map.height, Data(map.values)])
            }
            if let inputs = analysis.inputs { try Self.saveInputs(inputs, analysis: id, session: session) }
        }
    }

    static let inputColumns = ["p05", "p50", "p95", "noise", "breastAreaMM2", "spacingMM", "kvp", "exposureMAs", "thicknessMM"]
    static var inputPaths: [KeyPath<ViewInputs, Double?>] { [\.p05, \.p50, \.p95, \.noise, \.breastAreaMM2, \.spacingMM,
                                                             \.kvp, \.exposureMAs, \.thicknessMM] }

    /// The exam's context with the means over its views (one row the monitor reads), then each view.
    static func saveInputs(_ inputs: AnalysisInputs, analysis id: Int64, session: some SQLSession) throws {
        let marks = Array(repeating: "?", count: inputColumns.count).joined(separator: ", ")
        try session.execute("""
            INSERT INTO ai_input (analysis, institution, manufacturer, manufacturerModelName, softwareVersions, ageYears,
                                  \(inputColumns.joined(separator: ", "))) VALUES (?, ?, ?, ?, ?, ?, \(marks))
            """, [id, inputs.institution, inputs.manufacturer, inputs.manufacturerModelName, inputs.softwareVersions,
                  inputs.ageYears] + inputPaths.map { inputs.mean($0) })
        for view in inputs.views {
            try session.execute(#"INSERT INTO ai_view_input (analysis, "view", score, "# + inputColumns.joined(separator: ", ")
                                + ") VALUES (?, ?, ?, \(marks))",
                                [id, view.view.label, min(max(view.score, 0), 1)] + inputPaths.map { view[keyPath: $0] })
        }
    }

    /// What `saveInputs` wrote for one analysis; nil when it wrote nothing (imported results).
    static func inputs(analysis id: Int64, session: some SQLSession) throws -> AnalysisInputs? {
        guard let exam = try session.fetchOne("SELECT * FROM ai_input WHERE analysis = ?", [id]) else { return nil }
        let views = try session.fetchAll(#"SELECT * FROM ai_view_input WHERE analysis = ? ORDER BY "view""#, [id]).map { row in
            ViewInputs(view: try row.viewKey("view", in: "ai_view_input"), score: row["score"], p05: row["p05"], p50: row["p50"],
                       p95: row["p95"], noise: row["noise"], breastAreaMM2: row["breastAreaMM2"], spacingMM: row["spacingMM"],
                       kvp: row["kvp"], exposureMAs: row["exposureMAs"], thicknessMM: row["thicknessMM"])
        }.sorted(by: ViewInputs.hangingOrder)
        return AnalysisInputs(institution: exam["institution"], manufacturer: exam["manufacturer"],
                              manufacturerModelName: exam["manufacturerModelName"], softwareVersions: exam["softwareVersions"],
                              ageYears: exam["ageYears"], views: views)
    }

    /// The most recent AI result for a study (any source), with its maps; nil when none.
    public func analysis(studyInstanceUID: String) throws(StoreError) -> AIAnalysis? {
        try readSession(doing: "cannot read the AI result") { session in
            guard let row: Row = try session.fetchOne("""
                SELECT * FROM ai_analysis WHERE studyInstanceUID = ? ORDER BY createdAt DESC, id DESC LIMIT 1
                """, [studyInstanceUID]) else { return nil }
            let maps = try session.fetchAll(#"SELECT * FROM ai_heatmap WHERE analysis = ? ORDER BY "view""#,
                                        [row["id"] as Int64]).map { map in
                try AIHeatmap(view: map.viewKey("view", in: "ai_heatmap"), width: map["width"], height: map["height"], values: [UInt8](map["values"] as Data))
            }
            var analysis = try Self.analysis(row, heatmaps: maps)
            analysis.inputs = try Self.inputs(analysis: row["id"], session: session)
            return analysis
        }
    }

    /// What an earlier run of `model` from `source` saw (version and input hash), so a batch
    /// can skip studies that are up to date.
    public func analysisInput(studyInstanceUID: String, source: String, model: String) throws(StoreError) -> (version: String, hash: String)? {
        try readSession(doing: "cannot read the AI result") { session in
            try session.fetchOne("SELECT modelVersion, inputHash FROM ai_analysis WHERE studyInstanceUID = ? AND source = ? AND model = ?",
                             [studyInstanceUID, source, model]).map { ($0["modelVersion"], $0["inputHash"]) }
        }
    }

    static func analysis(_ row: Row, heatmaps: [AIHeatmap]) throws -> AIAnalysis {
        let findings = try JSONDecoder().decode([AIFinding].self, from: Data((row["findings"] as String).utf8))
        return try AIAnalysis(studyInstanceUID: row["studyInstanceUID"], model: row["model"], modelVersion: row["modelVersion"],
                          source: row["source"], inputHash: row["inputHash"], examScore: row["examScore"],
                          examConfidence: row["examConfidence"], threshold: row["threshold"], findings: findings,
                          heatmaps: heatmaps, createdAt: row.timestamp("createdAt", in: "ai_analysis"),
                          outOfDomain: row["outOfDomain"])
    }
}

extension Database {
    /// Every AI result stored for a study, one per source and model, newest first, with maps.
    public func analyses(studyInstanceUID: String) throws(StoreError) -> [AIAnalysis] {
        try readSession(doing: "cannot read the AI results") { session in
            try session.fetchAll("SELECT * FROM ai_analysis WHERE studyInstanceUID = ? ORDER BY createdAt DESC, id DESC",
                             [studyInstanceUID]).map { row in
                let maps = try session.fetchAll(#"SELECT * FROM ai_heatmap WHERE analysis = ? ORDER BY "view""#,
                                            [row["id"] as Int64]).map { map in
                    try AIHeatmap(view: map.viewKey("view", in: "ai_heatmap"), width: map["width"], height: map["height"], values: [UInt8](map["values"] as Data))
                }
                var analysis = try Self.analysis(row, heatmaps: maps)
                analysis.inputs = try Self.inputs(analysis: row["id"], session: session)
                return analysis
            }
        }
    }

    /// The studies that have at least one AI result, in Study Instance UID order.
    public func analysedStudies() throws(StoreError) -> [String] {
        try readSession(doing: "cannot list the AI results") { session in
            try session.fetchStrings("SELECT DISTINCT studyInstanceUID FROM ai_analysis ORDER BY studyInstanceUID")
        }
    }
}
