// Kernel size, strides, dilations and padding of Conv and pooling nodes, resolved per input size
// (ONNX auto_pad: NOTSET with explicit pads, VALID, SAME_UPPER, SAME_LOWER; ceil_mode for pools).

struct SlidingWindow: Sendable {
    var kernel: [Int]       // [kH, kW]
    var strides: [Int]      // [sH, sW]
    var dilations: [Int]    // [dH, dW]
    var pads: [Int]         // [top, left, bottom, right]
    var autoPad: String
    var ceilMode: Bool

    /// Reads the window attributes; `kernel` comes from kernel_shape or, for Conv, the weights.
    init(_ node: NodeInfo, kernel: [Int]) throws {
        guard kernel.count == 2 else { throw InferenceError.unsupported(node, "\(kernel.count)-D window (only 2-D)") }
        self.kernel = kernel
        strides = node.ints("strides") ?? [1, 1]
        dilations = node.ints("dilations") ?? [1, 1]
        pads = node.ints("pads") ?? [0, 0, 0, 0]
        autoPad = node.string("auto_pad", default: "NOTSET")
        ceilMode = node.int("ceil_mode", default: 0) != 0
        guard strides.count == 2, dilations.count == 2, pads.count == 4,
              strides.allSatisfy({ $0 > 0 }), dilations.allSatisfy({ $0 > 0 }), pads.allSatisfy({ $0 >= 0 }),
              kernel.allSatisfy({ $0 > 0 }) else {
            throw InferenceError.invalid(node, "bad strides \(strides), dilations \(dilations), pads \(pads) or kernel \(kernel)")
        }
        guard ["NOTSET", "VALID", "SAME_UPPER", "SAME_LOWER"].contains(autoPad) else {
            throw InferenceError.unsupported(node, "auto_pad '\(autoPad)'")
        }
    }

    /// Output size and leading padding for one spatial axis.
    func resolve(axis: Int, size: Int) -> (out: Int, padBegin: Int, padEnd: Int) {
        let extent = (kernel[axis] - 1) * dilations[axis] + 1
        let stride = strides[axis]
        switch autoPad {
        case "VALID":
            return (max(0, (size - extent) / stride + 1), 0, 0)
        case "SAME_UPPER", "SAME_LOWER":
            let out = (size + stride - 1) / stride
            let total = max(0, (out - 1) * stride + extent - size)
            let begin = autoPad == "SAME_UPPER" ? total / 2 : total - total / 2
            return (out, begin, total - begin)
        default:
            let begin = pads[axis], end = pads[axis + 2]
            let span = size + begin + end - extent
            var out = (ceilMode ? (span + stride - 1) / stride : span / stride) + 1
            // ceil_mode: the last window must start inside the image or left padding (ONNX/PyTorch rule).
            if ceilMode, (out - 1) * stride >= size + begin { out -= 1 }
            return (max(0, out), begin, end)
        }
    }
}
