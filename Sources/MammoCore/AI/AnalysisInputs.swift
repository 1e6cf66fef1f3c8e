// What drift monitoring needs beside an AI result (issue 18): the acquisition context from the
// headers and, per view, the view's score and input statistics measured in the same pass as
// the inference. Stored with the result (Store: ai_input, ai_view_input); absent for imported
// results, whose pixels we did not see through the model.

public struct AnalysisInputs: Codable, Hashable, Sendable {
    /// InstitutionName: the screening site; "" when the files do not say.
    public var institution: String
    public var manufacturer: String
    public var manufacturerModelName: String
    public var softwareVersions: String
    /// At the study date, from PatientAge or the birth date.
    public var ageYears: Int?
    public var views: [ViewInputs]

    public init(institution: String, manufacturer: String, manufacturerModelName: String, softwareVersions: String,
                ageYears: Int?, views: [ViewInputs]) {
        self.institution = institution
        self.manufacturer = manufacturer
        self.manufacturerModelName = manufacturerModelName
        self.softwareVersions = softwareVersions
        self.ageYears = ageYears
        self.views = views
    }

    /// "Manufacturer Model", the device as the monitor groups it.
    public var device: String {
        [manufacturer, manufacturerModelName].filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// The mean over views of one input statistic; nil when no view has it.
    public func mean(_ statistic: KeyPath<ViewInputs, Double?>) -> Double? {
        let values = views.compactMap { $0[keyPath: statistic] }
        return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }
}

/// One view: the model's score on it and what its pixels looked like going in.
public struct ViewInputs: Codable, Hashable, Sendable {
    public var view: ViewKey
    /// The view's map peak, 0–1.
    public var score: Double
    /// Breast-region stored values at the 5th, 50th and 95th percentile, as a share of the
    /// largest stored value (2^BitsStored − 1), tissue bright (MONOCHROME1 turned over).
    public var p05: Double?
    public var p50: Double?
    public var p95: Double?
    /// Detector noise σ in the same units (Immerkær's estimate inside the breast).
    public var noise: Double?
    public var breastAreaMM2: Double?
    /// Imager pixel spacing (row), mm.
    public var spacingMM: Double?
    public var kvp: Double?
    public var exposureMAs: Double?
    /// Compressed breast thickness, mm.
    public var thicknessMM: Double?

    public init(view: ViewKey, score: Double, p05: Double? = nil, p50: Double? = nil, p95: Double? = nil, noise: Double? = nil,
                breastAreaMM2: Double? = nil, spacingMM: Double? = nil, kvp: Double? = nil, exposureMAs: Double? = nil,
                thicknessMM: Double? = nil) {
        self.view = view; self.score = score; self.p05 = p05; self.p50 = p50; self.p95 = p95; self.noise = noise
        self.breastAreaMM2 = breastAreaMM2; self.spacingMM = spacingMM; self.kvp = kvp; self.exposureMAs = exposureMAs
        self.thicknessMM = thicknessMM
    }

    /// RCC, LCC, RMLO, LMLO, then any other view by name: the order views are listed in.
    public static func hangingOrder(_ a: ViewInputs, _ b: ViewInputs) -> Bool {
        let i = ViewKey.screening.firstIndex(of: a.view) ?? Int.max, j = ViewKey.screening.firstIndex(of: b.view) ?? Int.max
        return i != j ? i < j : a.view.label < b.view.label
    }
}
