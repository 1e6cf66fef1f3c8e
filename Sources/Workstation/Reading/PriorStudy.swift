// The prior exam found for a study: what the comparison layout hangs beside it.
import MammoCore

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
