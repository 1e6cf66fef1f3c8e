// The screening programme's figures for a window of read exams: recall rate, cancer detection rate per
// 1,000, PPV of recall, the interval-cancer share of cancers (as in breast screening audits).

public struct ScreeningKPIs: Sendable, Hashable, Codable {
    /// Read exams (those with a final reader decision).
    public var readExams: Int
    public var recallRate: RateEstimate
    /// Screen-detected cancers (recalled, cancer, not interval) per 1,000 read exams.
    public var cancerDetectionRatePer1000: ScaledRate
    /// Cancers among recalled exams whose outcome is known.
    public var positivePredictiveValueOfRecall: RateEstimate
    /// Interval cancers among all cancers of read exams.
    public var intervalCancerProportion: RateEstimate

    public init(exams: some Sequence<MonitoredExam>) {
        var read = 0, recalled = 0, detected = 0, recalledWithOutcome = 0, recalledCancers = 0, cancers = 0, interval = 0
        for exam in exams {
            guard let reading = exam.reading else { continue }
            read += 1
            if reading.recalled { recalled += 1 }
            if let outcome = exam.outcome {
                if reading.recalled {
                    recalledWithOutcome += 1
                    if outcome.cancer { recalledCancers += 1 }
                }
                if outcome.cancer {
                    cancers += 1
                    if outcome.interval { interval += 1 } else if reading.recalled { detected += 1 }
                }
            }
        }
        readExams = read
        recallRate = RateEstimate(events: recalled, total: read)
        cancerDetectionRatePer1000 = RateEstimate(events: detected, total: read).scaled(by: 1000)
        positivePredictiveValueOfRecall = RateEstimate(events: recalledCancers, total: recalledWithOutcome)
        intervalCancerProportion = RateEstimate(events: interval, total: cancers)
    }
}

/// The KPIs of all read exams and split by whether the reader saw the AI.
public struct ScreeningKPIsByAIShown: Sendable, Hashable, Codable {
    public var all: ScreeningKPIs
    public var aiShown: ScreeningKPIs
    public var aiNotShown: ScreeningKPIs

    public init(exams: [MonitoredExam]) {
        all = ScreeningKPIs(exams: exams)
        aiShown = ScreeningKPIs(exams: exams.lazy.filter { $0.reading?.aiShown == true })
        aiNotShown = ScreeningKPIs(exams: exams.lazy.filter { $0.reading?.aiShown == false })
    }
}
