// The header's grayscale pipeline parameters, for Imaging.
import MammoCore

extension DicomHeader {
    public var grayscalePresentation: GrayscalePresentation {
        GrayscalePresentation(
            rescaleSlope: rescaleSlope, rescaleIntercept: rescaleIntercept, modalityLUT: modalityLUT,
            windows: windows, voiLUTFunction: voiLUTFunction, voiLUTs: voiLUTs,
            monochrome1: isMonochrome1, bitsStored: bitsStored, isSigned: pixelRepresentation == 1
        )
    }
}
