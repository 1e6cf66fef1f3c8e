// Small numeric helpers shared by the synthesis code (smooth steps, clamping, interpolation).
import Foundation

enum SynthMath {
    @inline(__always)
    static func clamp(_ v: Double, _ low: Double, _ high: Double) -> Double { min(max(v, low), high) }

    /// Hermite smooth step: 0 at or below `edge0`, 1 at or above `edge1` (edges may be reversed).
    @inline(__always)
    static func smoothstep(_ edge0: Double, _ edge1: Double, _ x: Double) -> Double {
        let t = clamp((x - edge0) / (edge1 - edge0), 0, 1)
        return t * t * (3 - 2 * t)
    }

    @inline(__always)
    static func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

    @inline(__always)
    static func lerp(_ a: Double, _ b: Double, _ t: Double) -> Double { a + (b - a) * t }

    /// Bilinear sample of a row-major Float grid at fractional cell coordinates (cell centres at
    /// integers); coordinates wrap around, which suits periodic FFT textures.
    @inline(__always)
    static func samplePeriodic(_ grid: UnsafePointer<Float>, _ width: Int, _ height: Int, _ x: Double, _ y: Double) -> Double {
        let fx = x.rounded(.down), fy = y.rounded(.down)
        let tx = x - fx, ty = y - fy
        var x0 = Int(fx) % width, y0 = Int(fy) % height
        if x0 < 0 { x0 += width }
        if y0 < 0 { y0 += height }
        let x1 = x0 + 1 == width ? 0 : x0 + 1
        let y1 = y0 + 1 == height ? 0 : y0 + 1
        let a = Double(grid[y0 * width + x0]), b = Double(grid[y0 * width + x1])
        let c = Double(grid[y1 * width + x0]), d = Double(grid[y1 * width + x1])
        return (a + (b - a) * tx) * (1 - ty) + (c + (d - c) * tx) * ty
    }

    /// Bilinear sample clamped at the grid's border.
    @inline(__always)
    static func sampleClamped(_ grid: UnsafePointer<Float>, _ width: Int, _ height: Int, _ x: Double, _ y: Double) -> Double {
        let cx = clamp(x, 0, Double(width - 1)), cy = clamp(y, 0, Double(height - 1))
        let x0 = Int(cx), y0 = Int(cy)
        let x1 = min(x0 + 1, width - 1), y1 = min(y0 + 1, height - 1)
        let tx = cx - Double(x0), ty = cy - Double(y0)
        let a = Double(grid[y0 * width + x0]), b = Double(grid[y0 * width + x1])
        let c = Double(grid[y1 * width + x0]), d = Double(grid[y1 * width + x1])
        return (a + (b - a) * tx) * (1 - ty) + (c + (d - c) * tx) * ty
    }

    /// Squared distance from p to the segment a-b, and the position t in [0, 1] along it.
    @inline(__always)
    static func segmentDistanceSquared(_ px: Double, _ py: Double, _ ax: Double, _ ay: Double, _ bx: Double, _ by: Double) -> (Double, Double) {
        let dx = bx - ax, dy = by - ay
        let len2 = dx * dx + dy * dy
        var t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0
        t = clamp(t, 0, 1)
        let qx = ax + t * dx - px, qy = ay + t * dy - py
        return (qx * qx + qy * qy, t)
    }
}
