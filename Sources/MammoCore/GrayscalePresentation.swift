// The grayscale pipeline parameters a file states: modality transform, VOI, polarity.
// DICOM fills it from a header; Imaging applies it (PS3.3 C.11.1 and C.11.2).

public struct GrayscalePresentation: Sendable, Equatable {
    public var rescaleSlope: Double
    public var rescaleIntercept: Double
    public var modalityLUT: LookupTable?
    public var windows: [VOIWindow]
    public var voiLUTFunction: VOILUTFunction
    public var voiLUTs: [LookupTable]
    /// MONOCHROME1: the lowest value is white; the display inverts.
    public var monochrome1: Bool
    public var bitsStored: Int
    public var isSigned: Bool

    public init(
        rescaleSlope: Double = 1, rescaleIntercept: Double = 0, modalityLUT: LookupTable? = nil,
        windows: [VOIWindow] = [], voiLUTFunction: VOILUTFunction = .linear, voiLUTs: [LookupTable] = [],
        monochrome1: Bool = false, bitsStored: Int = 16, isSigned: Bool = false
    ) {
        self.rescaleSlope = rescaleSlope; self.rescaleIntercept = rescaleIntercept; self.modalityLUT = modalityLUT
        self.windows = windows; self.voiLUTFunction = voiLUTFunction; self.voiLUTs = voiLUTs
        self.monochrome1 = monochrome1; self.bitsStored = bitsStored; self.isSigned = isSigned
    }
}
