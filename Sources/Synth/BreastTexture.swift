// The two power-law fields of one breast (gland layout and fine strands). Both views of the
// breast, and its priors, sample the same fields, so callers may make them once and share them.
import MammoCore

public struct BreastTexture: Sendable {
    public let layout: GrayImage<Float>
    public let fine: GrayImage<Float>

    /// 512 x 2048 texels at the model spacing: 143 mm radially (stretched) by 573 mm of arc,
    /// enough that the periodic field never visibly repeats inside a breast.
    static let columns = 512
    static let rows = 2048

    public init(anatomy: BreastAnatomy) {
        (layout, fine) = PowerLawTexture.generatePair(width: BreastTexture.columns, height: BreastTexture.rows,
                                                      beta: anatomy.textureBeta, seed: anatomy.textureSeed)
    }
}
