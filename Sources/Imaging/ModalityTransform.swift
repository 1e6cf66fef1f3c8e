// Stored values to modality values: a Modality LUT when the file has one, else the linear
// rescale (PS3.3 C.11.1). Output is Float, so later steps need not care about bit depth.
import MammoCore

public enum ModalityTransform {
    public static func apply(_ stored: GrayImage<Int32>, _ p: GrayscalePresentation) -> GrayImage<Float> {
        if let lut = p.modalityLUT {
            return stored.map { Float(lut.value(at: Int($0))) }
        }
        let slope = Float(p.rescaleSlope), intercept = Float(p.rescaleIntercept)
        if slope == 1, intercept == 0 { return stored.map { Float($0) } }
        return stored.map { Float($0) * slope + intercept }
    }

    /// The range of modality values the stored bits can produce, for defaults and sliders.
    public static func range(_ p: GrayscalePresentation) -> ClosedRange<Double> {
        if let lut = p.modalityLUT { return 0...Double(lut.maxOutput) }
        let bits = min(max(p.bitsStored, 1), 32)
        let low = p.isSigned ? -pow(2.0, Double(bits - 1)) : 0
        let high = p.isSigned ? pow(2.0, Double(bits - 1)) - 1 : pow(2.0, Double(bits)) - 1
        let a = low * p.rescaleSlope + p.rescaleIntercept, b = high * p.rescaleSlope + p.rescaleIntercept
        return min(a, b)...max(a, b)
    }
}
