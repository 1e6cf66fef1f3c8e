// ConvGeometry in the form CKernels takes it.
import CKernels

extension ConvGeometry {
    /// The geometry as CKernels takes it; nil when a size does not fit its 32-bit fields (the caller falls
    /// back to the sgemm path instead of trapping).
    var kernelForm: ck_conv_geometry? {
        let values = [batch, inChannels, inHeight, inWidth, outChannels, kernelHeight, kernelWidth, strideH, strideW,
                      dilationH, dilationW, padTop, padLeft, outHeight, outWidth, groups].map { Int32(exactly: $0) }
        guard values.allSatisfy({ $0 != nil }) else { return nil }
        let v = values.map { $0 ?? 0 }
        return ck_conv_geometry(
            batch: v[0], in_channels: v[1], in_height: v[2], in_width: v[3], out_channels: v[4], kernel_height: v[5],
            kernel_width: v[6], stride_h: v[7], stride_w: v[8], dilation_h: v[9], dilation_w: v[10], pad_top: v[11],
            pad_left: v[12], out_height: v[13], out_width: v[14], groups: v[15]
        )
    }
}
