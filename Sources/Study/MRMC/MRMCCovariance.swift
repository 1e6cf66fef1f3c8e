// The empirical (trapezoidal) AUC of each modality × reader and the covariance matrix of those
// AUCs over cases, by the jackknife (leave one case out; Obuchowski–Rockette's original) or by
// DeLong's structural components. Both are what RJafroc, iMRMC and MRMCaov compute.
public enum MRMCCovarianceMethod: String, Sendable, CaseIterable {
    case jackknife
    case deLong = "DeLong"
}

struct MRMCCovariance {
    /// auc[modality][reader].
    var auc: [[Double]]
    /// cov[(m, r)][(m', r')] with the flattened index m * readers + r.
    var cov: [[Double]]

    static func ψ(_ diseased: Double, _ normal: Double) -> Double { diseased > normal ? 1 : diseased == normal ? 0.5 : 0 }

    init(_ ratings: MRMCRatings, method: MRMCCovarianceMethod) {
        let t = ratings.modalities.count, r = ratings.readers.count
        let p = ratings.diseasedCount, n = ratings.normalCount
        let count = t * r
        var auc = [[Double]](repeating: [Double](repeating: 0, count: r), count: t)
        // Per test (m, r): each diseased case's mean ψ over normals (V10) and each normal's over diseased (V01).
        var v10 = [[Double]](repeating: [], count: count), v01 = [[Double]](repeating: [], count: count)
        for m in 0..<t {
            for j in 0..<r {
                let ratingsOf = ratings.rating[m][j]
                var rowSums = [Double](repeating: 0, count: p), columnSums = [Double](repeating: 0, count: n)
                for a in 0..<p {
                    for b in 0..<n {
                        let s = Self.ψ(ratingsOf[a], ratingsOf[p + b])
                        rowSums[a] += s
                        columnSums[b] += s
                    }
                }
                let total = rowSums.reduce(0, +)
                auc[m][j] = total / Double(p * n)
                v10[m * r + j] = rowSums.map { $0 / Double(n) }
                v01[m * r + j] = columnSums.map { $0 / Double(p) }
            }
        }
        var cov = [[Double]](repeating: [Double](repeating: 0, count: count), count: count)
        switch method {
        case .jackknife:
            // AUC without case k: a diseased case takes its row out, a normal case its column.
            let cases = p + n
            var pseudo = [[Double]](repeating: [Double](repeating: 0, count: cases), count: count)
            for index in 0..<count {
                let total = auc[index / r][index % r] * Double(p * n)
                for a in 0..<p { pseudo[index][a] = (total - v10[index][a] * Double(n)) / Double((p - 1) * n) }
                for b in 0..<n { pseudo[index][p + b] = (total - v01[index][b] * Double(p)) / Double(p * (n - 1)) }
            }
            let means = pseudo.map { $0.reduce(0, +) / Double(cases) }
            for x in 0..<count {
                for y in x..<count {
                    var sum = 0.0
                    for k in 0..<cases { sum += (pseudo[x][k] - means[x]) * (pseudo[y][k] - means[y]) }
                    cov[x][y] = sum * Double(cases - 1) / Double(cases)
                    cov[y][x] = cov[x][y]
                }
            }
        case .deLong:
            for x in 0..<count {
                for y in x..<count {
                    let ax = auc[x / r][x % r], ay = auc[y / r][y % r]
                    var s10 = 0.0, s01 = 0.0
                    for a in 0..<p { s10 += (v10[x][a] - ax) * (v10[y][a] - ay) }
                    for b in 0..<n { s01 += (v01[x][b] - ax) * (v01[y][b] - ay) }
                    cov[x][y] = s10 / Double((p - 1) * p) + s01 / Double((n - 1) * n)
                    cov[y][x] = cov[x][y]
                }
            }
        }
        self.auc = auc
        self.cov = cov
    }
}
