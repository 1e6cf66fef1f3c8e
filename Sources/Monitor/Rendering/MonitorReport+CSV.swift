// One CSV row per window with stable columns (documented by the header line); empty cells where a figure
// could not be computed.
import Foundation

extension MonitorReport {
    public static let csvColumns = [
        "stratum", "start", "end", "n", "exams", "psi", "psi_limit", "ks", "ks_limit", "ks_p", "wasserstein",
        "wasserstein_limit", "ai_positive_rate", "estimated_auc", "estimated_sensitivity", "estimated_specificity",
        "recall_rate", "cdr_per_1000", "ppv_recall", "interval_cancer_proportion", "realised_auc", "alarms",
    ]

    public func csvText() -> String {
        func number(_ value: Double?) -> String {
            guard let value = MonitorNumber.finite(value) else { return "" }
            return "\(value)"
        }
        var lines = [Self.csvColumns.joined(separator: ",")]
        for w in windows {
            let kpis = w.kpis.all
            let cells: [String] = [
                csvField(w.stratum), w.start, w.end, "\(w.n)", "\(w.exams)", number(w.psi), number(w.score.psiLimit), number(w.ks),
                number(w.score.ksLimit), number(w.ksP), number(w.wasserstein), number(w.score.wassersteinLimit),
                number(w.aiPositiveRate), number(w.estimatedAUC), number(w.estimatedSensitivity), number(w.estimatedSpecificity),
                number(kpis.recallRate.rate), number(kpis.cancerDetectionRatePer1000.value),
                number(kpis.positivePredictiveValueOfRecall.rate), number(kpis.intervalCancerProportion.rate),
                number(w.realised?.auc), csvField(w.alarms.map(\.summary).joined(separator: "; ")),
            ]
            lines.append(cells.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// RFC 4180 quoting where a field needs it.
    private func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
