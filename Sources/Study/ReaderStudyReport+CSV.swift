// `mammoterm report --csv`: the report in long form, one number per row, for pandas or R.
// Columns (a contract): reader,protocol,subgroup,subgroupValue,system,metric,estimate,lower,upper,ntTarget,snTarget
//   subgroup/subgroupValue: "all"/"" for the whole group, else e.g. "density"/"C"
//   system: reader | ai | readerVsAI | referral
//   metric: cases, cancers, casesWithAI (system reader); sensitivity, specificity, ppv, auc (reader, ai);
//           kappa (readerVsAI); readingSecondsMedian, readingSecondsQ1, readingSecondsQ3 (reader);
//           fractionTriaged, fractionAlerts, sensitivity, specificity, ppv, sensitivityChange,
//           specificityChange, ppvChange (referral, one row per NT x SN cell)
// Empty fields are undefined values (NaN in pandas).

extension ReaderStudyReport {
    public static let csvHeader = "reader,protocol,subgroup,subgroupValue,system,metric,estimate,lower,upper,ntTarget,snTarget"

    public func csv() -> String {
        var lines = [Self.csvHeader]
        for group in groups {
            func add(_ subgroup: String, _ value: String, _ system: String, _ metric: String, _ estimate: Double?,
                     _ lower: Double? = nil, _ upper: Double? = nil, nt: String = "", sn: String = "") {
                lines.append(CSVText.row([group.reader, group.readingProtocol.rawValue, subgroup, value, system, metric,
                                          CSVText.number(estimate), CSVText.number(lower), CSVText.number(upper), nt, sn]))
            }
            func summary(_ s: Summary, _ subgroup: String, _ value: String) {
                add(subgroup, value, "reader", "cases", Double(s.cases))
                add(subgroup, value, "reader", "cancers", Double(s.cancers))
                add(subgroup, value, "reader", "casesWithAI", Double(s.casesWithAI))
                for (system, metrics) in [("reader", s.reader), ("ai", s.ai)] {
                    guard let metrics else { continue }
                    for (name, i) in [("sensitivity", metrics.sensitivity), ("specificity", metrics.specificity),
                                      ("ppv", metrics.ppv), ("auc", metrics.auc)] {
                        add(subgroup, value, system, name, i?.estimate, i?.lower, i?.upper)
                    }
                }
                add(subgroup, value, "readerVsAI", "kappa", s.kappa)
                if let t = s.readingSeconds {
                    add(subgroup, value, "reader", "readingSecondsMedian", t.median)
                    add(subgroup, value, "reader", "readingSecondsQ1", t.q1)
                    add(subgroup, value, "reader", "readingSecondsQ3", t.q3)
                }
            }
            func cells(_ cells: [Cell], _ subgroup: String, _ value: String) {
                for c in cells {
                    for (name, v) in [("fractionTriaged", Optional(c.fractionTriaged)), ("fractionAlerts", Optional(c.fractionAlerts)),
                                      ("sensitivity", c.sensitivity), ("specificity", c.specificity), ("ppv", c.ppv),
                                      ("sensitivityChange", c.sensitivityChange), ("specificityChange", c.specificityChange),
                                      ("ppvChange", c.ppvChange)] {
                        add(subgroup, value, "referral", name, v, nt: c.ntTarget, sn: c.snTarget)
                    }
                }
            }
            summary(group.all, "all", "")
            if let referral = group.referral { cells(referral.cells, "all", "") }
            for s in group.subgroups {
                summary(s.summary, s.name, s.value)
                if let r = s.referral { cells(r, s.name, s.value) }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
