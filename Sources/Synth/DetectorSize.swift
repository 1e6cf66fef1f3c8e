// The two detector grids Synth writes. Both cover the same field of view, so one seed gives the
// same anatomy at either size; the smooth anatomy is modelled on the small grid's spacing.

public enum DetectorSize: String, Codable, Sendable, CaseIterable {
    /// 832 x 1024 at 0.28 mm: small enough to bundle, still a recognisable mammogram.
    case small
    /// 3328 x 4096 at 0.07 mm, like a common full-field digital mammography detector.
    case full

    public var columns: Int { self == .small ? 832 : 3328 }
    public var rows: Int { self == .small ? 1024 : 4096 }
    /// Square pixels, mm.
    public var pixelSpacingMM: Double { self == .small ? 0.28 : 0.07 }
    /// Pixels per anatomy-model cell along each axis: the model grid is always 0.28 mm.
    var modelFactor: Int { self == .small ? 1 : 4 }

    public var fieldWidthMM: Double { Double(columns) * pixelSpacingMM }
    public var fieldHeightMM: Double { Double(rows) * pixelSpacingMM }
    static let modelSpacingMM = 0.28
}
