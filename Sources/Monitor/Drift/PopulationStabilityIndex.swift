// The population stability index exactly as Evidently 0.7's "psi" stat test computes it
// (legacy/calculations/stattests/psi.py over utils.get_binned_data), so a figure here can be checked there.
import Foundation

public enum PopulationStabilityIndex {
    /// Σ (r − c) · ln(r / c) over bins. Evidently's binning, not the textbook "deciles of the reference":
    /// - a reference with more than 20 distinct values: equal-width bins over the *combined* range, their
    ///   count by Sturges' rule (numpy.histogram_bin_edges(ref + cur, "sturges"));
    /// - otherwise one bin per distinct value of either sample.
    /// Empty bins get min(non-zero share) / 10⁶ when that minimum is ≤ 0.0001, else 0.0001, per sample.
    public static func value(reference: [Double], current: [Double]) throws(MonitorError) -> Double {
        try check(reference, current)
        return value(sortedReference: reference.sorted(), sortedCurrent: current.sorted())
    }

    static func check(_ reference: [Double], _ current: [Double]) throws(MonitorError) {
        guard !reference.isEmpty, !current.isEmpty else {
            throw MonitorError(context: "population stability index", reason: "the reference or the current sample is empty")
        }
        guard reference.allSatisfy(\.isFinite), current.allSatisfy(\.isFinite) else {
            throw MonitorError(context: "population stability index", reason: "values must be finite numbers")
        }
    }

    /// Both sorted ascending, non-empty, finite (the engine sorts once per window and reuses them).
    public static func value(sortedReference reference: [Double], sortedCurrent current: [Double]) -> Double {
        var scratch = Scratch()
        return value(sortedReference: reference, sortedCurrent: current, scratch: &scratch)
    }

    /// Reusable buffers so the bootstrap's thousands of calls allocate nothing.
    struct Scratch {
        var referenceShares: [Double] = []
        var currentShares: [Double] = []
    }

    static func value(sortedReference reference: [Double], sortedCurrent current: [Double], scratch: inout Scratch) -> Double {
        let distinctReference = distinctCount(reference, atMost: 21)
        scratch.referenceShares.removeAll(keepingCapacity: true)
        scratch.currentShares.removeAll(keepingCapacity: true)
        if distinctReference > 20 {
            histogramShares(reference, current, into: &scratch)
        } else {
            categoryShares(reference, current, into: &scratch)
        }
        fillZeroes(&scratch.referenceShares)
        fillZeroes(&scratch.currentShares)
        var sum = 0.0
        for index in scratch.referenceShares.indices {
            let r = scratch.referenceShares[index], c = scratch.currentShares[index]
            sum += (r - c) * Foundation.log(r / c)
        }
        return sum
    }

    private static func distinctCount(_ sorted: [Double], atMost limit: Int) -> Int {
        var count = 0
        var previous = Double.nan
        for value in sorted where value != previous {
            count += 1
            previous = value
            if count >= limit { return count }
        }
        return count
    }

    /// numpy.histogram_bin_edges(combined, "sturges") and numpy.histogram's bin assignment
    /// (edges from linspace, the last bin closed).
    private static func histogramShares(_ reference: [Double], _ current: [Double], into scratch: inout Scratch) {
        guard let referenceFirst = reference.first, let referenceLast = reference.last,
              let currentFirst = current.first, let currentLast = current.last else { return }
        var first = min(referenceFirst, currentFirst)
        var last = max(referenceLast, currentLast)
        let size = Double(reference.count + current.count)
        let width = (last - first) / (Foundation.log2(size) + 1)
        let binCount = width > 0 ? max(1, Int(((last - first) / width).rounded(.up))) : 1
        if first == last {
            first -= 0.5
            last += 0.5
        }
        let step = (last - first) / Double(binCount)
        scratch.referenceShares = [Double](repeating: 0, count: binCount)
        scratch.currentShares = [Double](repeating: 0, count: binCount)
        count(reference, into: &scratch.referenceShares, first: first, last: last, step: step)
        count(current, into: &scratch.currentShares, first: first, last: last, step: step)
        let referenceSize = Double(reference.count), currentSize = Double(current.count)
        for index in 0..<binCount {
            scratch.referenceShares[index] /= referenceSize
            scratch.currentShares[index] /= currentSize
        }
    }

    private static func count(_ values: [Double], into counts: inout [Double], first: Double, last: Double, step: Double) {
        let binCount = counts.count
        let norm = Double(binCount) / (last - first)
        // The edges numpy.linspace makes: i · step + first, the last one exactly `last`.
        func edge(_ index: Int) -> Double { index == binCount ? last : Double(index) * step + first }
        for value in values {
            guard value >= first, value <= last else { continue }
            var index = Int((value - first) * norm)
            if index >= binCount { index = binCount - 1 }
            if index > 0, value < edge(index) { index -= 1 }
            if index < binCount - 1, value >= edge(index + 1) { index += 1 }
            counts[index] += 1
        }
    }

    /// One share per distinct value of either sample (both sorted: a merge).
    private static func categoryShares(_ reference: [Double], _ current: [Double], into scratch: inout Scratch) {
        var i = 0, j = 0
        let referenceSize = Double(reference.count), currentSize = Double(current.count)
        while i < reference.count || j < current.count {
            let value: Double
            if j >= current.count || (i < reference.count && reference[i] <= current[j]) { value = reference[i] } else { value = current[j] }
            var inReference = 0, inCurrent = 0
            while i < reference.count, reference[i] == value { i += 1; inReference += 1 }
            while j < current.count, current[j] == value { j += 1; inCurrent += 1 }
            scratch.referenceShares.append(Double(inReference) / referenceSize)
            scratch.currentShares.append(Double(inCurrent) / currentSize)
        }
    }

    private static func fillZeroes(_ shares: inout [Double]) {
        var smallest = Double.infinity
        for share in shares where share != 0 { smallest = min(smallest, share) }
        guard smallest.isFinite else { return }
        let fill = smallest <= 0.0001 ? smallest / 1_000_000 : 0.0001
        for index in shares.indices where shares[index] == 0 { shares[index] = fill }
    }
}
