// What the monitor screen (M on the worklist) and `monitor --png` draw: per stratum a time
// series of windows, each with the figures charted, its alarms, the lines of its detail panel
// and the studies behind it (Enter drills into them). Made from a monitor report off the UI
// loop (MonitorOverview+Library); the screen only reads it.

public struct MonitorOverview: Equatable, Sendable {
    /// One line naming what is watched: model, reference, windows, strata.
    public var title: String
    public var series: [MonitorSeries]
    /// Lines under the charts: operating-point suggestions, what could not be computed.
    public var notes: [String]

    public init(title: String, series: [MonitorSeries], notes: [String] = []) {
        self.title = title
        self.series = series
        self.notes = notes
    }

    /// Whether the latest window of any stratum is alarmed (what `monitor --check` exits 1 on).
    public var hasActiveAlarm: Bool { series.contains { $0.points.last?.alarms.isEmpty == false } }
}

/// One stratum ("site=Site A", "all") over time, windows oldest first.
public struct MonitorSeries: Equatable, Sendable {
    public var stratum: String
    public var points: [MonitorPoint]

    public init(stratum: String, points: [MonitorPoint]) {
        self.stratum = stratum
        self.points = points
    }
}

/// One window of one stratum.
public struct MonitorPoint: Equatable, Sendable {
    /// YYYY-MM-DD, both inclusive.
    public var start: String
    public var end: String
    public var exams: Int
    /// The charted figures, nil where a window has too little to compute them.
    public var scoreDrift: Double?      // KS statistic of the exam score against the reference, 0–1
    public var inputDrift: Double?      // the largest KS statistic of the watched input statistics, 0–1
    public var aiPositiveRate: Double?  // 0–1
    public var estimatedAUC: Double?    // label-free (CBPE), 0–1
    public var recallRate: Double?      // readers' recall rate, 0–1, where decisions exist
    /// Each alarm as one line, "score KS 0.61 > limit 0.42"; empty when quiet.
    public var alarms: [String]
    /// The detail panel's lines for this window (figures with intervals and limits, suggestion).
    public var details: [String]
    /// Study Instance UIDs of the window's exams.
    public var studies: [String]

    public init(start: String, end: String, exams: Int, scoreDrift: Double? = nil, inputDrift: Double? = nil,
                aiPositiveRate: Double? = nil, estimatedAUC: Double? = nil, recallRate: Double? = nil,
                alarms: [String] = [], details: [String] = [], studies: [String] = []) {
        self.start = start; self.end = end; self.exams = exams; self.scoreDrift = scoreDrift; self.inputDrift = inputDrift
        self.aiPositiveRate = aiPositiveRate; self.estimatedAUC = estimatedAUC; self.recallRate = recallRate
        self.alarms = alarms; self.details = details; self.studies = studies
    }
}
