// What opening a study found out, off the UI loop: its files by view, each view's size, flips
// and window, the prior exam's files, and the findings of its views.
import MammoCore

public struct StudyDetails: Hashable, Sendable {
    public var studyUID: String
    public var files: [ViewKey: String]
    public var views: [ViewKey: ViewFacts]
    public var prior: PriorStudy?
    public var findings: [Finding]
    /// Files that could not be read, with why (shown in the status line).
    public var problems: [String]

    public init(studyUID: String, files: [ViewKey: String], views: [ViewKey: ViewFacts] = [:], prior: PriorStudy? = nil,
                findings: [Finding] = [], problems: [String] = []) {
        self.studyUID = studyUID; self.files = files; self.views = views; self.prior = prior
        self.findings = findings; self.problems = problems
    }
}

/// The same patient's previous exam, for side-by-side comparison.
public struct PriorStudy: Hashable, Sendable {
    public var studyUID: String
    /// DICOM DA "YYYYMMDD" or empty.
    public var studyDate: String
    public var files: [ViewKey: String]

    public init(studyUID: String, studyDate: String, files: [ViewKey: String]) {
        self.studyUID = studyUID; self.studyDate = studyDate; self.files = files
    }
}
