// The codes of the Mammography CAD SR templates (PS3.16 TID 4000–4020, CIDs 6014, 6016, 6034,
// 6042, 6047), exactly as DCMTK's dcmsr/codes/dcm.h and pydicom's concept dictionary spell them.
import MammoCore

extension SRCode {
    // Concept names (DCM).
    public static let mammographyCADReport = SRCode("111036", "DCM", "Mammography CAD Report")
    public static let imageLibrary = SRCode("111028", "DCM", "Image Library")
    public static let cadProcessingAndFindingsSummary = SRCode("111017", "DCM", "CAD Processing and Findings Summary")
    public static let individualImpressionRecommendation = SRCode("111034", "DCM", "Individual Impression/Recommendation")
    public static let singleImageFinding = SRCode("111059", "DCM", "Single Image Finding")
    public static let compositeFeature = SRCode("111015", "DCM", "Composite Feature")
    public static let renderingIntent = SRCode("111056", "DCM", "Rendering Intent")
    public static let certaintyOfFinding = SRCode("111012", "DCM", "Certainty of Finding")
    public static let probabilityOfCancer = SRCode("111047", "DCM", "Probability of cancer")
    public static let cadOperatingPoint = SRCode("111071", "DCM", "CAD Operating Point")
    public static let maximumCADOperatingPoint = SRCode("111072", "DCM", "Maximum CAD Operating Point")
    public static let recommendedCADOperatingPoint = SRCode("111092", "DCM", "Recommended CAD Operating Point")
    public static let center = SRCode("111010", "DCM", "Center")
    public static let outline = SRCode("111041", "DCM", "Outline")
    public static let algorithmName = SRCode("111001", "DCM", "Algorithm Name")
    public static let algorithmVersion = SRCode("111003", "DCM", "Algorithm Version")
    public static let algorithmParameters = SRCode("111002", "DCM", "Algorithm Parameters")
    public static let summaryOfDetections = SRCode("111064", "DCM", "Summary of Detections")
    public static let summaryOfAnalyses = SRCode("111065", "DCM", "Summary of Analyses")
    public static let successfulDetections = SRCode("111063", "DCM", "Successful Detections")
    public static let detectionPerformed = SRCode("111022", "DCM", "Detection Performed")
    public static let imageLaterality = SRCode("111027", "DCM", "Image Laterality")
    public static let imageView = SRCode("111031", "DCM", "Image View")
    public static let studyDate = SRCode("111060", "DCM", "Study Date")
    public static let horizontalPixelSpacing = SRCode("111026", "DCM", "Horizontal Pixel Spacing")
    public static let verticalPixelSpacing = SRCode("111066", "DCM", "Vertical Pixel Spacing")

    // CID 6047 CAD Processing and Findings Summary.
    public static let allAlgorithmsSucceededWithFindings = SRCode("111242", "DCM", "All algorithms succeeded; with findings")
    public static let allAlgorithmsSucceededWithoutFindings = SRCode("111241", "DCM", "All algorithms succeeded; without findings")
    // CID 6034 Intended Use of CAD Output.
    public static let presentationRequired = SRCode("111150", "DCM", "Presentation Required: Rendering device is expected to present")
    // CID 6042 Status of Results.
    public static let succeeded = SRCode("111222", "DCM", "Succeeded")

    public static let languageOfContent = SRCode("121049", "DCM", "Language of Content Item and Descendants")
    public static let english = SRCode("en", "RFC5646", "English")
    public static let impressionDescription = SRCode("111033", "DCM", "Impression Description")
    public static let certaintyOfFeature = SRCode("111011", "DCM", "Certainty of Feature")
    public static let compositeType = SRCode("111016", "DCM", "Composite type")
    public static let scopeOfFeature = SRCode("111057", "DCM", "Scope of Feature")
    public static let relatedSpatially = SRCode("111154", "DCM", "Target content items are related spatially")
    public static let featureDetectedOnMultipleImages = SRCode("111158", "DCM", "Feature detected on multiple images")
    public static let notAttempted = SRCode("111225", "DCM", "Not Attempted")

    // Units (UCUM).
    public static let percent = SRCode("%", "UCUM", "Percent")
    public static let millimetre = SRCode("mm", "UCUM", "millimeter")
    public static let noUnits = SRCode("1", "UCUM", "no units")

    // Laterality and view (SNOMED CT; SRT is the legacy scheme for the same concepts).
    public static let right = SRCode("24028007", "SCT", "Right")
    public static let left = SRCode("7771000", "SCT", "Left")
    public static let cranioCaudal = SRCode("399162004", "SCT", "cranio-caudal")
    public static let medioLateralOblique = SRCode("399368009", "SCT", "medio-lateral oblique")

    /// Finding types: CID 6014 (single image) and 6016 (composite) where they have the concept;
    /// both are extensible, and a mass or an untyped lesion is written with the SNOMED code that
    /// says so (README, "CAD SR").
    public static let mammographicBreastMass = SRCode("129788004", "SCT", "Mammographic breast mass")
    public static let calcificationCluster = SRCode("129769006", "SCT", "Calcification Cluster")
    public static let architecturalDistortion = SRCode("129792006", "SCT", "Architectural distortion of breast")
    public static let focalAsymmetry = SRCode("129789007", "SCT", "Focal asymmetric breast tissue")
    public static let lesion = SRCode("52988006", "SCT", "Lesion")

    /// The code written for a finding's kind (nil: the model does not say).
    public static func findingType(_ kind: FindingCategory?) -> SRCode {
        switch kind {
        case .mass: .mammographicBreastMass
        case .calcificationCluster: .calcificationCluster
        case .architecturalDistortion: .architecturalDistortion
        case .asymmetry: .focalAsymmetry
        case nil: .lesion
        }
    }

    /// The kind a finding type names, from any CAD system: SNOMED CT or its legacy SRT codes;
    /// nil for a type mammoterm has no category for.
    public var findingCategory: FindingCategory? {
        switch (Self.canonical(scheme), value) {
        // Mass, mammographic mass, and the single-view "density" CID 6014 uses for one.
        case ("SCT", "129788004"), ("SCT", "4147007"), ("SCT", "129793001"),
             ("SCT", "F-01791"), ("SCT", "M-03000"), ("SCT", "F-01796"): .mass
        // Calcification cluster, individual calcification.
        case ("SCT", "129769006"), ("SCT", "129770007"), ("SCT", "F-01775"), ("SCT", "F-01776"): .calcificationCluster
        case ("SCT", "129792006"), ("SCT", "F-01795"): .architecturalDistortion
        case ("SCT", "129789007"), ("SCT", "129790003"), ("SCT", "F-01792"), ("SCT", "F-01793"): .asymmetry
        default: nil
        }
    }

    /// The laterality a code names (SCT or SRT), nil for another code.
    public var side: Side? {
        switch value {
        case "24028007", "G-A100": .right
        case "7771000", "G-A101": .left
        default: nil
        }
    }

    /// The projection a code names (SCT or SRT), nil for another code.
    public var viewPosition: ViewPosition? {
        switch value {
        case "399162004", "R-10242": .cc
        case "399368009", "R-10226": .mlo
        default: nil
        }
    }
}
