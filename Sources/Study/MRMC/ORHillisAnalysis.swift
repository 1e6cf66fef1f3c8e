// The Obuchowski–Rockette analysis of reader-averaged AUC with Hillis's denominator degrees of
// freedom (Hillis 2007, "A comparison of denominator degrees of freedom methods for multiple
// observer ROC analysis"), as RJafroc's StSignificanceTesting(method = "OR") and MRMCaov's
// mrmc() report it: random readers and random cases (RRRC), fixed readers (FRRC, a chi-square
// test) and fixed cases (RRFC), the difference of the first two modalities with its 95% CI, the
// per-reader AUCs and differences, and the variance components. Checked against the published
// Van Dyke results in the tests.
public struct ORHillisAnalysis: Sendable {
    /// One test of equal modality means with the first-minus-second difference.
    public struct Test: Sendable {
        /// F statistic (for FRRC: the chi-square divided by its degrees of freedom).
        public var f: Double
        public var ndf: Double
        /// Denominator degrees of freedom; infinite for FRRC.
        public var ddf: Double
        public var p: Double
        public var difference: Double
        public var stdErr: Double
        public var ci: (lower: Double, upper: Double)
    }

    /// One reader's AUCs per modality and the first-minus-second difference with its CI (fixed reader).
    public struct Reader: Sendable {
        public var id: String
        public var aucs: [Double]
        public var difference: Double
        public var stdErr: Double
        public var ci: (lower: Double, upper: Double)
        public var p: Double
    }

    public var modalities: [String]
    public var method: MRMCCovarianceMethod
    /// Reader-averaged AUC per modality.
    public var meanAUCs: [Double]
    public var msT: Double, msR: Double, msTR: Double
    public var errorVariance: Double, cov1: Double, cov2: Double, cov3: Double
    /// OR variance components σ²_R and σ²_TR (MS-based, as MRMCaov prints them).
    public var readerVariance: Double, treatmentReaderVariance: Double
    public var rrrc: Test, frrc: Test, rrfc: Test
    public var readers: [Reader]

    public init(_ ratings: MRMCRatings, method: MRMCCovarianceMethod = .jackknife, confidence: Double = 0.95) {
        let covariance = MRMCCovariance(ratings, method: method)
        let t = ratings.modalities.count, r = ratings.readers.count
        let auc = covariance.auc, cov = covariance.cov
        let tD = Double(t), rD = Double(r)
        let modalityMeans = auc.map { $0.reduce(0, +) / rD }
        let readerMeans = (0..<r).map { j in (0..<t).map { auc[$0][j] }.reduce(0, +) / tD }
        let grand = modalityMeans.reduce(0, +) / tD
        let msT = rD * modalityMeans.map { ($0 - grand) * ($0 - grand) }.reduce(0, +) / (tD - 1)
        let msR = tD * readerMeans.map { ($0 - grand) * ($0 - grand) }.reduce(0, +) / (rD - 1)
        var ssTR = 0.0
        for m in 0..<t { for j in 0..<r { let e = auc[m][j] - modalityMeans[m] - readerMeans[j] + grand; ssTR += e * e } }
        let msTR = ssTR / ((tD - 1) * (rD - 1))

        // Averages of the covariance matrix by kind: same test (error variance), same reader
        // (Cov1), same modality (Cov2), neither (Cov3).
        var sums = [0.0, 0.0, 0.0, 0.0], counts = [0, 0, 0, 0]
        for x in 0..<(t * r) {
            for y in 0..<(t * r) {
                let sameModality = x / r == y / r, sameReader = x % r == y % r
                let kind = x == y ? 0 : sameReader ? 1 : sameModality ? 2 : 3
                sums[kind] += cov[x][y]
                counts[kind] += 1
            }
        }
        let average = zip(sums, counts).map { $1 > 0 ? $0 / Double($1) : 0 }
        let (variance, cov1, cov2, cov3) = (average[0], average[1], average[2], average[3])
        let alpha = 1 - confidence
        let difference = modalityMeans[0] - modalityMeans[1]

        // RRRC: Hillis's denominator with the covariance term floored at zero.
        let rrrcDenominator = msTR + rD * max(cov2 - cov3, 0)
        let rrrcDDF = rrrcDenominator * rrrcDenominator / (msTR * msTR / ((tD - 1) * (rD - 1)))
        let rrrcF = msT / rrrcDenominator
        let rrrcSE = (2 / rD * rrrcDenominator).squareRoot()
        let rrrcQ = ProbabilityDistributions.tQuantile(1 - alpha / 2, rrrcDDF)
        rrrc = Test(f: rrrcF, ndf: tD - 1, ddf: rrrcDDF, p: ProbabilityDistributions.fSurvival(rrrcF, tD - 1, rrrcDDF),
                    difference: difference, stdErr: rrrcSE, ci: (difference - rrrcQ * rrrcSE, difference + rrrcQ * rrrcSE))

        // FRRC: readers fixed, a chi-square on t − 1 degrees of freedom.
        let frrcDenominator = variance - cov1 + (rD - 1) * max(cov2 - cov3, 0)
        let chi = (tD - 1) * msT / frrcDenominator
        let frrcSE = (2 / rD * frrcDenominator).squareRoot()
        let z = ProbabilityDistributions.tQuantile(1 - alpha / 2, .infinity)
        frrc = Test(f: chi / (tD - 1), ndf: tD - 1, ddf: .infinity, p: ProbabilityDistributions.chiSquareSurvival(chi, tD - 1),
                    difference: difference, stdErr: frrcSE, ci: (difference - z * frrcSE, difference + z * frrcSE))

        // RRFC: cases fixed, the reader-by-modality interaction is the error.
        let rrfcDDF = (tD - 1) * (rD - 1)
        let rrfcF = msT / msTR
        let rrfcSE = (2 * msTR / rD).squareRoot()
        let rrfcQ = ProbabilityDistributions.tQuantile(1 - alpha / 2, rrfcDDF)
        rrfc = Test(f: rrfcF, ndf: tD - 1, ddf: rrfcDDF, p: ProbabilityDistributions.fSurvival(rrfcF, tD - 1, rrfcDDF),
                    difference: difference, stdErr: rrfcSE, ci: (difference - rrfcQ * rrfcSE, difference + rrfcQ * rrfcSE))

        readers = (0..<r).map { j in
            let a = j, b = r + j  // modality 0 and 1 of reader j in the flattened index
            let d = auc[0][j] - auc[1][j]
            let se = max(cov[a][a] + cov[b][b] - 2 * cov[a][b], 0).squareRoot()
            let zValue = se > 0 ? d / se : 0
            return Reader(id: ratings.readers[j], aucs: (0..<t).map { auc[$0][j] }, difference: d, stdErr: se,
                          ci: (d - z * se, d + z * se), p: 2 * (1 - ProbabilityDistributions.normalCDF(abs(zValue))))
        }
        self.modalities = ratings.modalities
        self.method = method
        self.meanAUCs = modalityMeans
        self.msT = msT
        self.msR = msR
        self.msTR = msTR
        self.errorVariance = variance
        self.cov1 = cov1
        self.cov2 = cov2
        self.cov3 = cov3
        // From the OR expected mean squares (Hillis 2014): E[MS(R)] − E[MS(T:R)] = t(σ²_R + Cov1 − Cov3)
        // and E[MS(T:R)] = σ²_TR + σ²_ε − Cov1 − (Cov2 − Cov3).
        self.readerVariance = (msR - msTR) / tD - cov1 + cov3
        self.treatmentReaderVariance = msTR - variance + cov1 + cov2 - cov3
    }
}
