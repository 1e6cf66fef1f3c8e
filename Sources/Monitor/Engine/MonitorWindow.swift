// One stratum over one window: score drift against the reference, input drift, the limits used, KPIs,
// label-free and realised performance, chart state, alarms. Its JSON always carries the keys the scripts
// read ("start" "end" "stratum" "n" "psi" "ks" "ksP" "wasserstein" "aiPositiveRate" "estimatedAUC"
// "alarms"), null where a figure cannot be computed.

public struct MonitorWindow: Sendable, Hashable, Codable {
    /// "YYYY-MM-DD", inclusive.
    public var start: String
    public var end: String
    /// "all", or "site=Site A,view=RCC" in the configuration's order.
    public var stratum: String
    /// Units in the window: exams, or views when strata include .view.
    public var n: Int
    /// Distinct exams in the window.
    public var exams: Int
    public var referenceUnits: Int
    /// "stratum" when the stratum's own reference was large enough, else "all" (the whole reference).
    public var referenceScope: String
    public var psi: Double?
    public var ks: Double?
    public var ksP: Double?
    public var wasserstein: Double?
    public var aiPositiveRate: Double?
    public var estimatedAUC: Double?
    public var estimatedSensitivity: Double?
    public var estimatedSpecificity: Double?
    public var operatingThreshold: Double?
    /// Score drift with its limits.
    public var score: DriftFigures
    /// One per watched input that the window and its reference both have.
    public var inputs: [DriftFigures]
    /// How many alarm tests this window ran and the false-alarm rate each was held to (α / tests).
    public var alarmTests: Int
    public var falseAlarmRatePerTest: Double
    /// False when n < minimumExams: figures shown, no alarms raised.
    public var alarmsEligible: Bool
    /// Every limit crossed in this window (eligible windows only).
    public var signals: [MonitorAlarm]
    /// The signals confirmed by the persistence rule: the subject also signalled in the stratum's previous
    /// (alarmPersistence − 1) windows.
    public var alarms: [MonitorAlarm]
    public var rates: AIRates
    public var kpis: ScreeningKPIsByAIShown
    public var estimate: ConfidenceBasedEstimate
    public var calibration: CalibrationCheck?
    public var realised: RealisedPerformance?
    public var controlCharts: [ControlChartState]
    public var operatingPoint: OperatingPointSuggestion?

    enum CodingKeys: String, CodingKey {
        case start, end, stratum, n, exams, referenceUnits, referenceScope, psi, ks, ksP, wasserstein, aiPositiveRate
        case estimatedAUC, estimatedSensitivity, estimatedSpecificity, operatingThreshold, score, inputs, alarmTests
        case falseAlarmRatePerTest, alarmsEligible, signals, alarms, rates, kpis, estimate, calibration, realised, controlCharts
        case operatingPoint
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(start, forKey: .start)
        try c.encode(end, forKey: .end)
        try c.encode(stratum, forKey: .stratum)
        try c.encode(n, forKey: .n)
        try c.encode(exams, forKey: .exams)
        try c.encode(referenceUnits, forKey: .referenceUnits)
        try c.encode(referenceScope, forKey: .referenceScope)
        for (key, value) in [(CodingKeys.psi, psi), (.ks, ks), (.ksP, ksP), (.wasserstein, wasserstein),
                             (.aiPositiveRate, aiPositiveRate), (.estimatedAUC, estimatedAUC),
                             (.estimatedSensitivity, estimatedSensitivity), (.estimatedSpecificity, estimatedSpecificity),
                             (.operatingThreshold, operatingThreshold)] {
            try c.encode(MonitorNumber.finite(value), forKey: key)
        }
        try c.encode(score, forKey: .score)
        try c.encode(inputs, forKey: .inputs)
        try c.encode(alarmTests, forKey: .alarmTests)
        try c.encode(falseAlarmRatePerTest, forKey: .falseAlarmRatePerTest)
        try c.encode(alarmsEligible, forKey: .alarmsEligible)
        try c.encode(signals, forKey: .signals)
        try c.encode(alarms, forKey: .alarms)
        try c.encode(rates, forKey: .rates)
        try c.encode(kpis, forKey: .kpis)
        try c.encode(estimate, forKey: .estimate)
        try c.encode(calibration, forKey: .calibration)
        try c.encode(realised, forKey: .realised)
        try c.encode(controlCharts, forKey: .controlCharts)
        try c.encode(operatingPoint, forKey: .operatingPoint)
    }
}
