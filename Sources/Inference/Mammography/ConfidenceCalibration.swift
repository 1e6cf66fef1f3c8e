// Confidence as the model card defines it: run the network again with Monte-Carlo dropout
// (T samples) and count how often each call — a lesion above the lesion threshold, the exam
// above the exam threshold — comes out the same. That agreement (0–1) is mapped through a
// table fitted on held-out synthetic exams (`mammoterm model calibrate`): the share of calls
// with that agreement that were right. Without a table the agreement itself is shown.

public struct ConfidenceCalibration: Codable, Sendable, Equatable {
    /// Monte-Carlo samples the table was fitted with (and the wrapper uses).
    public var samples: Int
    /// Ascending agreement bin lower edges, e.g. [0, 0.5, 0.75, 0.9, 1].
    public var edges: [Double]
    /// Per bin: share of lesion calls (above the lesion threshold) that hit a malignant lesion.
    public var lesion: [Double]
    /// Per bin: share of exam calls (recall or not) that were right.
    public var exam: [Double]
    /// Calls counted per bin (lesion, exam), for the model card.
    public var lesionCounts: [Int]
    public var examCounts: [Int]

    public init(samples: Int, edges: [Double], lesion: [Double], exam: [Double], lesionCounts: [Int], examCounts: [Int]) {
        self.samples = samples; self.edges = edges; self.lesion = lesion; self.exam = exam
        self.lesionCounts = lesionCounts; self.examCounts = examCounts
    }

    /// The bin of an agreement value.
    public func bin(_ agreement: Double) -> Int {
        var index = 0
        for (i, edge) in edges.enumerated() where agreement >= edge - 1e-12 { index = i }
        return index
    }

    public func lesionConfidence(agreement: Double) -> Double { value(lesion, agreement) }
    public func examConfidence(agreement: Double) -> Double { value(exam, agreement) }

    func value(_ table: [Double], _ agreement: Double) -> Double {
        let i = bin(agreement)
        return i < table.count ? table[i] : agreement
    }

    /// Fits the table from (agreement, correct) pairs: per bin the share correct, made
    /// non-decreasing (more agreement never means less trust) by pooling adjacent violators;
    /// an empty bin takes its neighbour's value.
    public static func fit(samples: Int, edges: [Double], lesionCalls: [(Double, Bool)], examCalls: [(Double, Bool)]) -> ConfidenceCalibration {
        let probe = ConfidenceCalibration(samples: samples, edges: edges, lesion: [], exam: [], lesionCounts: [], examCounts: [])
        func table(_ calls: [(Double, Bool)]) -> ([Double], [Int]) {
            var right = [Double](repeating: 0, count: edges.count), count = [Int](repeating: 0, count: edges.count)
            for (agreement, correct) in calls {
                let b = probe.bin(agreement)
                count[b] += 1
                if correct { right[b] += 1 }
            }
            // Pool adjacent violators over bins with counts as weights.
            var blocks: [(sum: Double, weight: Double, bins: [Int])] = []
            for b in edges.indices where count[b] > 0 {
                blocks.append((right[b], Double(count[b]), [b]))
                while blocks.count > 1 {
                    let last = blocks[blocks.count - 1], previous = blocks[blocks.count - 2]
                    guard previous.sum / previous.weight > last.sum / last.weight else { break }
                    blocks.removeLast(2)
                    blocks.append((previous.sum + last.sum, previous.weight + last.weight, previous.bins + last.bins))
                }
            }
            var out = [Double](repeating: .nan, count: edges.count)
            for block in blocks { for b in block.bins { out[b] = block.sum / block.weight } }
            // Empty bins: the nearest filled bin below, else above, else the agreement edge.
            for b in edges.indices where out[b].isNaN {
                out[b] = out[..<b].last { !$0.isNaN } ?? out[b...].first { !$0.isNaN } ?? edges[b]
            }
            return (out, count)
        }
        let (lesion, lesionCounts) = table(lesionCalls)
        let (exam, examCounts) = table(examCalls)
        return ConfidenceCalibration(samples: samples, edges: edges, lesion: lesion, exam: exam,
                                     lesionCounts: lesionCounts, examCounts: examCounts)
    }
}
