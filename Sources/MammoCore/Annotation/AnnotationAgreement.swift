// How far annotators agree: each mark of one annotator paired with the best-overlapping mark of
// another on the same image (greedy by IoU, highest first, each mark used once), IoU computed on
// the shapes' regions (an ellipse is not its box). Points have no region: they pair by distance.

public enum AnnotationAgreement {
    /// Two marks of different annotators on one image, or a mark nobody else drew (`other` nil).
    public struct Pair: Hashable, Sendable {
        public var mark: Annotation
        public var other: Annotation?
        /// Intersection over union of the two regions (nil for points or an unpaired mark).
        public var iou: Double?
        /// Distance between the centres in pixels (nil unpaired).
        public var distance: Double?
    }

    /// IoU of two shapes' regions: exact for two boxes, sampled on a grid over their joint bounds otherwise
    /// (`samples` per side; 0.5 % at the default). 0 when either has no area.
    public static func iou(_ a: AnnotationShape, _ b: AnnotationShape, samples: Int = 200) -> Double {
        if case .box(let p) = a, case .box(let q) = b { return boxIoU(p, q) }
        guard a.area > 0, b.area > 0 else { return 0 }
        let ba = a.bounds, bb = b.bounds
        let x0 = min(ba.x, bb.x), y0 = min(ba.y, bb.y), x1 = max(ba.maxX, bb.maxX), y1 = max(ba.maxY, bb.maxY)
        guard boxIoU(ba, bb) > 0 else { return 0 }
        let n = max(samples, 10)
        let sx = (x1 - x0) / Double(n), sy = (y1 - y0) / Double(n)
        var both = 0, either = 0
        for j in 0..<n {
            let y = y0 + (Double(j) + 0.5) * sy
            for i in 0..<n {
                let p = PixelPoint(x: x0 + (Double(i) + 0.5) * sx, y: y)
                let inA = a.contains(p), inB = b.contains(p)
                if inA && inB { both += 1 }
                if inA || inB { either += 1 }
            }
        }
        return either == 0 ? 0 : Double(both) / Double(either)
    }

    /// IoU of two axis-aligned boxes.
    public static func boxIoU(_ a: PixelBox, _ b: PixelBox) -> Double {
        let w = min(a.maxX, b.maxX) - max(a.x, b.x), h = min(a.maxY, b.maxY) - max(a.y, b.y)
        guard w > 0, h > 0 else { return 0 }
        let inter = w * h, union = a.width * a.height + b.width * b.height - inter
        return union > 0 ? inter / union : 0
    }

    static func distance(_ a: AnnotationShape, _ b: AnnotationShape) -> Double {
        let p = a.bounds.center, q = b.bounds.center
        return ((p.x - q.x) * (p.x - q.x) + (p.y - q.y) * (p.y - q.y)).squareRoot()
    }

    /// `marks`'s pairs against `others` (another annotator, or everyone else) image by image: regions pair
    /// when their IoU is above 0, points when within `pointRadius` pixels; marks of the same annotator never
    /// pair. Every mark of `marks` appears once, in its order.
    public static func pairs(_ marks: [Annotation], against others: [Annotation], pointRadius: Double = 50) -> [Pair] {
        struct Candidate { var i: Int, j: Int, iou: Double, distance: Double }
        var candidates: [Candidate] = []
        for (i, a) in marks.enumerated() {
            for (j, b) in others.enumerated() where a.sopInstanceUID == b.sopInstanceUID && a.annotator != b.annotator && a.id != b.id {
                let d = distance(a.shape, b.shape)
                if a.shape.area > 0 && b.shape.area > 0 {
                    let v = iou(a.shape, b.shape)
                    if v > 0 { candidates.append(Candidate(i: i, j: j, iou: v, distance: d)) }
                } else if d <= pointRadius {
                    // A point against anything: closer is better; ranked after every overlap.
                    candidates.append(Candidate(i: i, j: j, iou: -d, distance: d))
                }
            }
        }
        candidates.sort { $0.iou != $1.iou ? $0.iou > $1.iou : ($0.i, $0.j) < ($1.i, $1.j) }
        var result = marks.map { Pair(mark: $0, other: nil, iou: nil, distance: nil) }
        var usedA = Set<Int>(), usedB = Set<Int>()
        for c in candidates where !usedA.contains(c.i) && !usedB.contains(c.j) {
            usedA.insert(c.i); usedB.insert(c.j)
            result[c.i].other = others[c.j]
            result[c.i].iou = c.iou >= 0 ? c.iou : nil
            result[c.i].distance = c.distance
        }
        return result
    }

    /// Mean IoU over the region marks that paired, and the share of marks that paired at IoU >= `threshold`
    /// (points: within the radius), for a one-line summary.
    public static func summary(_ pairs: [Pair], threshold: Double = 0.5) -> (meanIoU: Double?, agreed: Int, total: Int) {
        let ious = pairs.compactMap(\.iou)
        let agreed = pairs.filter { p in
            guard p.other != nil else { return false }
            return p.iou.map { $0 >= threshold } ?? true
        }.count
        return (ious.isEmpty ? nil : ious.reduce(0, +) / Double(ious.count), agreed, pairs.count)
    }
}
