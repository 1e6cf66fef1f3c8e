// The outline of an annotated lesion in stored-image pixels (x right, y down, origin at the top-left
// pixel's corner — the same frame as PixelBox): whatever zoom or mirroring it was drawn at.

public enum AnnotationShape: Hashable, Codable, Sendable {
    case box(PixelBox)
    /// The ellipse inscribed in the box.
    case ellipse(PixelBox)
    /// A closed polygon, at least three vertices.
    case polygon([PixelPoint])
    case point(PixelPoint)

    /// "box", "ellipse", "polygon", "point": the `type` the project's JSON writes.
    public var kind: String {
        switch self {
        case .box: "box"
        case .ellipse: "ellipse"
        case .polygon: "polygon"
        case .point: "point"
        }
    }

    /// The smallest box holding the shape (a point: an empty box at the point).
    public var bounds: PixelBox {
        switch self {
        case .box(let b), .ellipse(let b): b
        case .polygon(let points): PixelBox(bounding: points) ?? PixelBox(x: 0, y: 0, width: 0, height: 0)
        case .point(let p): PixelBox(x: p.x, y: p.y, width: 0, height: 0)
        }
    }

    /// The points that define the shape: box and ellipse corners (top left, bottom right), the polygon's
    /// vertices, the point.
    public var points: [PixelPoint] {
        switch self {
        case .box(let b), .ellipse(let b): [PixelPoint(x: b.x, y: b.y), PixelPoint(x: b.maxX, y: b.maxY)]
        case .polygon(let points): points
        case .point(let p): [p]
        }
    }

    /// The outline as a closed polygon for drawing: box corners, the ellipse in `segments` steps, the polygon.
    public func outline(segments: Int = 48) -> [PixelPoint] {
        switch self {
        case .box(let b): return b.corners
        case .ellipse(let b):
            let c = b.center, rx = b.width / 2, ry = b.height / 2
            return (0..<max(segments, 8)).map { i in
                let t = Double(i) / Double(max(segments, 8)) * 2 * Double.pi
                return PixelPoint(x: c.x + rx * cos(t), y: c.y + ry * sin(t))
            }
        case .polygon(let points): return points
        case .point(let p): return [p]
        }
    }

    /// Area in square pixels (0 for a point).
    public var area: Double {
        switch self {
        case .box(let b): return b.width * b.height
        case .ellipse(let b): return Double.pi * b.width * b.height / 4
        case .polygon(let p):
            guard p.count >= 3 else { return 0 }
            var twice = 0.0
            for i in p.indices {
                let a = p[i], b = p[(i + 1) % p.count]
                twice += a.x * b.y - b.x * a.y
            }
            return abs(twice) / 2
        case .point: return 0
        }
    }

    /// Whether the point lies inside the shape's region (never for a point shape).
    public func contains(_ q: PixelPoint) -> Bool {
        switch self {
        case .box(let b):
            return q.x >= b.x && q.x <= b.maxX && q.y >= b.y && q.y <= b.maxY
        case .ellipse(let b):
            guard b.width > 0, b.height > 0 else { return false }
            let dx = (q.x - b.center.x) / (b.width / 2), dy = (q.y - b.center.y) / (b.height / 2)
            return dx * dx + dy * dy <= 1
        case .polygon(let p):
            // Even-odd rule.
            guard p.count >= 3 else { return false }
            var inside = false
            var j = p.count - 1
            for i in p.indices {
                let a = p[i], b = p[j]
                if (a.y > q.y) != (b.y > q.y), q.x < (b.x - a.x) * (q.y - a.y) / (b.y - a.y) + a.x { inside.toggle() }
                j = i
            }
            return inside
        case .point:
            return false
        }
    }

    /// The shape moved by (dx, dy) pixels.
    public func translated(dx: Double, dy: Double) -> AnnotationShape {
        func move(_ p: PixelPoint) -> PixelPoint { PixelPoint(x: p.x + dx, y: p.y + dy) }
        switch self {
        case .box(let b): return .box(PixelBox(x: b.x + dx, y: b.y + dy, width: b.width, height: b.height))
        case .ellipse(let b): return .ellipse(PixelBox(x: b.x + dx, y: b.y + dy, width: b.width, height: b.height))
        case .polygon(let p): return .polygon(p.map(move))
        case .point(let p): return .point(move(p))
        }
    }

    /// The shape grown (or shrunk, negative) by `dx`, `dy` pixels at its bottom-right, about its top-left
    /// corner: boxes and ellipses change size, polygons scale, a point stays. Never below one pixel.
    public func resized(dx: Double, dy: Double) -> AnnotationShape {
        func grow(_ b: PixelBox) -> PixelBox {
            PixelBox(x: b.x, y: b.y, width: max(1, b.width + dx), height: max(1, b.height + dy))
        }
        switch self {
        case .box(let b): return .box(grow(b))
        case .ellipse(let b): return .ellipse(grow(b))
        case .polygon(let p):
            let b = bounds, target = grow(b)
            let sx = b.width > 0 ? target.width / b.width : 1, sy = b.height > 0 ? target.height / b.height : 1
            return .polygon(p.map { PixelPoint(x: b.x + ($0.x - b.x) * sx, y: b.y + ($0.y - b.y) * sy) })
        case .point: return self
        }
    }

    /// Throws unless every coordinate is finite, inside an image of `size` (edges included), boxes and
    /// ellipses have a positive size and polygons at least three vertices.
    public func validate(in size: PixelSize?, field: String = "shape") throws(AnnotationError) {
        let pts = points
        for p in pts where !(p.x.isFinite && p.y.isFinite) {
            throw AnnotationError(field: field, reason: "(\(p.x), \(p.y)) is not a finite point")
        }
        switch self {
        case .box(let b), .ellipse(let b):
            guard b.width > 0, b.height > 0 else {
                throw AnnotationError(field: field, reason: "a \(kind) needs a positive width and height, not \(b.width) x \(b.height)")
            }
        case .polygon(let p):
            guard p.count >= 3 else { throw AnnotationError(field: field, reason: "a polygon needs at least 3 vertices, not \(p.count)") }
        case .point:
            break
        }
        if let size {
            for p in pts where p.x < 0 || p.y < 0 || p.x > Double(size.width) || p.y > Double(size.height) {
                throw AnnotationError(field: field, reason: "(\(p.x), \(p.y)) lies outside the \(size.width) x \(size.height) image")
            }
        }
    }
}

import Foundation
