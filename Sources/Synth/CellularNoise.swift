// Worley (cellular) noise: distances to jittered points on a grid. Its cell borders make the
// septa between fat lobules, and its cells the lobules themselves, which 1/f^beta noise lacks.
import Foundation

enum CellularNoise {
    struct Sample {
        /// Distance to the nearest and second-nearest feature point, in the caller's units.
        var f1: Double
        var f2: Double
        /// A uniform [0, 1) number fixed per cell (decides whether the cell is a fat lobule).
        var cellValue: Double
    }

    @inline(__always)
    static func sample(_ u: Double, _ v: Double, cell: Double, key: UInt64) -> Sample {
        let gu = u / cell, gv = v / cell
        let cu = Int(gu.rounded(.down)), cv = Int(gv.rounded(.down))
        var f1 = Double.infinity, f2 = Double.infinity, value = 0.0
        for j in (cv - 1)...(cv + 1) {
            for i in (cu - 1)...(cu + 1) {
                let h = SynthRandom.mix(key ^ (UInt64(bitPattern: Int64(i)) &* 0x9e37_79b9_7f4a_7c15) ^ (UInt64(bitPattern: Int64(j)) &* 0xc2b2_ae3d_27d4_eb4f))
                let px = Double(i) + Double(h & 0xffff) / 65536.0
                let py = Double(j) + Double((h >> 16) & 0xffff) / 65536.0
                let dx = px - gu, dy = py - gv
                let d = (dx * dx + dy * dy).squareRoot()
                if d < f1 {
                    f2 = f1
                    f1 = d
                    value = Double((h >> 32) & 0xffff) / 65536.0
                } else if d < f2 {
                    f2 = d
                }
            }
        }
        return Sample(f1: f1 * cell, f2: f2 * cell, cellValue: value)
    }
}
