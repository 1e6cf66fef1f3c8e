// Whether the probabilities still mean what they say where outcomes exist: expected vs observed cancer rate
// per probability bin (with Wilson intervals on the observed rate) and the expected calibration error.

public struct CalibrationCheck: Sendable, Hashable, Codable {
    public struct Bin: Sendable, Hashable, Codable {
        public var lower: Double
        public var upper: Double
        public var exams: Int
        /// Mean probability in the bin: the cancer rate the model expects there.
        public var expectedRate: Double?
        public var observed: RateEstimate
    }

    /// Edges for screening probabilities, which crowd near 0 (equal-width tenths would put nearly every
    /// exam in the first bin).
    public static let defaultEdges: [Double] = [0, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1]

    public var bins: [Bin]
    /// Σ (n_b / N) |observed_b − expected_b| over non-empty bins.
    public var expectedCalibrationError: Double?
    public var expectedCancers: Double
    public var observed: RateEstimate

    /// nil when no exam has an outcome.
    public init?(probabilities: [Double], exams: [MonitoredExam], edges: [Double] = defaultEdges) {
        guard edges.count >= 2 else { return nil }
        var counts = [Int](repeating: 0, count: edges.count - 1)
        var cancers = [Int](repeating: 0, count: edges.count - 1)
        var sums = [Double](repeating: 0, count: edges.count - 1)
        var total = 0, totalCancers = 0
        var expected = 0.0
        for (p, exam) in zip(probabilities, exams) {
            guard let outcome = exam.outcome else { continue }
            var bin = edges.count - 2
            for index in 0..<(edges.count - 1) where p < edges[index + 1] { bin = index; break }
            counts[bin] += 1
            sums[bin] += p
            expected += p
            total += 1
            if outcome.cancer { cancers[bin] += 1; totalCancers += 1 }
        }
        guard total > 0 else { return nil }
        var error = 0.0
        bins = (0..<counts.count).map { index in
            let expectedRate = counts[index] > 0 ? sums[index] / Double(counts[index]) : nil
            let observed = RateEstimate(events: cancers[index], total: counts[index])
            if let expectedRate, let rate = observed.rate {
                error += Double(counts[index]) / Double(total) * abs(rate - expectedRate)
            }
            return Bin(lower: edges[index], upper: edges[index + 1], exams: counts[index], expectedRate: expectedRate, observed: observed)
        }
        expectedCalibrationError = error
        expectedCancers = expected
        observed = RateEstimate(events: totalCancers, total: total)
    }
}
