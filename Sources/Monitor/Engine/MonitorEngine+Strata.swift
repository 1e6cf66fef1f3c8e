// The stratum an exam (or one of its views) falls in, named as the report names it: how a
// screen finds the studies behind a window.

extension MonitorEngine {
    public static func stratumKey(_ exam: MonitoredExam, view: String?, strata: [MonitorStratum]) -> String {
        var cache: [StratumKeyParts: String] = [:]
        return stratumKey(exam, view: view, strata: strata, cache: &cache)
    }
}
