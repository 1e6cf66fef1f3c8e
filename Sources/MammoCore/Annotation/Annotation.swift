// One lesion an annotator drew on one image: the shape in stored-image pixels, what it is, who
// drew it and when, the link to the same lesion on the breast's other view, and whether a
// reviewer accepted it as ground truth. Kept in the library (Store, table `annotation`) and
// exported as VinDr-style CSV, COCO JSON or the project's own JSON.

public struct Annotation: Codable, Hashable, Sendable, Identifiable {
    /// A UUID, stable across export and import (the project's JSON round-trips it).
    public var id: String
    public var studyInstanceUID: String
    /// The image's SOP Instance UID: VinDr's `image_id`.
    public var sopInstanceUID: String
    public var view: ViewKey
    public var shape: AnnotationShape
    public var category: FindingCategory
    public var birads: BIRADS?
    public var pathology: Pathology?
    /// Printable text only (`PrintableText.clean`), at most `noteLimit` characters.
    public var note: String
    /// Who drew it (a login or reader name, printable).
    public var annotator: String
    public var createdAt: Timestamp
    public var modifiedAt: Timestamp
    /// Shared by the marks of one lesion across the CC and MLO views of a breast (nil: not linked).
    public var lesionID: String?
    /// The reviewer who accepted the mark as ground truth, and when (nil: not accepted).
    public var acceptedBy: String?
    public var acceptedAt: Timestamp?

    public static let noteLimit = 200

    public init(id: String, studyInstanceUID: String, sopInstanceUID: String, view: ViewKey, shape: AnnotationShape,
                category: FindingCategory, birads: BIRADS? = nil, pathology: Pathology? = nil, note: String = "",
                annotator: String, createdAt: Timestamp, modifiedAt: Timestamp? = nil, lesionID: String? = nil,
                acceptedBy: String? = nil, acceptedAt: Timestamp? = nil) {
        self.id = id
        self.studyInstanceUID = studyInstanceUID
        self.sopInstanceUID = sopInstanceUID
        self.view = view
        self.shape = shape
        self.category = category
        self.birads = birads
        self.pathology = pathology
        self.note = note
        self.annotator = annotator
        self.createdAt = createdAt
        self.modifiedAt = modifiedAt ?? createdAt
        self.lesionID = lesionID
        self.acceptedBy = acceptedBy
        self.acceptedAt = acceptedAt
    }

    public var isAccepted: Bool { acceptedBy != nil }

    /// A note made safe to keep and show: control and escape characters dropped, trimmed, at most `noteLimit`.
    public static func cleanNote(_ text: String) -> String {
        String(PrintableText.clean(text).trimmingCharacters(in: .whitespaces).prefix(noteLimit))
    }

    /// A view label read from a file ("RCC", exactly as ViewKey writes it), or the error naming the field.
    public static func view(_ text: String, field: String = "view") throws(AnnotationError) -> ViewKey {
        guard let key = ViewKey(label: text), key.label == text else {
            throw AnnotationError(field: field, reason: "\"\(PrintableText.clean(text))\" is not \(ViewKey.codedTextExpectation)")
        }
        return key
    }

    /// A time read from a file, or the error naming the field.
    public static func time(_ text: String, field: String) throws(AnnotationError) -> Timestamp {
        guard let stamp = Timestamp(text: text) else {
            throw AnnotationError(field: field, reason: "\"\(PrintableText.clean(text))\" is not \(Timestamp.codedTextExpectation)")
        }
        return stamp
    }

    /// Throws unless the ids, view, annotator and note are sound and the shape fits an image of `size`
    /// (nil: size unknown, only finiteness checked).
    public func validate(imageSize size: PixelSize? = nil) throws(AnnotationError) {
        guard !id.isEmpty else { throw AnnotationError(field: "id", reason: "is empty") }
        guard !studyInstanceUID.isEmpty, !sopInstanceUID.isEmpty else {
            throw AnnotationError(field: "image", reason: "the study and image UIDs must not be empty")
        }
        guard !annotator.isEmpty, PrintableText.clean(annotator) == annotator else {
            throw AnnotationError(field: "annotator", reason: "must be printable text, not empty")
        }
        guard note == Self.cleanNote(note) else {
            throw AnnotationError(field: "note", reason: "must be printable text of at most \(Self.noteLimit) characters")
        }
        try shape.validate(in: size)
    }
}

import Foundation
