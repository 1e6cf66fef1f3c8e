// The one error measure the inference tests use: max |actual - expected| / max(max |expected|, 1e-6)
// (relative L-infinity error), so 1e-4 means "agrees to 1e-4 of the output's largest magnitude".

enum Comparison {
    static func relativeError(_ actual: [Float], _ expected: [Float]) -> Float {
        guard actual.count == expected.count else { return .infinity }
        var worst: Float = 0
        var scale: Float = 1e-6
        for (a, e) in zip(actual, expected) {
            let difference = abs(a - e)
            worst = difference.isNaN ? .infinity : max(worst, difference)
            scale = max(scale, abs(e))
        }
        return worst / scale
    }
}
