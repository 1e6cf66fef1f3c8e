// The lesions of a synthetic set's `ground-truth.json`, read for overlays: per image (by SOP
// Instance UID) the lesions' outlines as truth marks. The format ("mammoterm-synth-ground-truth",
// version 1) is documented where it is written, Sources/Synth/SynthGroundTruth.swift; this reader
// takes only what a picture needs, so reading screens need not depend on the generator.
import Foundation
import MammoCore

public struct LesionTruthSet: Sendable, Equatable {
    public static let fileName = "ground-truth.json"
    public static let formatName = "mammoterm-synth-ground-truth"
    public static let knownVersion = 1

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
            let candidate = url.appendingPathComponent(fileName).path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            url.deleteLastPathComponent()
        }
        return nil
    }

    public static func read(path: String) throws(StudyError) -> LesionTruthSet {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StudyError(context: "ground truth", path: path, reason: "cannot be read")
        }
        return try decode(data, path: path)
    }

    /// Refuses other formats and newer versions by name, so a broken file is reported, not skipped.
    public static func decode(_ data: Data, path: String) throws(StudyError) -> LesionTruthSet {
        let file: File
        do {
            let stamp = try JSONDecoder().decode(Stamp.self, from: data)
            guard stamp.format == formatName else {
                throw StudyError(context: "ground truth", path: path,
                                 reason: "format is \(stamp.format.map { "\"\($0)\"" } ?? "missing"), expected \"\(formatName)\"")
            }
            guard let version = stamp.version, version <= knownVersion else {
                throw StudyError(context: "ground truth", path: path,
                                 reason: "version \(stamp.version.map(String.init) ?? "missing") is newer than this mammoterm reads (\(knownVersion)); update mammoterm")
            }
            file = try JSONDecoder().decode(File.self, from: data)
        } catch let error as StudyError {
            throw error
        } catch {
            throw StudyError(context: "ground truth", path: path, reason: "malformed: \(error)")
        }
        var marks: [String: [LesionMark]] = [:]
        for exam in file.exams {
            for image in exam.images {
                marks[image.sopInstanceUID] = exam.lesions.enumerated().compactMap { index, lesion in
                    lesion.views[image.viewKey].map { lesion.mark(number: index + 1, in: $0) }
                }
            }
        }
        return LesionTruthSet(path: path, marksByImage: marks)
    }

    private struct Stamp: Decodable { var format: String?; var version: Int? }

    private struct File: Decodable {
        var exams: [Exam]
    }

    private struct Exam: Decodable {
        var images: [Image]
        var lesions: [Lesion]
    }

    private struct Image: Decodable {
        var viewKey: String
        var sopInstanceUID: String
    }

    private struct Lesion: Decodable {
        var id: String
        /// FindingCategory's words ("mass", "calcification-cluster").
        var type: FindingCategory
        var shape: String
        var pathology: String
        var views: [String: LesionView]

        /// "M1 spiculated malignant", "C2 pleomorphic benign": the number is the lesion's place in its exam.
        func mark(number: Int, in view: LesionView) -> LesionMark {
            let prefix = type == .calcificationCluster ? "C" : "M"
            return LesionMark(id: id, label: "\(prefix)\(number) \(shape) \(pathology)", source: .truth, kind: type,
                              malignant: pathology == "malignant", box: view.box,
                              outline: view.outline.compactMap { $0.count == 2 ? PixelPoint(x: $0[0], y: $0[1]) : nil })
        }
    }

    private struct LesionView: Decodable {
        var box: PixelBox
        var outline: [[Double]]
    }
}
