// What opening a study found out, off the UI loop: its files by view, each view's size, flips
// and window, the prior exam's files, and the findings of its views.
import Foundation
import MammoCore

public struct StudyDetails: Hashable, Sendable {
    public var studyUID: String
    public var files: [ViewKey: String]
    public var views: [ViewKey: ViewFacts]
    public var prior: PriorStudy?
    public var findings: [Finding]
    /// The study's latest AI result, when it has one.
    public var ai: AIAnalysis?
    /// The lesion score an AI finding needs to be listed (the model card's operating point,
    /// `ReadingService.lesionThresholds`); nil lists every candidate.
    public var lesionThreshold: Double?
    /// The score at which a mark is drawn as high (AIScoreBands.high); nil: half the scale.
    public var highScore: Double?
    /// AI candidates under `lesionThreshold`, left out of `findings` (0 while the AI is hidden).
    public var findingsBelowThreshold = 0
    /// Files that could not be read, with why (shown in the status line).
    public var problems: [String]
    /// Each view's breast as measured (nipple, chest wall): where a finding is in words.
    public var frames: [ViewKey: BreastFrame] = [:]

    public init(studyUID: String, files: [ViewKey: String], views: [ViewKey: ViewFacts] = [:], prior: PriorStudy? = nil,
                findings: [Finding] = [], ai: AIAnalysis? = nil, lesionThreshold: Double? = nil, problems: [String] = []) {
        self.ai = ai
        self.lesionThreshold = lesionThreshold
        self.studyUID = studyUID; self.files = files; self.views = views; self.prior = prior
        self.findings = findings; self.problems = problems
    }
}

extension StudyDetails {
    /// The details with no trace of the AI: its result and its findings removed (the rest
    /// renumbered), for a protocol that does not show it yet.
    public func withoutAI() -> StudyDetails {
        var copy = self
        copy.ai = nil
        copy.findingsBelowThreshold = 0
        copy.findings = findings.filter { $0.source != .ai }.enumerated().map { i, f in
            var f = f
            f.number = i + 1
            return f
        }
        return copy
    }

    /// The details with `ai` shown: its findings first (AIFindingList: in reading order with their
    /// numbers, those under the lesion threshold counted, not listed), then the others, numbered on.
    public func withAI(_ ai: AIAnalysis) -> StudyDetails {
        var copy = withoutAI()
        let list = AIFindingList(ai, views: Set(files.keys), threshold: lesionThreshold)
        var findings: [Finding] = []
        // The AI's rows keep their reading-order numbers (the marks on the picture and `findings`
        // give the same); the others follow the last.
        for n in list.shown { findings.append(Finding(number: n.number, ai: n.finding, view: n.finding.view)) }
        copy.findingsBelowThreshold = list.belowThreshold
        let last = findings.map(\.number).max() ?? 0
        for (i, var f) in copy.findings.enumerated() {
            f.number = last + i + 1
            findings.append(f)
        }
        copy.ai = ai
        copy.findings = findings
        return copy
    }

    /// How the AI's marks are drawn by score: the listing threshold and the high band.
    public var scoreBands: AIScoreBands { AIScoreBands(listing: lesionThreshold, high: highScore) }

    /// "12 below 0.030": AI candidates under the lesion threshold, not listed; nil when none.
    public var belowThresholdLabel: String? {
        guard findingsBelowThreshold > 0, let lesionThreshold else { return nil }
        return "\(findingsBelowThreshold) below \(String(format: "%.3f", lesionThreshold))"
    }

    /// The details without ground-truth findings (a reading session must not give the answer away).
    public func withoutTruth() -> StudyDetails {
        var copy = self
        copy.findings = findings.filter { $0.source != .truth }.enumerated().map { i, f in
            var f = f
            f.number = i + 1
            return f
        }
        return copy
    }
}

extension StudyDetails {
    /// Where `finding` is in a report's words, the clock from its other view where the same lesion
    /// is listed there (the AI's CC–MLO pair, or the truth's lesion id); nil without its view's frame.
    public func location(of finding: Finding) -> LesionLocation? {
        guard frames[finding.view] != nil else { return nil }
        let other = findings.first { o in
            o.view.side == finding.view.side && o.view.view != finding.view.view && o.source == finding.source
                && (finding.source == .ai ? (o.pair != nil && o.pair == finding.pair) : o.lesionID == finding.lesionID)
        }
        let partner = other.flatMap { o in frames[o.view].map { (o.box.center, $0) } }
        return LesionLocation.locate(finding.box.center, in: frames[finding.view], side: finding.view.side, other: partner)
    }

    /// The finding's box in millimetres ("13.4 × 13.4 mm"), from its view's spacing; nil without one.
    public func sizeText(of finding: Finding) -> String? {
        guard let mm = views[finding.view]?.pixelSpacing, mm > 0, mm.isFinite else { return nil }
        return String(format: "%.1f × %.1f mm", finding.box.width * mm, finding.box.height * mm)
    }
}
