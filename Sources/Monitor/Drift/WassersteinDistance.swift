// The first Wasserstein distance between two samples, ∫|U − V|, as scipy.stats.wasserstein_distance
// computes it (the step CDFs over the merged sorted values).

public enum WassersteinDistance {
    public static func value(reference: [Double], current: [Double]) throws(MonitorError) -> Double {
        guard !reference.isEmpty, !current.isEmpty else {
            throw MonitorError(context: "Wasserstein distance", reason: "the reference or the current sample is empty")
        }
        guard reference.allSatisfy(\.isFinite), current.allSatisfy(\.isFinite) else {
            throw MonitorError(context: "Wasserstein distance", reason: "values must be finite numbers")
        }
        return value(sortedReference: reference.sorted(), sortedCurrent: current.sorted())
    }

    /// Both sorted ascending, non-empty. Walks the merged order once: between consecutive merged values
    /// the two empirical CDFs are constant, so the integral is a sum of |U − V| · gap.
    public static func value(sortedReference u: [Double], sortedCurrent v: [Double]) -> Double {
        let uSize = Double(u.count), vSize = Double(v.count)
        var i = 0, j = 0
        var sum = 0.0
        var previous = Swift.min(u[0], v[0])
        // Merged position by position (ties included): each step the CDFs at `previous` apply up to the next value.
        while i < u.count || j < v.count {
            let next: Double
            if j >= v.count || (i < u.count && u[i] <= v[j]) { next = u[i] } else { next = v[j] }
            if next != previous {
                sum += Swift.abs(Double(i) / uSize - Double(j) / vSize) * (next - previous)
                previous = next
            }
            if j >= v.count || (i < u.count && u[i] <= v[j]) { i += 1 } else { j += 1 }
        }
        return sum
    }

    /// The KS statistic and the Wasserstein distance from one walk of the merged order (the monitor's hot path:
    /// the same sums in the same order as the two functions apart, so the same figures).
    static func withKolmogorovSmirnov(sortedReference u: [Double], sortedCurrent v: [Double]) -> (ks: Double, wasserstein: Double) {
        let uSize = Double(u.count), vSize = Double(v.count)
        var i = 0, j = 0
        var sum = 0.0
        var previous = Swift.min(u[0], v[0])
        var maximum = -Double.infinity, minimum = Double.infinity
        u.withUnsafeBufferPointer { u in
            v.withUnsafeBufferPointer { v in
                while i < u.count || j < v.count {
                    let value: Double
                    if j >= v.count || (i < u.count && u[i] <= v[j]) { value = u[i] } else { value = v[j] }
                    if value != previous {
                        sum += Swift.abs(Double(i) / uSize - Double(j) / vSize) * (value - previous)
                        previous = value
                    }
                    while i < u.count, u[i] <= value { i += 1 }
                    while j < v.count, v[j] <= value { j += 1 }
                    let difference = Double(i) / uSize - Double(j) / vSize
                    if difference > maximum { maximum = difference }
                    if difference < minimum { minimum = difference }
                }
            }
        }
        let below = Swift.min(Swift.max(-minimum, 0), 1)
        return (below > maximum ? below : maximum, sum)
    }
}
