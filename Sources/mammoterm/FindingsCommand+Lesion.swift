// One lesion of `findings --json`: the AI finding as stored, plus its size in millimetres
// ("sizeMM": {"width", "height"}, from the view's ImagerPixelSpacing, else PixelSpacing; null
// when the file gives no spacing or cannot be read) and its location in words
// (FindingsCommand+Location). The pixel box stays beside it.
import DICOM
import Foundation
import MammoCore

extension FindingsCommand {
    struct Lesion: Encodable {
        struct SizeMM: Encodable, Equatable {
            var width: Double
            var height: Double
        }

        /// The lesion's number in reading order (NumberedAIFinding): its row in the workstation's
        /// panel and the number beside its box.
        var number: Int
        var finding: AIFinding
        var sizeMM: SizeMM?
        var location: LesionLocation

        enum CodingKeys: String, CodingKey { case number, sizeMM, location }

        func encode(to encoder: Encoder) throws {
            try finding.encode(to: encoder)
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(number, forKey: .number)
            try c.encode(sizeMM, forKey: .sizeMM)   // null, not absent, without a spacing
            try c.encode(location, forKey: .location)
        }

        /// A box in stored pixels at (row, column) spacing in mm, to 0.1 mm.
        static func size(_ box: PixelBox, spacing: PixelSpacing?) -> SizeMM? {
            guard let spacing, spacing.row > 0, spacing.column > 0, spacing.row.isFinite, spacing.column.isFinite else { return nil }
            func tenth(_ v: Double) -> Double { (v * 10).rounded() / 10 }
            return SizeMM(width: tenth(box.width * spacing.column), height: tenth(box.height * spacing.row))
        }
    }

    /// Each view's pixel spacing, read from its file's header (nil where a file says none or
    /// cannot be read: its lesions get no size rather than a guessed one).
    static func spacings(_ images: [ImageSummary]) -> [ViewKey: PixelSpacing] {
        var out: [ViewKey: PixelSpacing] = [:]
        for image in images {
            guard let key = image.viewKey, out[key] == nil,
                  let header = try? DicomHeaderReader.read(path: image.path), let spacing = header.spacing else { continue }
            out[key] = spacing
        }
        return out
    }
}
