// Exact Euclidean distance transform (Felzenszwalb & Huttenlocher 2012), used for the distance
// from every point of the breast to its skin line, which drives the edge roll-off and thickness.

enum DistanceTransform {
    /// Euclidean distance, in grid steps, from each cell to the nearest cell where `feature` is
    /// true. Cells beyond the grid are not features, so an edge of the grid is not a boundary.
    /// Without any feature every distance is `.infinity`.
    static func distance(toFeature feature: [Bool], width: Int, height: Int) -> [Float] {
        precondition(feature.count == width * height, "DistanceTransform: grid size mismatch")
        let big = 1e20
        var squared = feature.map { $0 ? 0.0 : big }
        // Columns, then rows, of the 1-D squared distance transform.
        var column = [Double](repeating: 0, count: height)
        var columnOut = [Double](repeating: 0, count: height)
        var scratch = Scratch(size: max(width, height))
        for x in 0..<width {
            for y in 0..<height { column[y] = squared[y * width + x] }
            transform1D(column, into: &columnOut, scratch: &scratch)
            for y in 0..<height { squared[y * width + x] = columnOut[y] }
        }
        var row = [Double](repeating: 0, count: width)
        var rowOut = [Double](repeating: 0, count: width)
        var out = [Float](repeating: 0, count: width * height)
        for y in 0..<height {
            for x in 0..<width { row[x] = squared[y * width + x] }
            transform1D(row, into: &rowOut, scratch: &scratch)
            for x in 0..<width {
                out[y * width + x] = rowOut[x] >= big / 2 ? .infinity : Float(rowOut[x].squareRoot())
            }
        }
        return out
    }

    private struct Scratch {
        var v: [Int]
        var z: [Double]
        init(size: Int) {
            v = [Int](repeating: 0, count: size)
            z = [Double](repeating: 0, count: size + 1)
        }
    }

    /// Lower envelope of parabolas: out[q] = min_p (q - p)^2 + f[p].
    private static func transform1D(_ f: [Double], into out: inout [Double], scratch: inout Scratch) {
        let n = f.count
        guard n > 0 else { return }
        var k = 0
        scratch.v[0] = 0
        scratch.z[0] = -.infinity
        scratch.z[1] = .infinity
        if n > 1 {
            for q in 1..<n {
                var s: Double
                repeat {
                    let p = scratch.v[k]
                    s = ((f[q] + Double(q * q)) - (f[p] + Double(p * p))) / Double(2 * q - 2 * p)
                    if s <= scratch.z[k] { k -= 1 } else { break }
                } while k >= 0
                k += 1
                scratch.v[k] = q
                scratch.z[k] = s
                scratch.z[k + 1] = .infinity
            }
        }
        k = 0
        for q in 0..<n {
            while scratch.z[k + 1] < Double(q) { k += 1 }
            let p = scratch.v[k]
            out[q] = Double((q - p) * (q - p)) + f[p]
        }
    }
}
