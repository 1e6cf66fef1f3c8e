// Finding the library image an imported row means: by SOP Instance UID first, else by study (or
// patient) plus breast and view. Several candidates are ambiguous and reported, never guessed.
import MammoCore

public struct AnnotationImageIndex: Sendable {
    public private(set) var images: [AnnotationImage]
    private var bySOP: [String: AnnotationImage] = [:]

    public init(_ images: [AnnotationImage]) {
        self.images = images
        for image in images where bySOP[image.sopInstanceUID] == nil { bySOP[image.sopInstanceUID] = image }
    }

    public func image(sopInstanceUID: String) -> AnnotationImage? { bySOP[sopInstanceUID] }

    /// The one image of the study with that breast and view; the reason when there is none or several.
    public func image(studyInstanceUID: String, key: ViewKey) -> Result<AnnotationImage, AnnotationError> {
        unique(images.filter { $0.studyInstanceUID == studyInstanceUID && $0.viewKey == key },
               what: "study \(PrintableText.clean(studyInstanceUID)) \(key.label)")
    }

    /// The one image of the patient with that breast and view. CBIS-DDSM's files carry patient ids such
    /// as "Mass-Training_P_00001_LEFT_CC" for the CSV's "P_00001": those match too.
    /// `seriesHints` (UIDs found in the row's image path) pick one image when several match.
    public func image(patientID: String, key: ViewKey, seriesHints: [String] = []) -> Result<AnnotationImage, AnnotationError> {
        let hinted = images.filter { seriesHints.contains($0.seriesInstanceUID) && $0.viewKey == key }
        if hinted.count == 1, let only = hinted.first { return .success(only) }
        let candidates = images.filter { $0.viewKey == key && Self.samePatient($0.patientID, patientID) }
        return unique(candidates, what: "patient \(PrintableText.clean(patientID)) \(key.label)")
    }

    static func samePatient(_ stored: String, _ wanted: String) -> Bool {
        guard !wanted.isEmpty else { return false }
        return stored == wanted || stored.hasSuffix("_" + wanted) || stored.contains("_" + wanted + "_")
    }

    private func unique(_ candidates: [AnnotationImage], what: String) -> Result<AnnotationImage, AnnotationError> {
        switch candidates.count {
        case 1: return .success(candidates[0])
        case 0: return .failure(AnnotationError(field: "image", reason: "no image of \(what) in the library"))
        default: return .failure(AnnotationError(field: "image", reason: "\(candidates.count) images of \(what) in the library; cannot tell which"))
        }
    }
}
