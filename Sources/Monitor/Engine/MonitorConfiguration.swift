// What a monitor run watches and how strict it is; every field has a default so a config.toml table may
// name only what it changes (decoding fills the rest).

public struct MonitorConfiguration: Sendable, Hashable, Codable {
    public enum Window: String, Sendable, Hashable, Codable {
        /// ISO weeks, Monday to Sunday.
        case week
        /// Calendar months.
        case month
    }

    public var window: Window = .week
    /// None: one stratum, "all".
    public var strata: [MonitorStratum] = []
    /// Inclusive "YYYYMMDD" bounds on the exams monitored (not on the reference).
    public var from: String?
    public var to: String?
    /// The chance that a stable stratum-window crosses any limit (a signal), split (Bonferroni) over its
    /// alarm tests; the persistence rule below makes an alarm rarer still.
    public var falseAlarmRate: Double = 0.05
    public var bootstrapResamples: Int = 500
    public var seed: UInt64 = 18
    public var ewmaLambda: Double = 0.2
    /// Below this many units in a window, drift and chart alarms are not raised (figures still shown).
    public var minimumExams: Int = 30
    /// A limit crossed is a signal; it becomes an alarm when the same subject (the score, one input, one
    /// rate) has signalled in this many consecutive windows of the stratum. 1: every signal alarms. Two
    /// in a row takes a stable stratum's alarm rate from about α per window to about α², so a site reading
    /// 12 weeks stays quiet, while a real shift, which persists, is confirmed one window later.
    public var alarmPersistence: Int = 2
    /// Input statistics watched for drift (keys of ViewObservation.inputs).
    public var watchedInputs: [String] = ["p05", "p50", "p95", "noise", "breastAreaMM2", "spacingMM"]
    /// Score drift statistics that raise alarms (all are reported).
    public var scoreAlarmStatistics: [DriftStatistic] = [.psi, .ks, .wasserstein]
    /// The one statistic per watched input that raises alarms.
    public var inputAlarmStatistic: DriftStatistic = .ks
    /// The operating threshold for CBPE's sensitivity/specificity and the realignment; nil: taken as the
    /// lowest probability among the reference's AI-positive exams (the threshold those calls imply).
    public var operatingThreshold: Double?

    public init(window: Window = .week, strata: [MonitorStratum] = [], from: String? = nil, to: String? = nil,
                falseAlarmRate: Double = 0.05, bootstrapResamples: Int = 500, seed: UInt64 = 18, ewmaLambda: Double = 0.2,
                minimumExams: Int = 30, alarmPersistence: Int = 2, watchedInputs: [String] = ["p05", "p50", "p95", "noise", "breastAreaMM2", "spacingMM"],
                scoreAlarmStatistics: [DriftStatistic] = [.psi, .ks, .wasserstein], inputAlarmStatistic: DriftStatistic = .ks,
                operatingThreshold: Double? = nil) {
        self.window = window
        self.strata = strata
        self.from = from
        self.to = to
        self.falseAlarmRate = falseAlarmRate
        self.bootstrapResamples = bootstrapResamples
        self.seed = seed
        self.ewmaLambda = ewmaLambda
        self.minimumExams = minimumExams
        self.alarmPersistence = alarmPersistence
        self.watchedInputs = watchedInputs
        self.scoreAlarmStatistics = scoreAlarmStatistics
        self.inputAlarmStatistic = inputAlarmStatistic
        self.operatingThreshold = operatingThreshold
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = MonitorConfiguration()
        window = try c.decodeIfPresent(Window.self, forKey: .window) ?? d.window
        strata = try c.decodeIfPresent([MonitorStratum].self, forKey: .strata) ?? d.strata
        from = try c.decodeIfPresent(String.self, forKey: .from)
        to = try c.decodeIfPresent(String.self, forKey: .to)
        falseAlarmRate = try c.decodeIfPresent(Double.self, forKey: .falseAlarmRate) ?? d.falseAlarmRate
        bootstrapResamples = try c.decodeIfPresent(Int.self, forKey: .bootstrapResamples) ?? d.bootstrapResamples
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? d.seed
        ewmaLambda = try c.decodeIfPresent(Double.self, forKey: .ewmaLambda) ?? d.ewmaLambda
        minimumExams = try c.decodeIfPresent(Int.self, forKey: .minimumExams) ?? d.minimumExams
        alarmPersistence = try c.decodeIfPresent(Int.self, forKey: .alarmPersistence) ?? d.alarmPersistence
        watchedInputs = try c.decodeIfPresent([String].self, forKey: .watchedInputs) ?? d.watchedInputs
        scoreAlarmStatistics = try c.decodeIfPresent([DriftStatistic].self, forKey: .scoreAlarmStatistics) ?? d.scoreAlarmStatistics
        inputAlarmStatistic = try c.decodeIfPresent(DriftStatistic.self, forKey: .inputAlarmStatistic) ?? d.inputAlarmStatistic
        operatingThreshold = try c.decodeIfPresent(Double.self, forKey: .operatingThreshold)
    }

    /// Throws on values no run can use.
    public func validate() throws(MonitorError) {
        guard falseAlarmRate > 0, falseAlarmRate < 1 else {
            throw MonitorError(context: "monitor configuration", reason: "falseAlarmRate must be between 0 and 1, not \(falseAlarmRate)")
        }
        guard bootstrapResamples > 0 else {
            throw MonitorError(context: "monitor configuration", reason: "bootstrapResamples must be > 0, not \(bootstrapResamples)")
        }
        guard ewmaLambda > 0, ewmaLambda <= 1 else {
            throw MonitorError(context: "monitor configuration", reason: "ewmaLambda must be in (0, 1], not \(ewmaLambda)")
        }
        guard alarmPersistence >= 1 else {
            throw MonitorError(context: "monitor configuration", reason: "alarmPersistence must be >= 1, not \(alarmPersistence)")
        }
        guard minimumExams >= 0 else {
            throw MonitorError(context: "monitor configuration", reason: "minimumExams must be >= 0, not \(minimumExams)")
        }
        for date in [from, to].compactMap({ $0 }) where CalendarDay(yyyymmdd: date) == nil {
            throw MonitorError(context: "monitor configuration", reason: "'\(date)' is not a YYYYMMDD date")
        }
        if let operatingThreshold, !(0...1).contains(operatingThreshold) {
            throw MonitorError(context: "monitor configuration", reason: "operatingThreshold must be in [0, 1], not \(operatingThreshold)")
        }
    }
}
