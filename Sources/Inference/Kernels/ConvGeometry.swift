// The sizes of one 2-D convolution, resolved from ONNX attributes and the input shape.

struct ConvGeometry: Sendable, Equatable {
    var batch: Int, inChannels: Int, inHeight: Int, inWidth: Int
    var outChannels: Int, kernelHeight: Int, kernelWidth: Int
    var strideH: Int, strideW: Int
    var dilationH: Int, dilationW: Int
    /// Zero padding before (top, left); the padding after follows from the output size.
    var padTop: Int, padLeft: Int
    var outHeight: Int, outWidth: Int
    var groups: Int

    var inChannelsPerGroup: Int { inChannels / groups }
    var outChannelsPerGroup: Int { outChannels / groups }
    /// Rows of the im2col matrix: one per (input channel of the group, kernel row, kernel column).
    var patchSize: Int { inChannelsPerGroup * kernelHeight * kernelWidth }
    var outPlane: Int { outHeight * outWidth }
    var inPlane: Int { inHeight * inWidth }

    /// A 1x1, stride-1, unpadded conv reads its input directly as the im2col matrix.
    var isPointwise: Bool {
        kernelHeight == 1 && kernelWidth == 1 && strideH == 1 && strideW == 1 && padTop == 0 && padLeft == 0
            && outHeight == inHeight && outWidth == inWidth
    }

    var multiplyAdds: Int { batch * outChannels * outPlane * patchSize }
}
