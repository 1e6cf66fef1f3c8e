// One breast's anatomy, drawn once per patient and side from a seed and reused by every exam of
// that patient, so a prior shows the same breast (sizes in mm, compressed as imaged).
import Foundation
import MammoCore

public struct BreastAnatomy: Sendable, Equatable {
    public var side: Side
    public var density: BreastDensity
    /// Compressed thickness in the CC view; the MLO is a little thicker.
    public var thicknessMM: Double
    public var compressionForceN: Double
    /// Chest wall to nipple tip along the image's horizontal axis.
    public var ccDepthMM: Double
    public var mloDepthMM: Double
    /// CC: extent at the chest wall above (lateral) and below (medial) the nipple level.
    public var ccLateralHalfMM: Double
    public var ccMedialHalfMM: Double
    /// CC: nipple level relative to the middle of the detector (positive: lower, medial).
    public var ccNippleOffsetMM: Double
    /// Silhouette exponent: about 2 is an ellipse, lower is more pointed.
    public var ccShapeExponent: Double
    /// How far the silhouette's curve would continue behind the detector's chest-wall edge, as a
    /// share of the depth: the breast is cut by the edge and meets it at an angle.
    public var chestWallOverhang: Double
    /// MLO: width of the axillary tail where it leaves the top edge.
    public var mloAxillaWidthMM: Double
    public var mloAxillaExponent: Double
    /// MLO: height of the inframammary fold and of the nipple, from the top edge.
    public var mloFoldMM: Double
    public var mloNippleMM: Double
    /// MLO pectoral muscle: width along the top edge, height along the chest wall, edge curvature
    /// (below 1 bulges out, above 1 is concave).
    public var pectoralWidthMM: Double
    public var pectoralHeightMM: Double
    public var pectoralCurve: Double
    public var nippleLengthMM: Double
    /// Spectral exponent of the anatomical texture.
    public var textureBeta: Double
    /// Share of the glandular region that is dense tissue.
    public var glandFraction: Double
    /// Angle (radians) toward which gland concentrates; upper-outer quadrant in most women.
    public var glandBias: Double
    public var subcutaneousFatMM: Double
    /// Fat lobule size (cell size of the septa network) and the share of cells that are fat
    /// lobules within dense tissue.
    public var lobuleSizeMM: Double
    public var fatLobuleShare: Double
    public var retromammaryFatMM: Double
    public var textureSeed: UInt64

    /// Draws a breast for a patient. Both sides share the patient's build (same `patientSeed`
    /// stream), then differ by a few per cent, as real breasts do.
    public init(patientSeed: UInt64, side: Side, density: BreastDensity, fieldHeightMM: Double) {
        var p = SynthRandom(seed: patientSeed, purpose: "breast-build")
        var s = SynthRandom(seed: patientSeed, purpose: "breast-side-" + side.rawValue)
        let jitter = { (r: inout SynthRandom) -> Double in r.uniform(0.95, 1.05) }
        self.side = side
        self.density = density
        let size = p.uniform(0, 1)  // small to large breasts
        thicknessMM = (38 + 27 * size + p.uniform(-4, 4)) * s.uniform(0.97, 1.03)
        compressionForceN = p.uniform(70, 150) * jitter(&s)
        ccDepthMM = (82 + 55 * size + p.uniform(-8, 8)) * jitter(&s)
        mloDepthMM = ccDepthMM + p.uniform(6, 16)
        let half = 72 + 30 * size + p.uniform(-5, 5)
        ccLateralHalfMM = half * p.uniform(0.95, 1.12) * jitter(&s)
        ccMedialHalfMM = half * p.uniform(0.85, 1.0) * jitter(&s)
        ccNippleOffsetMM = p.uniform(-12, 12) + s.uniform(-3, 3)
        ccShapeExponent = p.uniform(1.7, 2.5)
        chestWallOverhang = p.uniform(0.08, 0.25)
        mloFoldMM = fieldHeightMM * p.uniform(0.8, 0.93) * s.uniform(0.98, 1.02)
        mloNippleMM = mloFoldMM * p.uniform(0.58, 0.7)
        mloAxillaWidthMM = mloDepthMM * p.uniform(0.45, 0.62)
        mloAxillaExponent = p.uniform(1.1, 1.6)
        pectoralWidthMM = mloAxillaWidthMM * p.uniform(0.6, 0.9)
        pectoralHeightMM = mloNippleMM * p.uniform(0.55, 0.9) * jitter(&s)
        pectoralCurve = p.uniform(0.8, 1.0)
        nippleLengthMM = p.uniform(3, 7)
        let betaByDensity: [BreastDensity: Double] = [.a: 2.6, .b: 2.8, .c: 3.0, .d: 3.12]
        textureBeta = SynthMath.clamp((betaByDensity[density] ?? 3) + p.uniform(-0.08, 0.08), 2.5, 3.2)
        let fractionByDensity: [BreastDensity: Double] = [.a: 0.1, .b: 0.3, .c: 0.56, .d: 0.82]
        glandFraction = (fractionByDensity[density] ?? 0.3) + p.uniform(-0.04, 0.04)
        glandBias = p.uniform(-0.5, -0.1)
        subcutaneousFatMM = p.uniform(3, 8) * (density == .d || density == .c ? 0.6 : 1)
        lobuleSizeMM = p.uniform(6, 11)
        let lobulesByDensity: [BreastDensity: Double] = [.a: 0.4, .b: 0.3, .c: 0.22, .d: 0.15]
        fatLobuleShare = lobulesByDensity[density] ?? 0.5
        retromammaryFatMM = p.uniform(3, 10) * (density == .d ? 0.4 : density == .c ? 0.6 : 1)
        textureSeed = s.next()
    }
}
