// Blood vessels: a few thin meandering tubes running from the chest wall toward the nipple, most
// visible in fatty breasts. Drawn on the model grid into the density.
import Foundation

enum VesselTree {
    static func render(into density: inout [Float], geometry: ViewGeometry, columns: Int, rows: Int) {
        let ms = DetectorSize.modelSpacingMM
        let anatomy = geometry.anatomy
        var r = SynthRandom(seed: anatomy.textureSeed, purpose: "vessels-" + geometry.view.rawValue)
        let count = r.integer(1...3)
        // Vessels go into their own layer (max where segments overlap), then add to the tissue.
        var layer = [Float](repeating: 0, count: columns * rows)
        for _ in 0..<count {
            // Start near the chest wall at a height that is inside the breast.
            var y = geometry.nippleY + r.uniform(-0.8, 0.8) * (geometry.view == .mlo ? 70 : 60)
            var x = r.uniform(4, 20)
            guard x < geometry.extent(atY: y) - 10 else { continue }
            var heading = atan2(geometry.nippleY - y, geometry.nippleX - x) + r.uniform(-0.35, 0.35)
            let radius = r.uniform(0.3, 0.6)
            let strength = r.uniform(0.05, 0.1)
            let length = r.uniform(0.35, 0.85) * geometry.nippleX
            var points: [(Double, Double)] = [(x, y)]
            var travelled = 0.0
            while travelled < length {
                heading += r.uniform(-0.45, 0.45)
                // Pull gently back toward the nipple so vessels do not wander out of the breast.
                let toward = atan2(geometry.nippleY - y, geometry.nippleX - x)
                heading += 0.15 * sin(toward - heading)
                x += 3 * cos(heading)
                y += 3 * sin(heading)
                travelled += 3
                if x >= geometry.extent(atY: y) - 4 { break }
                points.append((x, y))
            }
            guard points.count > 2 else { continue }
            stamp(points, radius: radius, strength: strength, into: &layer, columns: columns, rows: rows, spacing: ms)
        }
        for i in 0..<min(layer.count, density.count) where layer[i] > 0 { density[i] += layer[i] }
    }

    /// Adds a tube of Gaussian cross-section along a polyline; the tube fades at both ends.
    private static func stamp(_ points: [(Double, Double)], radius: Double, strength: Double,
                              into density: inout [Float], columns: Int, rows: Int, spacing s: Double) {
        let reach = radius * 3.5
        for k in 0..<(points.count - 1) {
            let a = points[k], b = points[k + 1]
            let fade = SynthMath.smoothstep(0, 3, Double(k)) * SynthMath.smoothstep(0, 4, Double(points.count - 2 - k))
            let x0 = max(0, Int(((min(a.0, b.0) - reach) / s).rounded(.down)))
            let x1 = min(columns - 1, Int(((max(a.0, b.0) + reach) / s).rounded(.up)))
            let y0 = max(0, Int(((min(a.1, b.1) - reach) / s).rounded(.down)))
            let y1 = min(rows - 1, Int(((max(a.1, b.1) + reach) / s).rounded(.up)))
            guard x0 <= x1, y0 <= y1 else { continue }
            for py in y0...y1 {
                for px in x0...x1 {
                    let (d2, t) = SynthMath.segmentDistanceSquared((Double(px) + 0.5) * s, (Double(py) + 0.5) * s, a.0, a.1, b.0, b.1)
                    // Segments overlap at their joints: take the max, not the sum.
                    guard d2 < reach * reach, t >= 0 else { continue }
                    let value = Float(strength * fade * exp(-d2 / (2 * radius * radius)))
                    let i = py * columns + px
                    density[i] = max(density[i], value)
                }
            }
        }
    }
}
