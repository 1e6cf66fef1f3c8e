// The convolution where the CPU has no vector kernel (VectorConvKernel: AVX-512 / AVX2): im2col + cblas_sgemm
// per image, group and tile of output rows, with bias, residual and activation in the epilogue. ConvReference
// is its naive twin; InferenceTests compares them.
import COpenBLAS

enum ConvKernel {
    /// Bytes of im2col columns per tile: the tile is written, read by sgemm and dropped while it sits in L2
    /// (2 MiB per core here: half of it; 256 KiB measured no faster and 4 MiB slower with the Prescott kernel);
    /// the output tile [M, columns] is finished (activation) while it is still in cache. One output row at least.
    static let columnTileBytes = 1024 * 1024

    /// Output rows per tile for this geometry.
    static func rowsPerTile(_ g: ConvGeometry, tileBytes: Int = columnTileBytes) -> Int {
        let rowBytes = max(1, g.patchSize * g.outWidth * MemoryLayout<Float>.stride)
        return max(1, min(g.outHeight, tileBytes / rowBytes))
    }

    /// input [N, C, H, W], weights [M, C/groups, kH, kW] (row-major = [M, patchSize]), bias [M],
    /// output [N, M, OH, OW]. When `residual` is given (same shape as output) it is added before the activation.
    /// Per image and group, output rows in tiles: im2col of the tile's columns, the tile's outputs pre-filled
    /// with bias (+ residual) so sgemm accumulates onto them (beta 1: no zeroing pass, no bias pass), then
    /// the activation over the tile. A pointwise conv reads its input as the column matrix directly.
    static func convolve(
        input: UnsafePointer<Float>, weights: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
        residual: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>,
        geometry g: ConvGeometry, activation: Activation, scratch: inout [Float], tileBytes: Int = columnTileBytes
    ) {
        let rows = rowsPerTile(g, tileBytes: tileBytes)
        if !g.isPointwise, scratch.count < g.patchSize * rows * g.outWidth {
            scratch = [Float](repeating: 0, count: g.patchSize * rows * g.outWidth)
        }
        let mg = g.outChannelsPerGroup
        scratch.withUnsafeMutableBufferPointer { columns in
            for n in 0..<g.batch {
                for group in 0..<g.groups {
                    let image = input + (n * g.inChannels + group * g.inChannelsPerGroup) * g.inPlane // [C/groups, H, W]
                    let outOffset = (n * g.outChannels + group * mg) * g.outPlane
                    let outBase = output + outOffset                                                   // [M/groups, OH*OW]
                    let groupBias = bias.map { $0 + group * mg }
                    let groupResidual = residual.map { $0 + outOffset }
                    var oy = 0
                    while oy < g.outHeight {
                        let tileRows = min(rows, g.outHeight - oy)
                        let first = oy * g.outWidth, count = tileRows * g.outWidth
                        let matrix: UnsafePointer<Float>                                               // [patchSize, count]
                        let ldb: Int
                        if g.isPointwise {
                            (matrix, ldb) = (image + first, g.inPlane)
                        } else if let base = columns.baseAddress {
                            im2col(image, geometry: g, rows: oy..<(oy + tileRows), columns: base)
                            (matrix, ldb) = (UnsafePointer(base), count)
                        } else {
                            return
                        }
                        let accumulate = prefill(outBase + first, stride: g.outPlane, channels: mg, count: count,
                                                 bias: groupBias, residual: groupResidual.map { $0 + first })
                        cblas_sgemm(
                            CblasRowMajor, CblasNoTrans, CblasNoTrans,
                            Int32(mg), Int32(count), Int32(g.patchSize),
                            1, weights + group * mg * g.patchSize, Int32(g.patchSize),
                            matrix, Int32(ldb), accumulate ? 1 : 0, outBase + first, Int32(g.outPlane)
                        )
                        if activation != .none {
                            for m in 0..<mg { activation.apply(outBase + m * g.outPlane + first, count: count) }
                        }
                        oy += tileRows
                    }
                }
            }
        }
    }

    /// Writes bias (+ residual) into `channels` rows of `count` outputs, `stride` apart; false (nothing written,
    /// sgemm must overwrite with beta 0) when there is neither.
    @inline(__always)
    static func prefill(
        _ out: UnsafeMutablePointer<Float>, stride: Int, channels: Int, count: Int,
        bias: UnsafePointer<Float>?, residual: UnsafePointer<Float>?
    ) -> Bool {
        guard bias != nil || residual != nil else { return false }
        for m in 0..<channels {
            let row = out + m * stride
            let b = bias?[m] ?? 0
            if let residual {
                let source = residual + m * stride
                for i in 0..<count { row[i] = source[i] + b }
            } else {
                row.update(repeating: b, count: count)
            }
        }
        return true
    }

    /// Unfolds output rows `rows` of one group's input [C/groups, H, W] into columns
    /// [C/groups * kH * kW, rows.count * OW], zeros where a tap falls in the padding. Stride-1 rows are
    /// contiguous copies (memcpy).
    static func im2col(
        _ image: UnsafePointer<Float>, geometry g: ConvGeometry, rows: Range<Int>? = nil, columns: UnsafeMutablePointer<Float>
    ) {
        let rows = rows ?? 0..<g.outHeight
        let tile = rows.count * g.outWidth
        var row = columns
        for c in 0..<g.inChannelsPerGroup {
            let plane = image + c * g.inPlane
            for ky in 0..<g.kernelHeight {
                for kx in 0..<g.kernelWidth {
                    let xOffset = kx * g.dilationW - g.padLeft
                    // Output columns whose tap lands inside the image: x = ox*strideW + xOffset in [0, W).
                    let firstOX = xOffset >= 0 ? 0 : (-xOffset + g.strideW - 1) / g.strideW
                    let lastOX = min(g.outWidth, (g.inWidth - xOffset + g.strideW - 1) / g.strideW)
                    for oy in rows {
                        let destination = row + (oy - rows.lowerBound) * g.outWidth
                        let y = oy * g.strideH - g.padTop + ky * g.dilationH
                        guard y >= 0, y < g.inHeight, firstOX < lastOX else {
                            destination.update(repeating: 0, count: g.outWidth)
                            continue
                        }
                        let source = plane + y * g.inWidth + xOffset
                        if firstOX > 0 { destination.update(repeating: 0, count: firstOX) }
                        if g.strideW == 1 {
                            (destination + firstOX).update(from: source + firstOX, count: lastOX - firstOX)
                        } else if g.strideW == 2 {
                            // Even lanes of 8 loaded floats, 4 outputs a step, while the load stays inside the row.
                            var ox = firstOX
                            let rowEnd = g.inWidth - xOffset // source[i] is in the row for i < rowEnd
                            while ox + 4 <= lastOX, 2 * ox + 8 <= rowEnd {
                                let pair = UnsafeRawPointer(source + 2 * ox).loadUnaligned(as: SIMD8<Float>.self)
                                UnsafeMutableRawPointer(destination + ox).storeBytes(of: pair.evenHalf, as: SIMD4<Float>.self)
                                ox += 4
                            }
                            while ox < lastOX { destination[ox] = source[2 * ox]; ox += 1 }
                        } else {
                            for ox in firstOX..<lastOX { destination[ox] = source[ox * g.strideW] }
                        }
                        if lastOX < g.outWidth { (destination + lastOX).update(repeating: 0, count: g.outWidth - lastOX) }
                    }
                    row += tile
                }
            }
        }
    }
}
