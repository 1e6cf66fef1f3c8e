// What annotating a study needs from the library, read off the loop in one go: every mark of
// the study (all annotators) and the image UID behind each screening view.
import MammoCore
import Store

public struct AnnotationLibraryView: Equatable, Sendable {
    public var marks: [Annotation]
    public var images: [ViewKey: String]

    public init(marks: [Annotation], images: [ViewKey: String]) {
        self.marks = marks
        self.images = images
    }

    /// Reads them (slow on a network library: call it in an effect).
    static func read(studyUID: String, from library: Database) throws(StoreError) -> AnnotationLibraryView {
        let marks = try library.annotations(studyInstanceUID: studyUID)
        var images: [ViewKey: String] = [:]
        for image in try library.images(studyInstanceUID: studyUID) {
            guard let key = image.viewKey, ViewKey.screening.contains(key), images[key] == nil else { continue }
            images[key] = image.sopInstanceUID
        }
        return AnnotationLibraryView(marks: marks, images: images)
    }
}
