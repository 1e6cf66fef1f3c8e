// The codes of the Breast Imaging Report templates (PS3.16 TID 4200–4208) mammoterm writes, with
// the context groups they are drawn from (CID 6000, 6022, 6027, 6028, 6050–6053), as DCMTK's
// dcmsr/codes/dcm.h, pydicom's concept dictionary and the published CID tables spell them.
import MammoCore

extension SRCode {
    // Concept names (TID 4200, 4201, 4202, 4203, 4205, 4208).
    public static let breastImagingReport = SRCode("111400", "DCM", "Breast Imaging Report")
    public static let supplementaryData = SRCode("111414", "DCM", "Supplementary Data")
    public static let overallAssessment = SRCode("111413", "DCM", "Overall Assessment")
    public static let assessmentCategory = SRCode("111005", "DCM", "Assessment Category")
    public static let recommendedFollowUp = SRCode("111053", "DCM", "Recommended Follow-up")
    public static let procedureReported = SRCode("121058", "DCM", "Procedure reported")
    public static let indicationsForProcedure = SRCode("18785-6", "LN", "Indications for Procedure")
    /// Both the section (TID 4205 row 1) and its coded entry (row 2); 111006 DCM is the retired code.
    public static let breastComposition = SRCode("129715009", "SCT", "Breast composition")
    public static let laterality = SRCode("272741003", "SCT", "Laterality")
    /// TID 4202: the narrative section (CID 6052) and its text (CID 6053).
    public static let impressions = SRCode("19005-8", "LN", "Impressions")
    public static let impression = SRCode("121073", "DCM", "Impression")

    // TID 1002 Observer Context.
    public static let observerType = SRCode("121005", "DCM", "Observer Type")
    public static let person = SRCode("121006", "DCM", "Person")
    public static let personObserverName = SRCode("121008", "DCM", "Person Observer Name")

    // CID 6050 Breast Procedure Reported and CID 6051 Breast Procedure Reason.
    public static let bilateralMammogram = SRCode("36626-0", "LN", "breast - bilateral mammogram")
    public static let screening = SRCode("360156006", "SCT", "Screening")

    /// CID 6022 Side: the breast's own laterality codes. The general Right/Left (24028007,
    /// 7771000) are CID 244's, which TID 4203 and 4205 do not name.
    public static let rightBreast = SRCode("73056007", "SCT", "Right breast")
    public static let leftBreast = SRCode("80248007", "SCT", "Left breast")
    public static let bothBreasts = SRCode("63762007", "SCT", "Both breasts")
    public static let breastSides: Set<SRCode> = [.rightBreast, .leftBreast, .bothBreasts]

    /// CID 6027 Assessment from BI-RADS (included in CID 6026 Mammography Assessment), the
    /// meanings of the BI-RADS 5th edition as the CID gives them. 4A–4C and 6 have no SNOMED
    /// concept: the CID takes them from the ACR's own scheme (designator BI).
    public static func assessment(_ birads: BIRADS) -> SRCode {
        switch birads {
        case .category0: SRCode("397138000", "SCT", "0 - Incomplete - Need additional imaging evaluation +/- priors")
        case .category1: SRCode("397140005", "SCT", "1 - Negative")
        case .category2: SRCode("397141009", "SCT", "2 - Benign")
        case .category3: SRCode("397143007", "SCT", "3 - Probably Benign")
        case .category4: SRCode("397144001", "SCT", "4 - Suspicious")
        case .category4A: SRCode("MA.II.A.5.4A", "BI", "4A - Low suspicion")
        case .category4B: SRCode("MA.II.A.5.4B", "BI", "4B - Intermediate suspicion")
        case .category4C: SRCode("MA.II.A.5.4C", "BI", "4C - Moderate suspicion")
        case .category5: SRCode("397145000", "SCT", "5 - Highly suggestive of malignancy")
        case .category6: SRCode("MA.II.A.5.6", "BI", "6 - Known biopsy proven malignancy")
        }
    }
    public static let mammographyAssessments: Set<SRCode> = Set(BIRADS.allCases.map(assessment))

    /// CID 6000 Overall Breast Composition (and 6001, the same four): ACR BI-RADS a–d.
    public static func composition(_ density: BreastDensity) -> SRCode {
        switch density {
        case .a: SRCode("129716005", "SCT", "Almost entirely fat")
        case .b: SRCode("129717001", "SCT", "Scattered fibroglandular densities")
        case .c: SRCode("129718006", "SCT", "Heterogeneously dense")
        case .d: SRCode("129719003", "SCT", "Extremely dense")
        }
    }
    public static let breastCompositions: Set<SRCode> = Set(BreastDensity.allCases.map(composition))

    // CID 6028 Mammography Recommended Follow-up: the three a screening read can ask for.
    public static let normalIntervalFollowUp = SRCode("111140", "DCM", "Normal interval follow-up")
    public static let shortIntervalFollowUp = SRCode("111142", "DCM", "Follow-up at short interval (1-11 months)")
    public static let additionalProjections = SRCode("111135", "DCM", "Additional projections")
    public static let screeningFollowUps: Set<SRCode> = [.normalIntervalFollowUp, .shortIntervalFollowUp, .additionalProjections]

    /// The BI-RADS category a CID 6027 code names (nil for another code).
    public var biradsCategory: BIRADS? { BIRADS.allCases.first { Self.assessment($0).means(self) } }

    /// The ACR density a CID 6000 code names (nil for another code).
    public var breastDensity: BreastDensity? { BreastDensity.allCases.first { Self.composition($0).means(self) } }
}
