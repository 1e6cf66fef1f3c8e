// What to synthesise: how many screening exams, from which seed, on which detector grid, at which
// site and on which system, over which weeks, and for what population.
import MammoCore

public struct SynthOptions: Sendable, Equatable {
    /// Current screening exams; priors come on top of these.
    public var examCount: Int
    public var seed: UInt64
    public var size: DetectorSize
    /// Share of patients that also get a prior exam (at least one when there are 3 or more exams).
    public var priorShare: Double
    /// Shares of exams with a cancer and with benign findings only; the rest are normal.
    public var cancerShare: Double
    public var benignShare: Double
    /// The system that acquires every image.
    public var profile: AcquisitionProfile
    /// Written as InstitutionName; nil: none.
    public var site: String?
    /// Current exams' study dates spread over this many weeks from `startDate`; nil: over a year.
    public var weeks: Int?
    /// "YYYYMMDD": the first day current exams are dated; nil: 2025-01-06.
    public var startDate: String?
    /// Shares of BI-RADS density categories (summing to 1); nil: about 15/35/35/15 % with every
    /// category among the first four patients.
    public var densityMix: [BreastDensity: Double]?

    public init(examCount: Int, seed: UInt64, size: DetectorSize = .small, priorShare: Double = 0.3,
                cancerShare: Double = 0.3, benignShare: Double = 0.3, profile: AcquisitionProfile = .default,
                site: String? = nil, weeks: Int? = nil, startDate: String? = nil,
                densityMix: [BreastDensity: Double]? = nil) {
        self.examCount = examCount; self.seed = seed; self.size = size; self.priorShare = priorShare
        self.cancerShare = cancerShare; self.benignShare = benignShare
        self.profile = profile; self.site = site; self.weeks = weeks; self.startDate = startDate
        self.densityMix = densityMix
    }

    /// Share of current exams with a cancer (the same number as `cancerShare`).
    public var prevalence: Double {
        get { cancerShare }
        set { cancerShare = newValue }
    }

    /// What sets a run apart from the default run beyond its seed: mixed into every UID and
    /// patient ID, so runs for other sites, systems or dates never collide. Empty for the
    /// default run, which keeps today's identifiers.
    public var identityTag: String {
        var parts: [String] = []
        if let site, !site.isEmpty { parts.append("site=\(site)") }
        if profile.name != AcquisitionProfile.default.name { parts.append("profile=\(profile.name)") }
        if let startDate { parts.append("start=\(startDate)") }
        if let weeks { parts.append("weeks=\(weeks)") }
        return parts.joined(separator: ";")
    }

    /// Six hex digits from `identityTag` put in patient IDs and accession numbers; empty by default.
    public var identityCode: String {
        let tag = identityTag
        guard !tag.isEmpty else { return "" }
        let digits = String(SynthRandom.key(0, tag) >> 40, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// Whether `text` is a calendar date as DICOM writes it ("YYYYMMDD").
    public static func isDate(_ text: String) -> Bool { CivilDate(dicom: text) != nil }

    /// Seeds the women, their findings and dates: another site or start date is another
    /// population; another system at the same site images the same women.
    var populationSeed: UInt64 {
        var parts: [String] = []
        if let site, !site.isEmpty { parts.append("site=\(site)") }
        if let startDate { parts.append("start=\(startDate)") }
        return parts.isEmpty ? seed : SynthRandom.key(seed, "population;" + parts.joined(separator: ";"))
    }
}
