// The hand-worked validation set most Study tests share (weights and ties), with its sums.
@testable import Study

enum HandWorked {
    /// score, label, weight. Cancers weigh 6 in all, non-cancers 10, everything 16.
    /// Ties: 0.8 (a cancer of weight 2 and a non-cancer) and 0.4 (a cancer and a non-cancer).
    ///   weighted sensitivity at score >= t:  0.9: 1/6  0.8: 3/6  0.6: 4/6  0.4: 5/6  0.1: 6/6
    ///   weighted specificity at score <= t:  0.2: 4/10  0.4: 6/10  0.5: 9/10  0.8: 10/10
    static let samples: [ScoredSample] = [
        .init(score: 0.9, isCancer: true, weight: 1),
        .init(score: 0.8, isCancer: true, weight: 2),
        .init(score: 0.8, isCancer: false, weight: 1),
        .init(score: 0.6, isCancer: true, weight: 1),
        .init(score: 0.5, isCancer: false, weight: 3),
        .init(score: 0.4, isCancer: true, weight: 1),
        .init(score: 0.4, isCancer: false, weight: 2),
        .init(score: 0.2, isCancer: false, weight: 4),
        .init(score: 0.1, isCancer: true, weight: 1),
    ]

    static let csv = """
        id,label,score,weight
        a,1,0.9,1
        b,1,0.8,2
        c,0,0.8,1
        d,1,0.6,1
        e,0,0.5,3
        f,1,0.4,1
        g,0,0.4,2
        h,0,0.2,4
        i,1,0.1,1

        """

    static var unweighted: [ScoredSample] { samples.map { ScoredSample(score: $0.score, isCancer: $0.isCancer) } }
}
