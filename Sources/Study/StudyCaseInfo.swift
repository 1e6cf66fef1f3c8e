// What the report and exports know about one exam besides the reads: ground truth, the AI alone
// and subgroup attributes. The command line fills it from the library (truth, latest AI result,
// patient age); Study stays free of storage.
import MammoCore

public struct StudyCaseInfo: Sendable, Hashable {
    public var studyInstanceUID: String
    /// nil when no ground truth was imported for the exam.
    public var truth: StudyTruth?
    /// Latest AI exam score (0–1), its threshold and "model version", nil before analysis.
    public var aiScore: Double?
    public var aiThreshold: Double?
    public var aiModel: String?
    /// Whole years at the exam, nil when unknown.
    public var patientAge: Int?
    /// Equipment and place, nil when the library does not know them.
    public var manufacturer: String?
    public var site: String?

    public init(studyInstanceUID: String, truth: StudyTruth? = nil, aiScore: Double? = nil, aiThreshold: Double? = nil,
                aiModel: String? = nil, patientAge: Int? = nil, manufacturer: String? = nil, site: String? = nil) {
        self.studyInstanceUID = studyInstanceUID
        self.truth = truth
        self.aiScore = aiScore
        self.aiThreshold = aiThreshold
        self.aiModel = aiModel
        self.patientAge = patientAge
        self.manufacturer = manufacturer
        self.site = site
    }

    /// The AI's call when no threshold is stored with its result.
    public static let defaultAIThreshold = 0.5

    /// Recall by the AI alone: score >= its threshold (0.5 when none is stored).
    public var aiRecall: Bool? { aiScore.map { $0 >= (aiThreshold ?? Self.defaultAIThreshold) } }

    /// "<40", "40-49", "50-59", "60-69", "70+"; nil when the age is unknown.
    public var ageBand: String? {
        guard let age = patientAge else { return nil }
        switch age {
        case ..<40: return "<40"
        case 70...: return "70+"
        default: let low = age / 10 * 10; return "\(low)-\(low + 9)"
        }
    }

    /// Subgroup name -> value, for the attributes known: "density", "ageBand", "manufacturer", "site".
    public var subgroups: [String: String] {
        var out: [String: String] = [:]
        if let density = truth?.density { out["density"] = density.rawValue }
        if let band = ageBand { out["ageBand"] = band }
        if let manufacturer, !manufacturer.isEmpty { out["manufacturer"] = manufacturer }
        if let site, !site.isEmpty { out["site"] = site }
        return out
    }

    /// Subgroup names in report order.
    public static let subgroupOrder = ["density", "ageBand", "manufacturer", "site"]
}
