// `report mrmc --json`, a contract for scripts (keep the names; add, don't rename):
// {"method": "OR-Hillis", "fom": "AUC", "covariance": "jackknife" | "DeLong", "modalities": [..],
//  "meanAUCs": [..], "rrrc" | "frrc" | "rrfc": {"f", "ndf", "ddf", "p", "difference", "stdErr",
//  "ci": [lower, upper]}, "readers": [{"reader", "aucs": [..], "difference", "stdErr", "ci", "p"}],
//  "varianceComponents": {"msT", "msR", "msTR", "error", "cov1", "cov2", "cov3", "reader",
//  "treatmentReader"}}. "difference" is the first modality's reader-averaged AUC minus the
// second's (modalities in order of first appearance). FRRC's "ddf" is null (infinite: a
// chi-square test; "f" is the chi-square over its degrees of freedom). Reader CIs are fixed-reader.
import Foundation

extension ORHillisAnalysis {
    public func json() throws -> String {
        func test(_ t: Test) -> [String: Any] {
            ["f": t.f, "ndf": t.ndf, "ddf": t.ddf.isFinite ? t.ddf as Any : NSNull(), "p": t.p, "difference": t.difference,
             "stdErr": t.stdErr, "ci": [t.ci.lower, t.ci.upper]]
        }
        let object: [String: Any] = [
            "method": "OR-Hillis", "fom": "AUC", "covariance": method.rawValue, "modalities": modalities, "meanAUCs": meanAUCs,
            "rrrc": test(rrrc), "frrc": test(frrc), "rrfc": test(rrfc),
            "readers": readers.map { ["reader": $0.id, "aucs": $0.aucs, "difference": $0.difference, "stdErr": $0.stdErr,
                                      "ci": [$0.ci.lower, $0.ci.upper], "p": $0.p] as [String: Any] },
            "varianceComponents": ["msT": msT, "msR": msR, "msTR": msTR, "error": errorVariance, "cov1": cov1, "cov2": cov2,
                                   "cov3": cov3, "reader": readerVariance, "treatmentReader": treatmentReaderVariance],
        ]
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    /// The analysis for people: the three tests and the readers, aligned.
    public func text() -> String {
        func n(_ v: Double, _ digits: Int = 4) -> String { String(format: "%.\(digits)f", v) }
        var lines = ["MRMC analysis: Obuchowski–Rockette with Hillis degrees of freedom, empirical AUC, \(method.rawValue) covariances",
                     "Modalities: " + zip(modalities, meanAUCs).map { "\($0) AUC \(n($1))" }.joined(separator: ", "),
                     "Difference \(modalities[0]) − \(modalities[1]): \(n(rrrc.difference))", ""]
        lines.append("analysis                         F      ndf    ddf       p    std err   95% CI")
        for (name, t) in [("random readers, random cases", rrrc), ("fixed readers, random cases", frrc), ("random readers, fixed cases", rrfc)] {
            let ddf = t.ddf.isFinite ? String(format: "%6.2f", t.ddf) : "     ∞"
            lines.append(name.padding(toLength: 30, withPad: " ", startingAt: 0) + String(format: "%7.3f %6.0f ", t.f, t.ndf) + ddf
                         + String(format: " %8.4f %9.4f   [%.4f, %.4f]", t.p, t.stdErr, t.ci.lower, t.ci.upper))
        }
        lines.append("")
        lines.append("reader      " + modalities.map { "AUC \($0)".padding(toLength: 10, withPad: " ", startingAt: 0) }.joined() + "difference  95% CI (fixed reader)")
        for r in readers {
            lines.append(r.id.padding(toLength: 12, withPad: " ", startingAt: 0) + r.aucs.map { n($0).padding(toLength: 10, withPad: " ", startingAt: 0) }.joined()
                         + n(r.difference).padding(toLength: 12, withPad: " ", startingAt: 0) + "[\(n(r.ci.lower)), \(n(r.ci.upper))]")
        }
        lines.append("")
        lines.append("variance components: error \(String(format: "%.3g", errorVariance)), Cov1 \(String(format: "%.3g", cov1)), Cov2 \(String(format: "%.3g", cov2)), Cov3 \(String(format: "%.3g", cov3)), reader \(String(format: "%.3g", readerVariance)), modality×reader \(String(format: "%.3g", treatmentReaderVariance))")
        return lines.joined(separator: "\n")
    }
}
