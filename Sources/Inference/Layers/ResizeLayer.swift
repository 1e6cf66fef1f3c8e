// Resize (opset 11+: roi, scales, sizes inputs) and Upsample (scales input) on the last two axes of
// [N, C, H, W]: modes nearest and linear; coordinate transforms half_pixel, pytorch_half_pixel,
// align_corners, asymmetric; nearest rounding round_prefer_floor/ceil, floor, ceil.

struct ResizeLayer: Layer {
    var node: NodeInfo
    var mode: String
    var transform: String
    var nearestMode: String

    init(_ node: NodeInfo, constants: [String: GraphValue]) throws {
        try node.requireOnly(["mode", "coordinate_transformation_mode", "nearest_mode", "cubic_coeff_a", "exclude_outside"])
        let isUpsample = node.opType == "Upsample"
        mode = node.string("mode", default: "nearest")
        transform = node.string("coordinate_transformation_mode", default: isUpsample ? "asymmetric" : "half_pixel")
        nearestMode = node.string("nearest_mode", default: isUpsample ? "floor" : "round_prefer_floor")
        guard ["nearest", "linear", "bilinear"].contains(mode) else { throw InferenceError.unsupported(node, "mode '\(mode)'") }
        guard ["half_pixel", "pytorch_half_pixel", "align_corners", "asymmetric"].contains(transform) else {
            throw InferenceError.unsupported(node, "coordinate_transformation_mode '\(transform)'")
        }
        guard ["round_prefer_floor", "round_prefer_ceil", "floor", "ceil"].contains(nearestMode) else {
            throw InferenceError.unsupported(node, "nearest_mode '\(nearestMode)'")
        }
        if node.int("exclude_outside", default: 0) != 0 { throw InferenceError.unsupported(node, "exclude_outside=1") }
        self.node = node
    }

    private var scalesIndex: Int { node.opType == "Upsample" ? 1 : 2 }

    /// Per-axis scales as ONNX defines them (given, or output / input when sizes are given).
    private func scales(_ inputs: [PlannedValue?], shape: [Int]) throws -> (scales: [Float], out: [Int]) {
        if node.opType == "Resize", let sizes = try constantInts(inputs, 3), !sizes.isEmpty {
            guard sizes.count == shape.count else { throw InferenceError.invalid(node, "sizes \(sizes) for rank \(shape.count)") }
            return (shape.indices.map { Float(sizes[$0]) / Float(max(shape[$0], 1)) }, sizes)
        }
        guard let scales = try constantFloats(inputs, scalesIndex), scales.count == shape.count else {
            throw InferenceError.invalid(node, "needs scales (one per axis) or sizes")
        }
        return (scales, shape.indices.map { Int((Float(shape[$0]) * scales[$0]).rounded(.down)) })
    }

    func outputShape(_ inputs: [PlannedValue?]) throws -> [Int] {
        let shape = try shapeOf(inputs, 0)
        let (scales, out) = try scales(inputs, shape: shape)
        guard shape.count == 4, scales[0] == 1, scales[1] == 1 else {
            throw InferenceError.unsupported(node, "resizing other than the last two axes of [N, C, H, W]")
        }
        return out
    }

    func run(_ inputs: [GraphValue?], output: inout Tensor, context: inout RunContext) throws {
        let input = try floatInput(inputs, 0) // [N, C, H, W]
        let planned = inputs.map { $0.map { PlannedValue(shape: $0.shape, constant: $0) } }
        let (scales, _) = try scales(planned, shape: input.shape)
        let (h, w, oh, ow) = (input.shape[2], input.shape[3], output.shape[2], output.shape[3])
        let rows = (0..<oh).map { source($0, scale: scales[2], inSize: h, outSize: oh) }
        let cols = (0..<ow).map { source($0, scale: scales[3], inSize: w, outSize: ow) }
        let planes = input.shape[0] * input.shape[1]
        input.data.withUnsafeBufferPointer { x in
            output.data.withUnsafeMutableBufferPointer { y in
                for p in 0..<planes {
                    let inPlane = p * h * w, outPlane = p * oh * ow
                    for (oy, r) in rows.enumerated() {
                        for (ox, c) in cols.enumerated() {
                            let top = x[inPlane + r.low * w + c.low] * (1 - c.weight) + x[inPlane + r.low * w + c.high] * c.weight
                            let bottom = x[inPlane + r.high * w + c.low] * (1 - c.weight) + x[inPlane + r.high * w + c.high] * c.weight
                            y[outPlane + oy * ow + ox] = top * (1 - r.weight) + bottom * r.weight
                        }
                    }
                }
            }
        }
    }

    /// Where output index `o` samples the input: two neighbours and the weight of the second
    /// (nearest mode: both neighbours the chosen one).
    private func source(_ o: Int, scale: Float, inSize: Int, outSize: Int) -> (low: Int, high: Int, weight: Float) {
        var x: Float
        switch transform {
        case "align_corners": x = outSize > 1 ? Float(o) * Float(inSize - 1) / Float(outSize - 1) : 0
        case "asymmetric": x = Float(o) / scale
        case "pytorch_half_pixel": x = outSize > 1 ? (Float(o) + 0.5) / scale - 0.5 : 0
        default: x = (Float(o) + 0.5) / scale - 0.5
        }
        if mode == "nearest" {
            let i: Float
            switch nearestMode {
            case "floor": i = x.rounded(.down)
            case "ceil": i = x.rounded(.up)
            case "round_prefer_ceil": i = (x + 0.5).rounded(.down)
            default: i = x == x.rounded(.down) + 0.5 ? x.rounded(.down) : x.rounded()
            }
            let index = min(max(Int(i), 0), inSize - 1)
            return (index, index, 0)
        }
        x = min(max(x, 0), Float(inSize - 1))
        let low = Int(x.rounded(.down))
        return (low, min(low + 1, inSize - 1), x - Float(low))
    }

    func flops(_ inputs: [[Int]], output: [Int]) -> Int { mode == "nearest" ? 0 : 6 * output.elementCount }
}
