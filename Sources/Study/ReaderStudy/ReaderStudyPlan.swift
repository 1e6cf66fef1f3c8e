// Who reads what, in which order: per reader the order of the arms (crossover) and per reader ×
// arm the order of the cases. A pure function of the design, so it is never stored: the same
// design gives the same plan on every machine and Swift version.
//
// Arm order: reader i (0-based, design order) reads arms[(i + j) mod k] as its j-th arm, k =
// arms.count: a cyclic Latin square, so with 2 arms even readers start with arms[0] and odd ones
// with arms[1], and with k arms each arm comes first for every k-th reader.
//
// Case order of reader i in arm a (a = the arm's index in design.arms, not its reading position):
//   s1 = SplitMix64(seed: design.seed).next()
//   s2 = SplitMix64(seed: s1 ^ UInt64(i)).next()
//   s3 = SplitMix64(seed: s2 ^ UInt64(a)).next()
//   g  = SplitMix64(seed: s3)
//   order = design.cases; for n in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(n, g.index(below: n + 1)) }
// (Durstenfeld's Fisher–Yates from the end; index(below:) is Lemire's multiply-shift, the high 64
// bits of next() × (n + 1).) Chaining the finaliser keeps nearby seeds, readers and arms apart.
import MammoCore

public struct ReaderStudyPlan: Sendable, Hashable {
    /// One reader's plan.
    public struct Reader: Sendable, Hashable {
        public var reader: String
        /// The reader's index in the design (what the rotation and the case seed use).
        public var index: Int
        /// The arms in reading order.
        public var arms: [ReadingProtocol]
        /// The case order per arm.
        public var cases: [ReadingProtocol: [String]]

        /// The case order of `arm`, empty for an arm outside the design.
        public func cases(in arm: ReadingProtocol) -> [String] { cases[arm] ?? [] }
    }

    public let design: ReaderStudyDesign
    /// In design order.
    public let readers: [Reader]

    /// The plan of a valid design (validated here).
    public init(_ design: ReaderStudyDesign) throws(StudyError) {
        try design.validate()
        self.design = design
        let k = design.arms.count
        readers = design.readers.enumerated().map { i, reader in
            let order = (0..<k).map { j in design.arms[(i + j) % k] }
            var cases: [ReadingProtocol: [String]] = [:]
            for (a, arm) in design.arms.enumerated() {
                cases[arm] = Self.caseOrder(design.cases, seed: design.seed, readerIndex: i, armIndex: a)
            }
            return Reader(reader: reader, index: i, arms: order, cases: cases)
        }
    }

    public func reader(_ name: String) -> Reader? { readers.first { $0.reader == name } }

    /// The seed of reader `readerIndex`'s case order in arm `armIndex` (see the top of this file).
    public static func caseSeed(_ seed: UInt64, readerIndex: Int, armIndex: Int) -> UInt64 {
        var first = SplitMix64(seed: seed)
        var second = SplitMix64(seed: first.next() ^ UInt64(readerIndex))
        var third = SplitMix64(seed: second.next() ^ UInt64(armIndex))
        return third.next()
    }

    /// `cases` shuffled by Fisher–Yates with the stream of `caseSeed`.
    public static func caseOrder(_ cases: [String], seed: UInt64, readerIndex: Int, armIndex: Int) -> [String] {
        var generator = SplitMix64(seed: caseSeed(seed, readerIndex: readerIndex, armIndex: armIndex))
        var order = cases
        for n in stride(from: order.count - 1, to: 0, by: -1) {
            order.swapAt(n, generator.index(below: n + 1))
        }
        return order
    }
}
