// A report's patient and study attributes taken from the study it reports on, and its evidence
// from the study's images: what every SR mammoterm writes (CAD SR, report SR) shares.
import MammoCore

extension SRDocumentHeader {
    /// Patient and General Study attributes from one of the study's images; the person name as
    /// that image's file writes it ("FAMILY^GIVEN"; the library keeps a display form).
    public init(study image: ImageSummary) {
        self.init()
        studyInstanceUID = image.studyInstanceUID
        patientID = image.patientID
        patientName = (try? DicomHeaderReader.unchecked(path: image.path))?.patientName
            ?? image.patientName.replacingOccurrences(of: ", ", with: "^")
        patientBirthDate = image.patientBirthDate
        patientSex = "F"
        studyDate = image.studyDate
        studyTime = image.studyTime
        accessionNumber = image.accessionNumber
        studyID = String(image.accessionNumber.suffix(16))
    }
}

extension SRDocument {
    /// The image's SOP class, For Presentation when the library has none recorded.
    public static func sopClassUID(of image: ImageSummary) -> String {
        image.sopClassUID.isEmpty ? MammogramWriter.forPresentationSOPClass : image.sopClassUID
    }
}

extension SRDocument.Evidence {
    public init(_ image: ImageSummary) {
        self.init(studyInstanceUID: image.studyInstanceUID, seriesInstanceUID: image.seriesInstanceUID,
                  sopClassUID: SRDocument.sopClassUID(of: image), sopInstanceUID: image.sopInstanceUID)
    }
}
