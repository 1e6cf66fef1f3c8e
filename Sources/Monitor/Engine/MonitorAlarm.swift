// One alarm in a window: which statistic of which subject crossed which limit. In JSON an object
// {"kind": "drift"|"chart", "subject": "score"|"input:p50"|"aiPositiveRate"|..., "statistic": ..., "value", "limit"}.

public struct MonitorAlarm: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A drift statistic above its bootstrap limit.
        case drift
        /// An EWMA chart outside its limits ("limit" is the crossed one).
        case chart
    }

    public var kind: Kind
    public var subject: String
    public var statistic: String
    public var value: Double
    public var limit: Double

    public init(kind: Kind, subject: String, statistic: String, value: Double, limit: Double) {
        self.kind = kind
        self.subject = subject
        self.statistic = statistic
        self.value = value
        self.limit = limit
    }

    /// "score psi 0.31 > 0.12".
    public var summary: String {
        let relation = kind == .chart && value < limit ? "<" : ">"
        return "\(subject) \(statistic) \(MonitorNumber.text(value)) \(relation) \(MonitorNumber.text(limit))"
    }
}
