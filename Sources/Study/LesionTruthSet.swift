// The lesions of a synthetic set's `ground-truth.json` (GroundTruthFile), read for overlays: per
// image (by SOP Instance UID) the lesions' outlines as truth marks.
import Foundation
import MammoCore

public struct LesionTruthSet: Sendable, Equatable {
    public var path: String
    /// Truth marks by SOP Instance UID; an image of the set without lesions has an empty list.
    public var marksByImage: [String: [LesionMark]]

    /// The marks for one image; nil when the set does not hold the image.
    public func marks(forImage sopInstanceUID: String) -> [LesionMark]? { marksByImage[sopInstanceUID] }

    /// The nearest `ground-truth.json` in `folder` or up to four folders above it (a set's exams
    /// lie in PATIENT/DATE folders below it); nil when there is none.
    public static func locate(near folder: String) -> String? {
        var url = URL(fileURLWithPath: folder)
        for _ in 0..<5 {
            let candidate = url.appendingPathComponent(GroundTruthFile.fileName).path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            url.deleteLastPathComponent()
        }
        return nil
    }

    public static func read(path: String) throws(StudyError) -> LesionTruthSet {
        LesionTruthSet(file: try GroundTruthFile.read(path: path), path: path)
    }

    public static func decode(_ data: Data, path: String) throws(StudyError) -> LesionTruthSet {
        LesionTruthSet(file: try GroundTruthFile.decode(data, path: path), path: path)
    }

    public init(file: GroundTruthFile, path: String) {
        var marks: [String: [LesionMark]] = [:]
        for exam in file.exams {
            for image in exam.images {
                marks[image.sopInstanceUID] = exam.lesions.enumerated().compactMap { index, lesion in
                    lesion.view(image.viewKey).map { Self.mark(lesion, number: index + 1, in: $0) }
                }
            }
        }
        self.path = path
        self.marksByImage = marks
    }

    /// "M1 spiculated malignant", "C2 pleomorphic benign": the number is the lesion's place in its exam.
    static func mark(_ lesion: GroundTruthFile.Lesion, number: Int, in view: GroundTruthFile.LesionView) -> LesionMark {
        let prefix = lesion.type == .calcificationCluster ? "C" : "M"
        return LesionMark(id: lesion.id, label: "\(prefix)\(number) \(lesion.shape) \(lesion.pathology.rawValue)", source: .truth,
                          kind: lesion.type, malignant: lesion.pathology == .malignant, box: view.box, outline: view.outlinePoints)
    }
}
