// MaxPool and AveragePool over 2-D windows (pads, auto_pad, ceil_mode, dilations for MaxPool,
// count_include_pad for AveragePool). Direct loops: pooling is memory-bound, so no tuned twin.

struct PoolLayer: Layer {
    var node: NodeInfo
    var window: SlidingWindow
    var isMax: Bool
    var countIncludePad: Bool

    init(_ node: NodeInfo, constants: [String: GraphValue]) throws {
        isMax = node.opType == "MaxPool"
        try node.requireOnly(isMax
            ? ["auto_pad", "ceil_mode", "dilations", "kernel_shape", "pads", "storage_order", "strides"]
            : ["auto_pad", "ceil_mode", "count_include_pad", "dilations", "kernel_shape", "pads", "strides"])
        guard node.outputs.count == 1 || node.outputs[1].isEmpty else { throw InferenceError.unsupported(node, "Indices output") }
        guard let kernel = node.ints("kernel_shape") else { throw InferenceError.invalid(node, "kernel_shape is required") }
        window = try SlidingWindow(node, kernel: kernel)
        if !isMax, window.dilations != [1, 1] { throw InferenceError.unsupported(node, "dilations on AveragePool") }
        countIncludePad = node.int("count_include_pad", default: 0) != 0
        self.node = node
    }

    func outputShape(_ inputs: [PlannedValue?]) throws -> [Int] {
        let shape = try shapeOf(inputs, 0)
        guard shape.count == 4 else { throw InferenceError.invalid(node, "input of rank \(shape.count), expected [N, C, H, W]") }
        return [shape[0], shape[1], window.resolve(axis: 0, size: shape[2]).out, window.resolve(axis: 1, size: shape[3]).out]
    }

    func run(_ inputs: [GraphValue?], output: inout Tensor, context: inout RunContext) throws {
        let input = try floatInput(inputs, 0) // [N, C, H, W]
        let (h, w) = (input.shape[2], input.shape[3])
        let (oh, top, bottom) = window.resolve(axis: 0, size: h)
        let (ow, left, right) = window.resolve(axis: 1, size: w)
        let (kh, kw) = (window.kernel[0], window.kernel[1])
        let (sh, sw) = (window.strides[0], window.strides[1])
        let (dh, dw) = (window.dilations[0], window.dilations[1])
        let planes = input.shape[0] * input.shape[1]
        input.data.withUnsafeBufferPointer { x in
            output.data.withUnsafeMutableBufferPointer { y in
                for p in 0..<planes {
                    let source = p * h * w
                    for oy in 0..<oh {
                        for ox in 0..<ow {
                            var best = -Float.infinity
                            var sum: Float = 0
                            var taps = 0
                            for ky in 0..<kh {
                                let iy = oy * sh - top + ky * dh
                                guard iy >= 0, iy < h else { continue }
                                for kx in 0..<kw {
                                    let ix = ox * sw - left + kx * dw
                                    guard ix >= 0, ix < w else { continue }
                                    let v = x[source + iy * w + ix]
                                    best = max(best, v)
                                    sum += v
                                    taps += 1
                                }
                            }
                            let value: Float
                            if isMax {
                                value = best
                            } else if countIncludePad {
                                // The divisor counts padding but not the overhang that ceil_mode adds past it.
                                let y0 = oy * sh - top, x0 = ox * sw - left
                                let rows = min(y0 + kh, h + bottom) - y0
                                let cols = min(x0 + kw, w + right) - x0
                                value = sum / Float(rows * cols)
                            } else {
                                value = taps > 0 ? sum / Float(taps) : 0
                            }
                            y[(p * oh + oy) * ow + ox] = value
                        }
                    }
                }
            }
        }
    }

    func flops(_ inputs: [[Int]], output: [Int]) -> Int { output.elementCount * window.kernel[0] * window.kernel[1] }
}
