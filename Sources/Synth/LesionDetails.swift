// The view-independent details of a lesion in 3-D breast axes (depth, lateral, superior):
// ellipsoid axes, outline wobble, spicule directions, calcification specks.
import Foundation

struct LesionDetails: Sendable {
    /// 3x3 shape matrix sum(a_i^2 u_i u_i^T) of the mass ellipsoid, mm^2.
    var ellipsoid: [[Double]] = []
    /// Outline wobble: 1 + sum amp * cos(k * angle + phase).
    var harmonics: [(k: Double, amplitude: Double, phase: Double)] = []
    var marginMM: Double = 0.3
    /// Peak added density at the mass centre, in units of (gland - fat).
    var peakDensity: Double = 0
    var spicules: [Spicule] = []
    var specks: [Speck] = []

    struct Spicule: Sendable {
        var direction: (Double, Double, Double)  // unit vector, breast axes
        var lengthMM: Double                      // from the centre
        var widthMM: Double                       // Gaussian sigma across
        var bend: Double                          // sideways bow as a share of the length
        var density: Double
    }

    struct Speck: Sendable {
        var offset: (Double, Double, Double)   // from the cluster centre, breast axes, mm
        var axis: (Double, Double, Double)     // half-length vector for elongated specks (zero for round)
        var radiusMM: Double
        var density: Double
    }

    init(spec: LesionSpec) {
        var r = SynthRandom(seed: spec.detailSeed, purpose: "lesion-details")
        let radius = spec.diameterMM / 2
        switch spec.shape {
        case .round, .oval, .irregular, .spiculated:
            let (a2, a3): (Double, Double)
            switch spec.shape {
            case .round: (a2, a3) = (r.uniform(0.9, 1), r.uniform(0.9, 1))
            case .oval: (a2, a3) = (r.uniform(0.55, 0.75), r.uniform(0.6, 0.85))
            default: (a2, a3) = (r.uniform(0.7, 0.9), r.uniform(0.7, 0.95))
            }
            let axes = LesionDetails.randomRotation(&r)
            let lengths = [radius, radius * a2, radius * a3]
            var shapeMatrix = [[Double]](repeating: [0, 0, 0], count: 3)
            for i in 0..<3 {
                for j in 0..<3 {
                    var sum = 0.0
                    for k in 0..<3 {
                        let l2: Double = lengths[k] * lengths[k]
                        sum += l2 * axes[k][i] * axes[k][j]
                    }
                    shapeMatrix[i][j] = sum
                }
            }
            ellipsoid = shapeMatrix
            let wobble: Double
            let kRange: ClosedRange<Int>
            switch spec.shape {
            case .round: (wobble, kRange, marginMM) = (0.025, 2...4, 0.25)
            case .oval: (wobble, kRange, marginMM) = (0.035, 2...4, 0.3)
            case .irregular: (wobble, kRange, marginMM) = (0.11, 2...7, 0.9)
            default: (wobble, kRange, marginMM) = (0.09, 3...8, 1.1)
            }
            for k in kRange {
                harmonics.append((Double(k), wobble * r.uniform(0.4, 1.2) / (1 + 0.15 * Double(k - 2)), r.uniform(0, 2 * Double.pi)))
            }
            // Chord through a sphere of this radius in a 50 mm breast, scaled by how much denser
            // than gland the lesion is; floored so small masses still show.
            let contrast = spec.pathology == .malignant ? r.uniform(1.15, 1.4) : r.uniform(1.0, 1.2)
            peakDensity = max(0.12, min(0.42, contrast * 2 * radius * 0.55 / 50 + 0.05))
            if spec.shape == .spiculated {
                let count = r.integer(12...22)
                for _ in 0..<count {
                    spicules.append(Spicule(
                        direction: LesionDetails.randomUnit(&r),
                        lengthMM: radius * r.uniform(1.6, 3.4),
                        widthMM: r.uniform(0.15, 0.32),
                        bend: r.uniform(-0.12, 0.12),
                        density: r.uniform(0.08, 0.17)))
                }
            }
        case .pleomorphic, .punctate, .coarse:
            let count: Int
            switch spec.shape {
            case .pleomorphic: count = r.integer(9...22)
            case .punctate: count = r.integer(6...12)
            default: count = r.integer(5...7)
            }
            // Malignant calcifications follow a duct: scatter along a random axis.
            let ductAxis = LesionDetails.randomUnit(&r)
            for _ in 0..<count {
                var offset: (Double, Double, Double)
                repeat {
                    offset = (r.uniform(-1, 1), r.uniform(-1, 1), r.uniform(-1, 1))
                } while offset.0 * offset.0 + offset.1 * offset.1 + offset.2 * offset.2 > 1
                if spec.shape == .pleomorphic {
                    let along = r.uniform(-1, 1)
                    let o0: Double = offset.0 * 0.45 + along * ductAxis.0
                    let o1: Double = offset.1 * 0.45 + along * ductAxis.1
                    let o2: Double = offset.2 * 0.45 + along * ductAxis.2
                    offset = (o0, o1, o2)
                }
                offset = (offset.0 * radius, offset.1 * radius, offset.2 * radius)
                var axis = (0.0, 0.0, 0.0)
                let speckRadius: Double
                let density: Double
                switch spec.shape {
                case .pleomorphic:
                    speckRadius = r.uniform(0.05, 0.25)
                    density = r.uniform(0.9, 1.5)
                    if r.chance(0.35) {
                        let len = r.uniform(0.25, 0.8)
                        let d = r.chance(0.6) ? ductAxis : LesionDetails.randomUnit(&r)
                        axis = (d.0 * len, d.1 * len, d.2 * len)
                    }
                case .punctate:
                    speckRadius = r.uniform(0.2, 0.35)
                    density = r.uniform(1.0, 1.3)
                default:
                    speckRadius = r.uniform(0.6, 1.3)
                    density = r.uniform(1.4, 1.9)
                    let len = speckRadius * r.uniform(0.2, 0.7)
                    let d = LesionDetails.randomUnit(&r)
                    axis = (d.0 * len, d.1 * len, d.2 * len)
                }
                specks.append(Speck(offset: offset, axis: axis, radiusMM: speckRadius, density: density))
                if spec.shape == .coarse {
                    // Popcorn-like: a clump of smaller lumps around the main one.
                    for _ in 0..<r.integer(2...4) {
                        let d = LesionDetails.randomUnit(&r)
                        let reach = speckRadius * r.uniform(0.5, 1.0)
                        let lump = (offset.0 + d.0 * reach, offset.1 + d.1 * reach, offset.2 + d.2 * reach)
                        specks.append(Speck(offset: lump, axis: (0, 0, 0), radiusMM: speckRadius * r.uniform(0.35, 0.65), density: density))
                    }
                }
            }
            if let limit = spec.speckLimit { specks = Array(specks.prefix(max(0, limit))) }
        }
    }

    static func randomUnit(_ r: inout SynthRandom) -> (Double, Double, Double) {
        while true {
            let v = (r.normal(), r.normal(), r.normal())
            let n = (v.0 * v.0 + v.1 * v.1 + v.2 * v.2).squareRoot()
            if n > 1e-6 { return (v.0 / n, v.1 / n, v.2 / n) }
        }
    }

    /// Rows are three orthonormal axes (a random rotation from a random unit quaternion).
    static func randomRotation(_ r: inout SynthRandom) -> [[Double]] {
        var q = (r.normal(), r.normal(), r.normal(), r.normal())
        let n = max(1e-9, (q.0 * q.0 + q.1 * q.1 + q.2 * q.2 + q.3 * q.3).squareRoot())
        q = (q.0 / n, q.1 / n, q.2 / n, q.3 / n)
        let (w, x, y, z) = q
        return [
            [1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w)],
            [2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w)],
            [2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y)],
        ]
    }
}
