// How often the AI flags, triages and alerts in a window, and how often readers disagree with it.

public struct AIRates: Sendable, Hashable, Codable {
    public var aiPositiveRate: RateEstimate
    /// Among exams with decision-referral thresholds in force.
    public var normalTriageFraction: RateEstimate
    public var safetyNetAlertRate: RateEstimate
    public var readerRecallRate: RateEstimate
    /// Read exams where the reader's recall differs from the AI's call.
    public var aiReaderDisagreement: RateEstimate

    public init(exams: some Sequence<MonitoredExam>) {
        var total = 0, positive = 0, triageTotal = 0, triaged = 0, alertTotal = 0, alerts = 0
        var read = 0, recalled = 0, disagree = 0
        for exam in exams {
            total += 1
            if exam.aiPositive { positive += 1 }
            if let triage = exam.triagedNormal { triageTotal += 1; if triage { triaged += 1 } }
            if let alert = exam.safetyNetAlert { alertTotal += 1; if alert { alerts += 1 } }
            if let reading = exam.reading {
                read += 1
                if reading.recalled { recalled += 1 }
                if reading.recalled != exam.aiPositive { disagree += 1 }
            }
        }
        aiPositiveRate = RateEstimate(events: positive, total: total)
        normalTriageFraction = RateEstimate(events: triaged, total: triageTotal)
        safetyNetAlertRate = RateEstimate(events: alerts, total: alertTotal)
        readerRecallRate = RateEstimate(events: recalled, total: read)
        aiReaderDisagreement = RateEstimate(events: disagree, total: read)
    }
}
