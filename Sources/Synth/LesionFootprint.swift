// A lesion projected into one view (canonical mm frame of `ViewGeometry`): its outline for the
// ground truth and the density it adds, rendered into a pixel-resolution buffer.
import Foundation

struct LesionFootprint: Sendable {
    let spec: LesionSpec
    let centerX: Double
    let centerY: Double
    /// Inverse of the projected 2x2 ellipse matrix (a, b; b, c) and its mean radius.
    private let inverse: (a: Double, b: Double, c: Double)
    private let meanRadius: Double
    private let details: LesionDetails
    /// Spicules as polylines in view mm, with their Gaussian width and density.
    private let spiculePaths: [(points: [(Double, Double)], width: Double, density: Double)]
    /// Specks as capsules (segment plus radius) in view mm.
    private let speckShapes: [(x0: Double, y0: Double, x1: Double, y1: Double, radius: Double, density: Double)]

    init(spec: LesionSpec, geometry: ViewGeometry) {
        self.spec = spec
        let details = spec.details
        self.details = details
        let c = geometry.project(depthMM: spec.depthMM, lateralMM: spec.lateralMM, superiorMM: spec.superiorMM)
        centerX = c.x
        centerY = c.y
        let p = geometry.projectionMatrix
        func project(_ v: (Double, Double, Double)) -> (Double, Double) {
            (p[0][0] * v.0 + p[0][1] * v.1 + p[0][2] * v.2, p[1][0] * v.0 + p[1][1] * v.1 + p[1][2] * v.2)
        }
        if details.ellipsoid.count == 3 {
            // S2 = P S P^T: the exact outline of an ellipsoid seen along the beam.
            let s = details.ellipsoid
            var m = [[0.0, 0.0], [0.0, 0.0]]
            for i in 0..<2 {
                for j in 0..<2 {
                    var sum = 0.0
                    for k in 0..<3 { for l in 0..<3 { sum += p[i][k] * s[k][l] * p[j][l] } }
                    m[i][j] = sum
                }
            }
            let det = max(1e-9, m[0][0] * m[1][1] - m[0][1] * m[1][0])
            inverse = (m[1][1] / det, -m[0][1] / det, m[0][0] / det)
            meanRadius = det.squareRoot().squareRoot()
        } else {
            inverse = (1, 0, 1)
            meanRadius = spec.diameterMM / 2
        }
        var paths: [(points: [(Double, Double)], width: Double, density: Double)] = []
        var bend = SynthRandom(seed: spec.detailSeed, purpose: "spicule-bend-" + geometry.view.rawValue)
        for spicule in details.spicules {
            let d = project(spicule.direction)
            let ex = d.0 * spicule.lengthMM, ey = d.1 * spicule.lengthMM
            let length2D = (ex * ex + ey * ey).squareRoot()
            guard length2D > meanRadius * 0.8 else { continue }  // seen end-on: hidden in the core
            let bow = spicule.bend * length2D + bend.uniform(-0.05, 0.05) * length2D
            // Spicules are strands of tissue, not rulers: a little wiggle on top of the bow.
            let wiggle = bend.uniform(0.015, 0.04) * length2D, wigglePhase = bend.uniform(0, 2 * Double.pi)
            let nx = -ey / length2D, ny = ex / length2D
            // Spicules start at the edge of the core: drawn from the centre they would pile up
            // into a bright star point there.
            let start = min(0.8, 0.75 * meanRadius / length2D)
            var points: [(Double, Double)] = []
            for step in 0...8 {
                let t = start + (1 - start) * Double(step) / 8
                let side = 4 * t * (1 - t) * bow + wiggle * sin(3 * Double.pi * t + wigglePhase) * t
                points.append((c.x + ex * t + nx * side, c.y + ey * t + ny * side))
            }
            paths.append((points, spicule.widthMM, spicule.density))
        }
        spiculePaths = paths
        speckShapes = details.specks.map { speck in
            let o = project(speck.offset)
            let a = project(speck.axis)
            return (c.x + o.0 - a.0, c.y + o.1 - a.1, c.x + o.0 + a.0, c.y + o.1 + a.1, speck.radiusMM, speck.density)
        }
    }

    var isMass: Bool { spec.type == .mass }

    /// Radial wobble of the outline at an angle.
    private func wobble(_ angle: Double) -> Double {
        var w = 1.0
        for h in details.harmonics { w += h.amplitude * cos(h.k * angle + h.phase) }
        return w
    }

    /// The ground-truth outline: the mass core, or the hull around a cluster's specks (mm).
    func outline() -> [(Double, Double)] {
        if isMass {
            return (0..<72).map { i in
                let angle = Double(i) * 2 * Double.pi / 72
                let dx = cos(angle), dy = sin(angle)
                let q = inverse.a * dx * dx + 2 * inverse.b * dx * dy + inverse.c * dy * dy
                let t = wobble(angle) / max(1e-9, q).squareRoot()
                return (centerX + t * dx, centerY + t * dy)
            }
        }
        var points: [(Double, Double)] = []
        for s in speckShapes {
            let pad = s.radius + 0.5
            for k in 0..<8 {
                let a = Double(k) * Double.pi / 4
                points.append((s.x0 + pad * cos(a), s.y0 + pad * sin(a)))
                points.append((s.x1 + pad * cos(a), s.y1 + pad * sin(a)))
            }
        }
        return ConvexHull.hull(points)
    }

    /// Bounds of everything this lesion draws (spicules included), mm.
    func drawnBounds() -> (minX: Double, minY: Double, maxX: Double, maxY: Double) {
        var pts = outline()
        for path in spiculePaths { pts.append(contentsOf: path.points) }
        var b = (minX: Double.infinity, minY: Double.infinity, maxX: -Double.infinity, maxY: -Double.infinity)
        for p in pts {
            b.minX = min(b.minX, p.0); b.maxX = max(b.maxX, p.0)
            b.minY = min(b.minY, p.1); b.maxY = max(b.maxY, p.1)
        }
        let pad = isMass ? details.marginMM * 3 + 1 : 1
        return (b.minX - pad, b.minY - pad, b.maxX + pad, b.maxY + pad)
    }

    /// Adds this lesion's density to a canonical-orientation buffer of `width` x `height` pixels.
    func render(into buffer: inout [Float], width: Int, height: Int, spacingMM s: Double) {
        let b = drawnBounds()
        let x0 = max(0, Int((b.minX / s).rounded(.down))), x1 = min(width - 1, Int((b.maxX / s).rounded(.up)))
        let y0 = max(0, Int((b.minY / s).rounded(.down))), y1 = min(height - 1, Int((b.maxY / s).rounded(.up)))
        guard x0 <= x1, y0 <= y1 else { return }
        if isMass {
            let delta = details.marginMM / max(meanRadius, 0.5)
            for py in y0...y1 {
                let y = (Double(py) + 0.5) * s - centerY
                for px in x0...x1 {
                    let x = (Double(px) + 0.5) * s - centerX
                    let q = inverse.a * x * x + 2 * inverse.b * x * y + inverse.c * y * y
                    let rho = q.squareRoot() / wobble(atan2(y, x))
                    guard rho < 1 + delta else { continue }
                    let inner = rho / (1 + delta)
                    let dome = max(0, 1 - inner * inner).squareRoot()
                    let edge = SynthMath.smoothstep(1 + delta, 1 - delta, rho)
                    // A flatter top than a sphere's chord: masses are denser than a ball of gland.
                    buffer[py * width + px] += Float(details.peakDensity * dome.squareRoot() * edge)
                }
            }
            for path in spiculePaths { renderSpicule(path, into: &buffer, width: width, height: height, spacingMM: s) }
        } else {
            for speck in speckShapes { renderSpeck(speck, into: &buffer, width: width, height: height, spacingMM: s) }
        }
    }

    private func renderSpicule(_ path: (points: [(Double, Double)], width: Double, density: Double),
                               into buffer: inout [Float], width: Int, height: Int, spacingMM s: Double) {
        let reach = path.width * 3.5 + s
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for p in path.points { minX = min(minX, p.0); maxX = max(maxX, p.0); minY = min(minY, p.1); maxY = max(maxY, p.1) }
        let x0 = max(0, Int(((minX - reach) / s).rounded(.down))), x1 = min(width - 1, Int(((maxX + reach) / s).rounded(.up)))
        let y0 = max(0, Int(((minY - reach) / s).rounded(.down))), y1 = min(height - 1, Int(((maxY + reach) / s).rounded(.up)))
        guard x0 <= x1, y0 <= y1 else { return }
        let segments = path.points.count - 1
        // A line thinner than a pixel keeps its integrated density but spreads over the pixel.
        let sigma = max(path.width, s * 0.5)
        let gain = path.density * path.width / sigma
        for py in y0...y1 {
            let y = (Double(py) + 0.5) * s
            for px in x0...x1 {
                let x = (Double(px) + 0.5) * s
                var best = Double.infinity, bestT = 0.0
                for k in 0..<segments {
                    let a = path.points[k], b = path.points[k + 1]
                    let (d2, t) = SynthMath.segmentDistanceSquared(x, y, a.0, a.1, b.0, b.1)
                    if d2 < best { best = d2; bestT = (Double(k) + t) / Double(segments) }
                }
                guard best < reach * reach else { continue }
                let along = bestT
                let taper = pow(1 - along, 1.3)
                let tipSigma = sigma * (0.6 + 0.4 * (1 - along))
                buffer[py * width + px] += Float(gain * taper * exp(-best / (2 * tipSigma * tipSigma)))
            }
        }
    }

    private func renderSpeck(_ speck: (x0: Double, y0: Double, x1: Double, y1: Double, radius: Double, density: Double),
                             into buffer: inout [Float], width: Int, height: Int, spacingMM s: Double) {
        // Specks smaller than a pixel are drawn at 0.45 pixel radius with a little less density,
        // so that they stay visible on the small grid, as a detector's blur would leave them.
        let drawRadius = max(speck.radius, 0.45 * s)
        let areaShare = (speck.radius * speck.radius) / (drawRadius * drawRadius)
        let density = speck.density * (0.55 + 0.45 * min(1, areaShare))
        let pad = drawRadius + s
        let minX = min(speck.x0, speck.x1) - pad, maxX = max(speck.x0, speck.x1) + pad
        let minY = min(speck.y0, speck.y1) - pad, maxY = max(speck.y0, speck.y1) + pad
        let px0 = max(0, Int((minX / s).rounded(.down))), px1 = min(width - 1, Int((maxX / s).rounded(.up)))
        let py0 = max(0, Int((minY / s).rounded(.down))), py1 = min(height - 1, Int((maxY / s).rounded(.up)))
        guard px0 <= px1, py0 <= py1 else { return }
        let sub = 4
        // Edges soft over about half a pixel or 40 microns, whichever is wider: detector blur.
        let blur = max(0.04, 0.5 * s)
        for py in py0...py1 {
            for px in px0...px1 {
                var cover = 0.0
                for sy in 0..<sub {
                    let y = (Double(py) + (Double(sy) + 0.5) / Double(sub)) * s
                    for sx in 0..<sub {
                        let x = (Double(px) + (Double(sx) + 0.5) / Double(sub)) * s
                        let (d2, _) = SynthMath.segmentDistanceSquared(x, y, speck.x0, speck.y0, speck.x1, speck.y1)
                        cover += SynthMath.clamp((drawRadius - d2.squareRoot()) / blur + 0.5, 0, 1)
                    }
                }
                if cover > 0 {
                    buffer[py * width + px] += Float(density * cover / Double(sub * sub))
                }
            }
        }
    }
}
