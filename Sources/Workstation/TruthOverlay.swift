// One view's ground truth ready to draw (`--overlay truth`, the reading screen's truth overlay):
// the lesions' outlines from the study's LesionTruthSet and a smooth map made from them, so the
// overlay path can be seen before any model exists. Where the set is found:
// `setLocation(coveringFiles:)`, once per study.
import Foundation
import Imaging
import MammoCore
import Study

public struct TruthOverlay: Sendable {
    public var marks: [LesionMark]
    /// 0...1 at 1/8 of the stored resolution; covers the whole image.
    public var heat: GrayImage<Float>

    /// The truth of an image of `storedSize` with these marks (its map made here: slow for many lesions).
    public init(marks: [LesionMark], storedSize: PixelSize) {
        self.marks = marks
        heat = Self.heatMap(marks, rows: storedSize.height, columns: storedSize.width)
    }

    /// The truth of one measured view from the set covering its study; nil when the set does not hold the image.
    public init?(for view: ViewOverview, in set: LesionTruthSet?) {
        guard let marks = set?.marks(forImage: view.sopInstanceUID) else { return nil }
        self.init(marks: marks, storedSize: view.storedSize)
    }

    /// Memory held, for a cache's byte budget.
    public var bytes: Int { heat.pixels.count * 4 + marks.count * 512 }

    /// Where the ground-truth set covering an exam lies: the nearest one above its files (looked
    /// for beside the first of them, once per exam); nil when there is none.
    public static func setLocation(coveringFiles files: some Collection<String>) -> String? {
        files.sorted().first.flatMap { LesionTruthSet.locate(near: URL(fileURLWithPath: $0).deletingLastPathComponent().path) }
    }

    /// The set covering an exam's files, read; nil when there is none, an error naming the file
    /// when it is there but cannot be used.
    public static func set(coveringFiles files: some Collection<String>) throws(StudyError) -> LesionTruthSet? {
        guard let path = setLocation(coveringFiles: files) else { return nil }
        return try LesionTruthSet.read(path: path)
    }

    /// Filled outlines (malignant 1.0, benign 0.5), blurred by a Gaussian of about a third of
    /// each lesion's size, so it looks like the smooth map a detector would produce.
    static func heatMap(_ marks: [LesionMark], rows: Int, columns: Int, factor: Int = 8) -> GrayImage<Float> {
        let w = max(columns / factor, 1), h = max(rows / factor, 1)
        var map = GrayImage<Float>(width: w, height: h, repeating: 0)
        for mark in marks where mark.outline.count >= 3 {
            let polygon = AnnotationShape.polygon(mark.outline.map { PixelPoint(x: $0.x / Double(factor), y: $0.y / Double(factor)) })
            var filled = GrayImage<Float>(width: w, height: h, repeating: 0)
            let weight: Float = mark.malignant == false ? 0.5 : 1
            let x0 = max(Int(mark.box.x) / factor - 1, 0), x1 = min(Int(mark.box.maxX) / factor + 1, w - 1)
            let y0 = max(Int(mark.box.y) / factor - 1, 0), y1 = min(Int(mark.box.maxY) / factor + 1, h - 1)
            guard x0 <= x1, y0 <= y1 else { continue }
            for y in y0...y1 {
                // Even-odd point-in-polygon (the annotation shapes' own test).
                for x in x0...x1 where polygon.contains(PixelPoint(x: Double(x) + 0.5, y: Double(y) + 0.5)) {
                    filled[x, y] = weight
                }
            }
            let sigma = max(min(mark.box.width, mark.box.height) / Double(factor) / 3, 1)
            let blurred = GaussianBlur.blur(filled, sigma: sigma)
            // Normalise so the lesion's own peak reaches its weight.
            let peak = blurred.pixels.max() ?? 0
            guard peak > 0 else { continue }
            for i in map.pixels.indices { map.pixels[i] = max(map.pixels[i], blurred.pixels[i] / peak * weight) }
        }
        return map
    }
}
