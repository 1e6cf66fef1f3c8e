// One analysed exam as the monitor sees it: the AI's result, its inputs and context, and the reader's
// decision and outcome where they exist (the loader fills it from the library).

public struct MonitoredExam: Sendable, Hashable, Codable {
    public var studyInstanceUID: String
    /// "YYYYMMDD".
    public var studyDate: String
    /// InstitutionName; "" when unknown.
    public var site: String
    /// "Manufacturer Model"; "" when unknown.
    public var device: String
    public var ageYears: Int?
    /// "A"..."D".
    public var density: String?
    /// Calibrated exam probability of cancer, 0–1.
    public var probability: Double
    public var confidence: Double?
    public var views: [ViewObservation]
    /// probability >= the operating threshold in force.
    public var aiPositive: Bool
    /// Under the decision-referral normal-triage threshold (nil: no thresholds).
    public var triagedNormal: Bool?
    /// Above the safety-net threshold (nil: no thresholds).
    public var safetyNetAlert: Bool?
    /// The final reader decision, when read.
    public var reading: Reading?
    /// From ground truth / follow-up, when known.
    public var outcome: Outcome?

    public struct Reading: Sendable, Hashable, Codable {
        public var reader: String
        public var aiShown: Bool
        public var recalled: Bool

        public init(reader: String, aiShown: Bool, recalled: Bool) {
            self.reader = reader
            self.aiShown = aiShown
            self.recalled = recalled
        }
    }

    public struct Outcome: Sendable, Hashable, Codable {
        public var cancer: Bool
        /// Cancer found after a negative read.
        public var interval: Bool

        public init(cancer: Bool, interval: Bool) {
            self.cancer = cancer
            self.interval = interval
        }
    }

    public init(studyInstanceUID: String, studyDate: String, site: String, device: String, ageYears: Int?,
                density: String?, probability: Double, confidence: Double?, views: [ViewObservation],
                aiPositive: Bool, triagedNormal: Bool?, safetyNetAlert: Bool?, reading: Reading?, outcome: Outcome?) {
        self.studyInstanceUID = studyInstanceUID
        self.studyDate = studyDate
        self.site = site
        self.device = device
        self.ageYears = ageYears
        self.density = density
        self.probability = probability
        self.confidence = confidence
        self.views = views
        self.aiPositive = aiPositive
        self.triagedNormal = triagedNormal
        self.safetyNetAlert = safetyNetAlert
        self.reading = reading
        self.outcome = outcome
    }
}
