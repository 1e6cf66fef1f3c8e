// The ground truth written beside a synthetic exam set as `ground-truth.json` (by Synth's
// SynthWriter) and read by `truth import`, `model calibrate` and the truth overlay
// (LesionTruthSet); this comment is the format's documentation.
//
// Format "mammoterm-synth-ground-truth", version 1. UTF-8 JSON, keys sorted (byte-identical for
// the same seed). Pixel coordinates are those of the stored image: x right, y down, origin at
// the top-left corner of the first pixel (so pixel (i, j) covers [i, i+1) x [j, j+1)).
//
//     {
//       "format": "mammoterm-synth-ground-truth",
//       "version": 1,
//       "seed": 42,                      // the --seed that made the set
//       "size": "small",                 // "small" (832 x 1024, 0.28 mm) or "full" (3328 x 4096, 0.07 mm)
//       "exams": [{
//         "patientID": "SYN-0001",
//         "studyInstanceUID": "2.25....",
//         "studyDate": "20250314",       // DICOM DA
//         "isPrior": false,              // true for an earlier exam of the same patient
//         "priorStudyInstanceUID": "2.25...." | null,   // on a current exam: its prior, if any
//         "cancer": true,                // a malignant lesion is visible in this exam
//         "birads": "5",                 // "1", "2", "4A", "4B", "4C", "5" (see below)
//         "density": "C",                // ACR A-D
//         "images": [{"viewKey": "RCC", "file": "SYN-0001/20250314/RCC.dcm",   // relative to the set's folder
//                     "sopInstanceUID": "2.25....", "rows": 1024, "columns": 832, "pixelSpacingMM": 0.28}],
//         "lesions": [{
//           "id": "SYN-0001-L1",         // the same id on the prior when the lesion shows there
//           "type": "mass" | "calcification-cluster",
//           "shape": "round" | "oval" | "irregular" | "spiculated" | "pleomorphic" | "punctate" | "coarse",
//           "pathology": "malignant" | "benign",
//           "side": "R" | "L",
//           "diameterMM": 14.2,          // mass: longest axis; cluster: extent
//           "views": {"RCC": {"box": {"x": 310.5, "y": 402.25, "width": 50.5, "height": 44},
//                             "outline": [[x, y], ...]},   // closed polygon, first point not repeated
//                     "RMLO": {...}}
//         }]
//       }]
//     }
//
// Outline of a mass: its core outline (spicules reach beyond it); of a calcification cluster:
// the convex hull of its specks with 0.5 mm around them. `box` bounds the outline. Coordinates
// are written rounded to 1/100 pixel and `diameterMM` to 0.1 mm.
// `birads` is a reference assessment derived from the truth: 1 no finding, 2 benign findings only,
// otherwise by the most suspicious malignant lesion (spiculated 5, irregular 4C, pleomorphic
// cluster 4B or 4C when >= 7 mm), one step lower on a prior where it was smaller.
// Readers of the file must reject a `version` above the one they know.
import Foundation
import MammoCore

public struct GroundTruthFile: Codable, Sendable, Equatable {
    public static let fileName = "ground-truth.json"
    public static let formatName = "mammoterm-synth-ground-truth"
    public static let currentVersion = 1

    public var format: String
    public var version: Int
    public var seed: UInt64
    /// Synth's detector size ("small", "full"), kept as text: the sizes are the generator's.
    public var size: String
    public var exams: [Exam]

    public init(seed: UInt64, size: String, exams: [Exam]) {
        format = GroundTruthFile.formatName
        version = GroundTruthFile.currentVersion
        self.seed = seed
        self.size = size
        self.exams = exams
    }

    public struct Exam: Codable, Sendable, Equatable {
        public var patientID: String
        public var studyInstanceUID: String
        public var studyDate: String
        public var isPrior: Bool
        public var priorStudyInstanceUID: String?
        public var cancer: Bool
        public var birads: BIRADS
        public var density: BreastDensity
        public var images: [Image]
        public var lesions: [Lesion]

        enum CodingKeys: String, CodingKey {
            case patientID, studyInstanceUID, studyDate, isPrior, priorStudyInstanceUID, cancer, birads, density, images, lesions
        }

        public init(patientID: String, studyInstanceUID: String, studyDate: String, isPrior: Bool,
                    priorStudyInstanceUID: String?, cancer: Bool, birads: BIRADS, density: BreastDensity,
                    images: [Image], lesions: [Lesion]) {
            self.patientID = patientID; self.studyInstanceUID = studyInstanceUID; self.studyDate = studyDate
            self.isPrior = isPrior; self.priorStudyInstanceUID = priorStudyInstanceUID; self.cancer = cancer
            self.birads = birads; self.density = density; self.images = images; self.lesions = lesions
        }

        /// Written out explicitly so an exam without a prior says `null` rather than leaving the key out.
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(patientID, forKey: .patientID)
            try c.encode(studyInstanceUID, forKey: .studyInstanceUID)
            try c.encode(studyDate, forKey: .studyDate)
            try c.encode(isPrior, forKey: .isPrior)
            if let prior = priorStudyInstanceUID {
                try c.encode(prior, forKey: .priorStudyInstanceUID)
            } else {
                try c.encodeNil(forKey: .priorStudyInstanceUID)
            }
            try c.encode(cancer, forKey: .cancer)
            try c.encode(birads, forKey: .birads)
            try c.encode(density, forKey: .density)
            try c.encode(images, forKey: .images)
            try c.encode(lesions, forKey: .lesions)
        }
    }

    public struct Image: Codable, Sendable, Equatable {
        public var viewKey: ViewKey
        /// Relative to the folder holding ground-truth.json.
        public var file: String
        public var sopInstanceUID: String
        public var rows: Int
        public var columns: Int
        public var pixelSpacingMM: Double

        public init(viewKey: ViewKey, file: String, sopInstanceUID: String, rows: Int, columns: Int, pixelSpacingMM: Double) {
            self.viewKey = viewKey; self.file = file; self.sopInstanceUID = sopInstanceUID
            self.rows = rows; self.columns = columns; self.pixelSpacingMM = pixelSpacingMM
        }
    }

    public struct Lesion: Codable, Sendable, Equatable {
        public var id: String
        public var type: FindingCategory
        /// Synth's shape or morphology word ("spiculated", "pleomorphic", ...), kept as text.
        public var shape: String
        public var pathology: Pathology
        public var side: Side
        public var diameterMM: Double
        /// Keyed by view label ("RCC", "RMLO", ...), only the lesion's own side. String keys, as a
        /// dictionary keyed by ViewKey would be written as an array.
        public var views: [String: LesionView]

        public init(id: String, type: FindingCategory, shape: String, pathology: Pathology, side: Side,
                    diameterMM: Double, views: [String: LesionView]) {
            self.id = id; self.type = type; self.shape = shape; self.pathology = pathology
            self.side = side; self.diameterMM = diameterMM; self.views = views
        }

        /// The lesion on one view; nil where it does not show (or is on the other side).
        public func view(_ key: ViewKey) -> LesionView? { views[key.label] }
    }

    public struct LesionView: Codable, Sendable, Equatable {
        public var box: PixelBox
        /// [[x, y], ...] in the view's pixel coordinates.
        public var outline: [[Double]]

        public init(box: PixelBox, outline: [[Double]]) { self.box = box; self.outline = outline }

        /// The outline as points; a pair that is not two numbers is left out.
        public var outlinePoints: [PixelPoint] { outline.compactMap { $0.count == 2 ? PixelPoint(x: $0[0], y: $0[1]) : nil } }
    }

    /// Sorted keys: the same set always gives the same bytes.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    public static func read(path: String) throws(StudyError) -> GroundTruthFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StudyError(context: "ground truth", path: path, reason: "cannot be read")
        }
        return try decode(data, path: path)
    }

    /// Refuses other formats and newer versions by name, so a broken file is reported, not skipped.
    public static func decode(_ data: Data, path: String) throws(StudyError) -> GroundTruthFile {
        struct Stamp: Decodable { var format: String?; var version: Int? }
        func fail(_ reason: String) -> StudyError { StudyError(context: "ground truth", path: path, reason: reason) }
        let stamp: Stamp
        do { stamp = try JSONDecoder().decode(Stamp.self, from: data) } catch { throw fail("malformed: \(error)") }
        guard stamp.format == formatName else {
            throw fail("format is \(stamp.format.map { "\"\($0)\"" } ?? "missing"), expected \"\(formatName)\"")
        }
        guard let version = stamp.version, version <= currentVersion else {
            throw fail("version \(stamp.version.map(String.init) ?? "missing") is newer than this mammoterm reads (\(currentVersion)); update mammoterm")
        }
        do { return try JSONDecoder().decode(GroundTruthFile.self, from: data) } catch { throw fail("malformed: \(error)") }
    }
}
