// Everything needed to render and write one synthetic exam (four views), decided before any
// pixel is made so the plan alone fixes the output.
import MammoCore

public struct ExamPlan: Sendable {
    public var patientID: String
    public var isPrior: Bool
    public var studyDate: String
    public var studyTime: String
    public var studyInstanceUID: String
    public var seriesInstanceUID: String
    public var accessionNumber: String
    /// The patient's prior exam, when this is a current exam that has one.
    public var priorStudyInstanceUID: String?
    public var lesions: [LesionSpec]
    /// How each view was positioned; priors differ from the current exam by a few mm.
    public var positioning: [ViewKey: Positioning]
    public var noiseSeed: UInt64

    /// A malignant lesion is visible in this exam.
    public var cancer: Bool { lesions.contains { $0.pathology == .malignant } }

    /// The reference assessment a reader who knew the truth would give (see Study's `GroundTruthFile`).
    public var birads: BIRADS {
        let malignant = lesions.filter { $0.pathology == .malignant }
        guard !malignant.isEmpty else { return lesions.isEmpty ? .category1 : .category2 }
        return malignant.map { ExamPlan.assessment(of: $0, isPrior: isPrior) }.max() ?? .category4A
    }

    static func assessment(of lesion: LesionSpec, isPrior: Bool) -> BIRADS {
        var level: BIRADS
        switch lesion.shape {
        case .spiculated: level = .category5
        case .irregular: level = .category4C
        case .pleomorphic: level = lesion.diameterMM >= 7 ? .category4C : .category4B
        default: level = .category4A
        }
        // A smaller, earlier lesion on a prior looks less suspicious: one step down.
        if isPrior {
            switch level {
            case .category5: level = .category4C
            case .category4C: level = .category4B
            default: level = .category4A
            }
        }
        return level
    }
}
