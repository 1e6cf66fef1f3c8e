// What opening a study found out, off the UI loop: its files by view, each view's size, flips
// and window, the prior exam's files, and the findings of its views.
import MammoCore

public struct StudyDetails: Hashable, Sendable {
    public var studyUID: String
    public var files: [ViewKey: String]
    public var views: [ViewKey: ViewFacts]
    public var prior: PriorStudy?
    public var findings: [Finding]
    /// The study's latest AI result, when it has one.
    public var ai: AIAnalysis?
    /// Files that could not be read, with why (shown in the status line).
    public var problems: [String]

    public init(studyUID: String, files: [ViewKey: String], views: [ViewKey: ViewFacts] = [:], prior: PriorStudy? = nil,
                findings: [Finding] = [], ai: AIAnalysis? = nil, problems: [String] = []) {
        self.ai = ai
        self.studyUID = studyUID; self.files = files; self.views = views; self.prior = prior
        self.findings = findings; self.problems = problems
    }
}
