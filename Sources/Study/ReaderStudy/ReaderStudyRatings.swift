// A finished reader study as the MRMC analysis reads it: per arm (modality = the protocol's raw
// value), reader and case the suspicion (0–100) of the reader's current final decision, with the
// case's truth (cancer); and the recall call's sensitivity and specificity per reader × arm and
// per arm. The analysis needs every reader × arm × case, so anything missing is an error that
// says how much is left and names the first few (what `study report` tells the coordinator).
import MammoCore

public struct ReaderStudyRatings: Sendable {
    /// The recall call against truth for one reader × arm (`reader` nil: all readers of the arm).
    public struct Recall: Sendable, Hashable {
        public var reader: String?
        public var arm: ReadingProtocol
        /// Counts of cases (pooled over the readers for an arm).
        public var counts: ConfusionMatrix
        /// TP / (TP + FN) of `counts`; nil without cancers.
        public var sensitivity: Double?
        /// TN / (TN + FP) of `counts`; nil without normals.
        public var specificity: Double?
    }

    /// One reader × arm × case.
    public struct Cell: Sendable, Hashable {
        public var reader: String
        public var arm: ReadingProtocol
        public var studyInstanceUID: String

        public init(reader: String, arm: ReadingProtocol, studyInstanceUID: String) {
            self.reader = reader
            self.arm = arm
            self.studyInstanceUID = studyInstanceUID
        }
    }

    /// What keeps a study from being analysed.
    public struct Missing: Sendable, Hashable {
        /// Reader × arm × case without a final decision, in design order (arm, reader, case).
        public var decisions: [Cell]
        /// Cases without ground truth, in design order.
        public var truth: [String]
        public var isEmpty: Bool { decisions.isEmpty && truth.isEmpty }
    }

    public var ratings: MRMCRatings
    /// Per reader × arm, arms in design order, readers in design order within each.
    public var readerRecall: [Recall]
    /// Per arm: counts pooled over readers; sensitivity and specificity the mean of the readers'.
    public var armRecall: [Recall]

    /// The ratings of a fully crossed study with truth for every case; throws the missing ones
    /// (see `missing`) or MRMCRatings' own refusals (fewer than 2 readers, no cancer or no normal).
    public init(design: ReaderStudyDesign, reads: [ReadRecord], truth: [String: StudyTruth]) throws(StudyError) {
        try design.validate()
        let finals = Self.finalDecisions(design: design, reads: reads)
        let missing = Self.missing(design: design, finals: finals, truth: truth)
        if !missing.isEmpty { throw Self.error(design: design, missing: missing) }

        var rows: [MRMCRatings.Row] = []
        var readerRecall: [Recall] = [], armRecall: [Recall] = []
        rows.reserveCapacity(design.arms.count * design.readers.count * design.cases.count)
        for arm in design.arms {
            var pooled = ConfusionMatrix()
            var perReader: [Recall] = []
            for reader in design.readers {
                var counts = ConfusionMatrix()
                for uid in design.cases {
                    // Both lookups succeed: `missing` was empty.
                    guard let decision = finals[Cell(reader: reader, arm: arm, studyInstanceUID: uid)], let cancer = truth[uid]?.cancer else { continue }
                    rows.append(MRMCRatings.Row(reader: reader, modality: arm.rawValue, caseID: uid, truth: cancer, rating: Double(decision.suspicion)))
                    counts.add(positiveCall: decision.recall, isCancer: cancer)
                }
                pooled.truePositives += counts.truePositives
                pooled.falsePositives += counts.falsePositives
                pooled.trueNegatives += counts.trueNegatives
                pooled.falseNegatives += counts.falseNegatives
                perReader.append(Recall(reader: reader, arm: arm, counts: counts, sensitivity: counts.sensitivity, specificity: counts.specificity))
            }
            func mean(_ values: [Double?]) -> Double? {
                let known = values.compactMap { $0 }
                return known.isEmpty ? nil : known.reduce(0, +) / Double(known.count)
            }
            armRecall.append(Recall(reader: nil, arm: arm, counts: pooled,
                                    sensitivity: mean(perReader.map(\.sensitivity)), specificity: mean(perReader.map(\.specificity))))
            readerRecall += perReader
        }
        do {
            ratings = try MRMCRatings(rows: rows)
        } catch let error as StudyError {
            throw StudyError(context: "reader study \(PrintableText.clean(design.name))", reason: error.reason)
        } catch {
            throw StudyError(context: "reader study \(PrintableText.clean(design.name))", reason: "\(error)")
        }
        self.readerRecall = readerRecall
        self.armRecall = armRecall
    }

    /// What is left before the study can be analysed; empty when nothing is.
    public static func missing(design: ReaderStudyDesign, reads: [ReadRecord], truth: [String: StudyTruth]) -> Missing {
        missing(design: design, finals: finalDecisions(design: design, reads: reads), truth: truth)
    }

    /// How many names of missing decisions the error lists before "...".
    public static let namedInError = 5

    static func error(design: ReaderStudyDesign, missing: Missing) -> StudyError {
        let cells = design.arms.count * design.readers.count * design.cases.count
        var parts: [String] = []
        if !missing.decisions.isEmpty {
            let named = missing.decisions.prefix(namedInError).map {
                "reader \(PrintableText.clean($0.reader)) arm \($0.arm.rawValue) case \(PrintableText.clean($0.studyInstanceUID))"
            }
            parts.append("\(missing.decisions.count) of \(cells) reader × arm × case final decisions missing (\(named.joined(separator: "; "))\(missing.decisions.count > namedInError ? "; ..." : ""))")
        }
        if !missing.truth.isEmpty {
            let named = missing.truth.prefix(namedInError).map(PrintableText.clean)
            parts.append("\(missing.truth.count) of \(design.cases.count) cases without ground truth (\(named.joined(separator: ", "))\(missing.truth.count > namedInError ? ", ..." : ""); mammoterm truth import)")
        }
        return StudyError(context: "reader study \(PrintableText.clean(design.name))",
                          reason: "not fully crossed, the MRMC analysis needs every reader to read every case in every arm: " + parts.joined(separator: "; and "))
    }

    /// The current final decision per reader × arm × case of the design (revisions applied).
    private static func finalDecisions(design: ReaderStudyDesign, reads: [ReadRecord]) -> [Cell: ReaderDecision] {
        let readerSet = Set(design.readers), caseSet = Set(design.cases), armSet = Set(design.arms)
        let relevant = reads.filter {
            $0.stage == .final && readerSet.contains($0.reader) && caseSet.contains($0.studyInstanceUID) && armSet.contains($0.readingProtocol)
        }
        var finals: [Cell: ReaderDecision] = [:]
        for (record, _) in ReadRecord.latest(relevant) {
            finals[Cell(reader: record.reader, arm: record.readingProtocol, studyInstanceUID: record.studyInstanceUID)] = record.decision
        }
        return finals
    }

    private static func missing(design: ReaderStudyDesign, finals: [Cell: ReaderDecision], truth: [String: StudyTruth]) -> Missing {
        var decisions: [Cell] = []
        for arm in design.arms {
            for reader in design.readers {
                for uid in design.cases where finals[Cell(reader: reader, arm: arm, studyInstanceUID: uid)] == nil {
                    decisions.append(Cell(reader: reader, arm: arm, studyInstanceUID: uid))
                }
            }
        }
        return Missing(decisions: decisions, truth: design.cases.filter { truth[$0] == nil })
    }
}
