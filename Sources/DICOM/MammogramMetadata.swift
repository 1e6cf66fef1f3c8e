// What a written mammogram says about itself: patient, study, view, geometry, window and the
// acquisition context (site, system, exposure).
import MammoCore

public struct MammogramMetadata: Sendable {
    public var patientID: String
    /// DICOM person name, "FAMILY^GIVEN".
    public var patientName: String
    /// YYYYMMDD
    public var patientBirthDate: String
    public var studyInstanceUID: String
    public var seriesInstanceUID: String
    public var sopInstanceUID: String
    /// YYYYMMDD and HHMMSS
    public var studyDate: String
    public var studyTime: String
    public var studyDescription: String
    public var accessionNumber: String
    public var seriesNumber: Int
    public var instanceNumber: Int
    public var viewKey: ViewKey
    /// Significant bits (e.g. 12 or 14); BitsAllocated is always 16, unsigned MONOCHROME2.
    public var bitsStored: Int
    /// Written as Imager Pixel Spacing and Pixel Spacing, in mm.
    public var pixelSpacing: PixelSpacing
    public var windowCenter: Double
    public var windowWidth: Double
    /// mm
    public var bodyPartThickness: Double?
    /// N
    public var compressionForce: Double?
    public var implantPresent: Bool
    public var manufacturer: String
    /// InstitutionName (0008,0080): the site; not written when empty.
    public var institutionName = ""
    /// ManufacturerModelName (0008,1090) and SoftwareVersions (0018,1020, values joined with "\");
    /// not written when empty.
    public var manufacturerModelName = ""
    public var softwareVersions = ""
    /// KVP (0018,0060).
    public var kvp: Double = 28
    /// Exposure (0018,1152) in mAs, and ExposureInuAs (0018,1153) from it; not written when nil.
    public var exposureMAs: Int?
    /// The pixels are stored mirrored left to right (as some systems store one side): PatientOrientation's
    /// row direction says so (A for P), and a viewer flips the image back.
    public var mirroredStorage = false

    public init(
        patientID: String, patientName: String, patientBirthDate: String,
        studyInstanceUID: String, seriesInstanceUID: String, sopInstanceUID: String,
        studyDate: String, studyTime: String, studyDescription: String, accessionNumber: String,
        seriesNumber: Int, instanceNumber: Int, viewKey: ViewKey, bitsStored: Int,
        pixelSpacing: PixelSpacing, windowCenter: Double, windowWidth: Double,
        bodyPartThickness: Double? = nil, compressionForce: Double? = nil,
        implantPresent: Bool = false, manufacturer: String = "mammoterm synth"
    ) {
        self.patientID = patientID; self.patientName = patientName; self.patientBirthDate = patientBirthDate
        self.studyInstanceUID = studyInstanceUID; self.seriesInstanceUID = seriesInstanceUID
        self.sopInstanceUID = sopInstanceUID; self.studyDate = studyDate; self.studyTime = studyTime
        self.studyDescription = studyDescription; self.accessionNumber = accessionNumber
        self.seriesNumber = seriesNumber; self.instanceNumber = instanceNumber; self.viewKey = viewKey
        self.bitsStored = bitsStored; self.pixelSpacing = pixelSpacing
        self.windowCenter = windowCenter; self.windowWidth = windowWidth
        self.bodyPartThickness = bodyPartThickness; self.compressionForce = compressionForce
        self.implantPresent = implantPresent; self.manufacturer = manufacturer
    }

    /// PatientAge (0010,1010) as DICOM AS, "058Y": completed years at the study date; nil when
    /// either date does not parse.
    public var patientAge: String? {
        guard let years = DicomHeader.completedYears(birthDate: patientBirthDate, at: studyDate), (0...999).contains(years) else { return nil }
        let digits = String(years)
        return String(repeating: "0", count: 3 - digits.count) + digits + "Y"
    }

    /// PatientOrientation for images stored in the standard orientation (DOMAIN.md):
    /// the chest wall on the right edge for right breasts and on the left for left breasts.
    public var patientOrientation: String {
        let standard = switch (viewKey.side, viewKey.view) {
        case (.right, .mlo): "P\\FL"
        case (.left, .mlo): "A\\FR"
        case (.right, _): "P\\L"
        case (.left, _): "A\\R"
        }
        guard mirroredStorage else { return standard }
        return (standard.hasPrefix("P") ? "A" : "P") + standard.dropFirst()
    }
}

/// Lossless encodings the writer offers.
public enum DicomCompression: String, Sendable, CaseIterable {
    case none
    case rle
    case jpegLS = "jpeg-ls"
}
