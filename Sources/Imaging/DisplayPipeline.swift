// Stored pixels to an 8-bit display raster: modality transform, area downsample, VOI (file's
// window or LUT, a chosen one, or an automatic one from the breast), polarity, flips.
// Downsampling before VOI keeps the per-pixel work on the small image.
import MammoCore

public struct DisplayRendering: Sendable {
    public var image: GrayImage<UInt8>
    /// The mapping used: a window (from the file, chosen, or automatic) or a VOI LUT.
    public var mapping: VOITransform.Mapping
    public var windowIsAutomatic: Bool
    /// How stored pixels map onto `image`, for overlays.
    public var geometry: DisplayGeometry
}

public enum DisplayPipeline {
    /// Stored pixels to modality values at `size`: a modality LUT is applied before averaging
    /// (it is not linear); the linear rescale after, on the small image.
    public static func modalityValues(_ stored: GrayImage<Int32>, presentation p: GrayscalePresentation,
                                      size: PixelSize, detail: Float) -> GrayImage<Float> {
        if p.modalityLUT != nil { return AreaDownsample.resize(ModalityTransform.apply(stored, p), to: size) }
        let slope = Float(p.rescaleSlope), intercept = Float(p.rescaleIntercept)
        let averaged = detail > 0 ? AreaDownsample.resizeKeepingDetail(stored, to: size, detail: detail)
                                  : AreaDownsample.resize(stored, to: size)
        return slope == 1 && intercept == 0 ? averaged : averaged.map { $0 * slope + intercept }
    }

    public static func render(
        stored: GrayImage<Int32>, presentation p: GrayscalePresentation,
        maxWidth: Int = .max, maxHeight: Int = .max,
        flipHorizontal: Bool = false, flipVertical: Bool = false,
        window override: VOIWindow? = nil, detail: Float = 0
    ) -> DisplayRendering {
        let size = AreaDownsample.fittingSize(width: stored.width, height: stored.height, maxWidth: maxWidth, maxHeight: maxHeight)
        let small = modalityValues(stored, presentation: p, size: size, detail: detail)
        var automatic = false
        let mapping: VOITransform.Mapping
        if let override {
            mapping = .window(center: override.center, width: override.width, function: p.voiLUTFunction)
        } else if let stated = VOITransform.mapping(from: p) {
            mapping = stated
        } else {
            let auto = AutoWindow.compute(small, monochrome1: p.monochrome1)
            mapping = .window(center: auto.center, width: auto.width, function: .linear)
            automatic = true
        }
        let display = VOITransform.apply(small, mapping: mapping, monochrome1: p.monochrome1)
        let bytes = display.map(\.unitByte)
        return DisplayRendering(
            image: bytes.flipped(horizontal: flipHorizontal, vertical: flipVertical),
            mapping: mapping, windowIsAutomatic: automatic,
            geometry: DisplayGeometry(stored: stored.size, display: size, flipHorizontal: flipHorizontal, flipVertical: flipVertical)
        )
    }
}
