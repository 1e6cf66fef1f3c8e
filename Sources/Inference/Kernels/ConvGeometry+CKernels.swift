// ConvGeometry in the form CKernels takes it.
import CKernels

extension ConvGeometry {
    /// The geometry as CKernels takes it.
    var kernelForm: ck_conv_geometry {
        ck_conv_geometry(
            batch: Int32(batch), in_channels: Int32(inChannels), in_height: Int32(inHeight), in_width: Int32(inWidth),
            out_channels: Int32(outChannels), kernel_height: Int32(kernelHeight), kernel_width: Int32(kernelWidth),
            stride_h: Int32(strideH), stride_w: Int32(strideW), dilation_h: Int32(dilationH), dilation_w: Int32(dilationW),
            pad_top: Int32(padTop), pad_left: Int32(padLeft), out_height: Int32(outHeight), out_width: Int32(outWidth),
            groups: Int32(groups)
        )
    }
}
