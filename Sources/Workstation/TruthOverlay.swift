// `--overlay truth`: lesion outlines and a smooth map made from the synthetic ground truth, so
// the overlay path can be seen before any model exists. Finds `ground-truth.json` in a folder
// above the image file and the image in it by SOP Instance UID.
import Foundation
import MammoCore
import Synth

public enum TruthOverlay {
    public struct ForImage: Sendable {
        public var marks: [LesionMark]
        /// 0...1 at 1/8 of the stored resolution; covers the whole image.
        public var heat: GrayImage<Float>
    }

    /// The truth for one image, or nil when no ground truth covers it.
    public static func load(imagePath: String, sopInstanceUID: String, rows: Int, columns: Int) -> ForImage? {
        guard let (truth, folder) = groundTruth(near: imagePath) else { return nil }
        _ = folder
        for exam in truth.exams {
            guard let image = exam.images.first(where: { $0.sopInstanceUID == sopInstanceUID }) else { continue }
            var marks: [LesionMark] = []
            for (index, lesion) in exam.lesions.enumerated() {
                guard let view = lesion.views[image.viewKey] else { continue }
                let prefix = lesion.type.rawValue.hasPrefix("calc") ? "C" : "M"
                marks.append(LesionMark(
                    id: lesion.id, label: "\(prefix)\(index + 1) \(lesion.shape.rawValue) \(lesion.pathology.rawValue)",
                    source: .truth, kind: FindingCategory(rawValue: lesion.type.rawValue), malignant: lesion.pathology.rawValue == "malignant",
                    box: view.box, outline: view.outlinePoints))
            }
            return ForImage(marks: marks, heat: heatMap(marks, rows: rows, columns: columns))
        }
        return nil
    }

    /// Filled outlines (malignant 1.0, benign 0.5), blurred by a Gaussian of about a third of
    /// each lesion's size, so it looks like the smooth map a detector would produce.
    static func heatMap(_ marks: [LesionMark], rows: Int, columns: Int, factor: Int = 8) -> GrayImage<Float> {
        let w = max(columns / factor, 1), h = max(rows / factor, 1)
        var map = GrayImage<Float>(width: w, height: h, repeating: 0)
        for mark in marks where mark.outline.count >= 3 {
            let polygon = mark.outline.map { PixelPoint(x: $0.x / Double(factor), y: $0.y / Double(factor)) }
            var filled = GrayImage<Float>(width: w, height: h, repeating: 0)
            let weight: Float = mark.malignant == false ? 0.5 : 1
            let x0 = max(Int(mark.box.x) / factor - 1, 0), x1 = min(Int(mark.box.maxX) / factor + 1, w - 1)
            let y0 = max(Int(mark.box.y) / factor - 1, 0), y1 = min(Int(mark.box.maxY) / factor + 1, h - 1)
            guard x0 <= x1, y0 <= y1 else { continue }
            for y in y0...y1 {
                for x in x0...x1 where contains(polygon, PixelPoint(x: Double(x) + 0.5, y: Double(y) + 0.5)) {
                    filled[x, y] = weight
                }
            }
            let sigma = max(min(mark.box.width, mark.box.height) / Double(factor) / 3, 1)
            let blurred = gaussianBlur(filled, sigma: sigma)
            // Normalise so the lesion's own peak reaches its weight.
            let peak = blurred.pixels.max() ?? 0
            guard peak > 0 else { continue }
            for i in map.pixels.indices { map.pixels[i] = max(map.pixels[i], blurred.pixels[i] / peak * weight) }
        }
        return map
    }

    /// Even-odd point-in-polygon (the annotation shapes' own test).
    static func contains(_ polygon: [PixelPoint], _ p: PixelPoint) -> Bool {
        AnnotationShape.polygon(polygon).contains(p)
    }

    static func gaussianBlur(_ image: GrayImage<Float>, sigma: Double) -> GrayImage<Float> {
        let radius = Int((sigma * 3).rounded(.up))
        let kernel = (-radius...radius).map { Float(exp(-Double($0 * $0) / (2 * sigma * sigma))) }
        let total = kernel.reduce(0, +)
        let k = kernel.map { $0 / total }
        var pass = image
        for y in 0..<image.height {
            for x in 0..<image.width {
                var sum: Float = 0
                for (i, weight) in k.enumerated() {
                    let sx = min(max(x + i - radius, 0), image.width - 1)
                    sum += image[sx, y] * weight
                }
                pass[x, y] = sum
            }
        }
        var out = pass
        for y in 0..<image.height {
            for x in 0..<image.width {
                var sum: Float = 0
                for (i, weight) in k.enumerated() {
                    let sy = min(max(y + i - radius, 0), image.height - 1)
                    sum += pass[x, sy] * weight
                }
                out[x, y] = sum
            }
        }
        return out
    }

    nonisolated(unsafe) private static var cache: [String: SynthGroundTruth] = [:]
    private static let cacheLock = NSLock()

    /// The nearest `ground-truth.json` in the image's folder or up to four folders above it.
    static func groundTruth(near imagePath: String) -> (SynthGroundTruth, String)? {
        var folder = URL(fileURLWithPath: imagePath).deletingLastPathComponent()
        for _ in 0..<5 {
            let candidate = folder.appendingPathComponent("ground-truth.json").path
            if let cached = cacheLock.withLock({ cache[candidate] }) { return (cached, folder.path) }
            if let data = FileManager.default.contents(atPath: candidate),
               let truth = try? SynthGroundTruth.decode(data, path: candidate) {
                cacheLock.withLock { cache[candidate] = truth }
                return (truth, folder.path)
            }
            folder.deleteLastPathComponent()
        }
        return nil
    }
}
