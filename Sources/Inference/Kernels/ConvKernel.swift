// The tuned convolution: im2col + cblas_sgemm per image and group, with bias, residual and activation in
// the epilogue. ConvReference is its naive twin; InferenceTests compares them.
import COpenBLAS

enum ConvKernel {
    /// input [N, C, H, W], weights [M, C/groups, kH, kW] (row-major = [M, patchSize]), bias [M],
    /// output [N, M, OH, OW]. When `residual` is given (same shape as output) it is added before the activation.
    static func convolve(
        input: UnsafePointer<Float>, weights: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
        residual: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>,
        geometry g: ConvGeometry, activation: Activation, scratch: inout [Float]
    ) {
        let outCount = g.batch * g.outChannels * g.outPlane
        if let residual {
            // sgemm with beta = 1 accumulates onto the residual: the Add costs no extra pass.
            output.update(from: residual, count: outCount)
        }
        let beta: Float = residual == nil ? 0 : 1
        if !g.isPointwise, scratch.count < g.patchSize * g.outPlane {
            scratch = [Float](repeating: 0, count: g.patchSize * g.outPlane)
        }
        scratch.withUnsafeMutableBufferPointer { columns in
            for n in 0..<g.batch {
                for group in 0..<g.groups {
                    let image = input + (n * g.inChannels + group * g.inChannelsPerGroup) * g.inPlane // [C/groups, H, W]
                    let matrix: UnsafePointer<Float>                                                    // [patchSize, OH*OW]
                    if g.isPointwise {
                        matrix = image
                    } else if let base = columns.baseAddress {
                        im2col(image, geometry: g, columns: base)
                        matrix = UnsafePointer(base)
                    } else {
                        continue
                    }
                    let outBase = output + (n * g.outChannels + group * g.outChannelsPerGroup) * g.outPlane // [M/groups, OH*OW]
                    cblas_sgemm(
                        CblasRowMajor, CblasNoTrans, CblasNoTrans,
                        Int32(g.outChannelsPerGroup), Int32(g.outPlane), Int32(g.patchSize),
                        1, weights + group * g.outChannelsPerGroup * g.patchSize, Int32(g.patchSize),
                        matrix, Int32(g.outPlane), beta, outBase, Int32(g.outPlane)
                    )
                }
            }
        }
        epilogue(output, bias: bias, channels: g.outChannels, batch: g.batch, plane: g.outPlane, activation: activation)
    }

    /// Adds the per-channel bias and applies the activation in one pass over [N, M, plane].
    static func epilogue(
        _ output: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>?, channels: Int, batch: Int, plane: Int,
        activation: Activation
    ) {
        guard bias != nil || activation != .none else { return }
        for n in 0..<batch {
            for m in 0..<channels {
                let row = output + (n * channels + m) * plane
                if let bias {
                    let b = bias[m]
                    for i in 0..<plane { row[i] += b }
                }
                activation.apply(row, count: plane)
            }
        }
    }

    /// Unfolds one group's input [C/groups, H, W] into columns [C/groups * kH * kW, OH * OW], zeros where
    /// a tap falls in the padding.
    static func im2col(_ image: UnsafePointer<Float>, geometry g: ConvGeometry, columns: UnsafeMutablePointer<Float>) {
        var row = columns
        for c in 0..<g.inChannelsPerGroup {
            let plane = image + c * g.inPlane
            for ky in 0..<g.kernelHeight {
                for kx in 0..<g.kernelWidth {
                    let xOffset = kx * g.dilationW - g.padLeft
                    // Output columns whose tap lands inside the image: x = ox*strideW + xOffset in [0, W).
                    let firstOX = xOffset >= 0 ? 0 : (-xOffset + g.strideW - 1) / g.strideW
                    let lastOX = min(g.outWidth, (g.inWidth - xOffset + g.strideW - 1) / g.strideW)
                    for oy in 0..<g.outHeight {
                        let destination = row + oy * g.outWidth
                        let y = oy * g.strideH - g.padTop + ky * g.dilationH
                        guard y >= 0, y < g.inHeight, firstOX < lastOX else {
                            destination.update(repeating: 0, count: g.outWidth)
                            continue
                        }
                        let source = plane + y * g.inWidth + xOffset
                        if firstOX > 0 { destination.update(repeating: 0, count: firstOX) }
                        if g.strideW == 1 {
                            (destination + firstOX).update(from: source + firstOX, count: lastOX - firstOX)
                        } else {
                            for ox in firstOX..<lastOX { destination[ox] = source[ox * g.strideW] }
                        }
                        if lastOX < g.outWidth { (destination + lastOX).update(repeating: 0, count: g.outWidth - lastOX) }
                    }
                    row += g.outPlane
                }
            }
        }
    }
}
