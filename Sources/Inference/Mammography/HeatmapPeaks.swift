// Lesion candidates on a model map, as the model card states: 3x3 local maxima (a value at
// least each existing neighbour's) at or above a floor, by value (ties by row, then column),
// with any peak within `nmsCells` (Chebyshev) of a kept one dropped. Beside it the naive
// reference the tests compare with.
import MammoCore

public enum HeatmapPeaks {
    public struct Peak: Hashable, Sendable {
        public var row: Int
        public var column: Int
        public var value: Float
    }

    public static func find(_ map: GrayImage<Float>, floor: Float, nmsCells: Int) -> [Peak] {
        var candidates: [Peak] = []
        let w = map.width, h = map.height
        map.pixels.withUnsafeBufferPointer { p in
            for r in 0..<h {
                for c in 0..<w {
                    let v = p[r * w + c]
                    guard v >= floor else { continue }
                    var isMax = true
                    for dr in -1...1 where isMax {
                        let rr = r + dr
                        guard rr >= 0, rr < h else { continue }
                        for dc in -1...1 where (dr != 0 || dc != 0) {
                            let cc = c + dc
                            if cc >= 0, cc < w, p[rr * w + cc] > v { isMax = false; break }
                        }
                    }
                    if isMax { candidates.append(Peak(row: r, column: c, value: v)) }
                }
            }
        }
        return suppress(candidates, nmsCells: nmsCells)
    }

    static func suppress(_ candidates: [Peak], nmsCells: Int) -> [Peak] {
        let sorted = candidates.sorted { ($0.value, -$0.row, -$0.column) > ($1.value, -$1.row, -$1.column) }
        var kept: [Peak] = []
        for p in sorted where !kept.contains(where: { max(abs($0.row - p.row), abs($0.column - p.column)) <= nmsCells }) {
            kept.append(p)
        }
        return kept
    }

    /// The reference: every cell compared with its neighbours through the subscript.
    public static func reference(_ map: GrayImage<Float>, floor: Float, nmsCells: Int) -> [Peak] {
        var candidates: [Peak] = []
        for r in 0..<map.height {
            for c in 0..<map.width where map[c, r] >= floor {
                let neighbours = (-1...1).flatMap { dr in (-1...1).map { dc in (r + dr, c + dc) } }
                    .filter { $0 != (r, c) && $0.0 >= 0 && $0.0 < map.height && $0.1 >= 0 && $0.1 < map.width }
                if neighbours.allSatisfy({ map[$0.1, $0.0] <= map[c, r] }) { candidates.append(Peak(row: r, column: c, value: map[c, r])) }
            }
        }
        return suppress(candidates, nmsCells: nmsCells)
    }
}
