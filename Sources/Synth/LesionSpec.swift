// A lesion as it sits in the breast, independent of any view: position relative to the nipple,
// size and a seed for its details (outline wobble, spicules, specks), so the CC and the MLO, and
// a prior, all show the same lesion.
import Foundation
import MammoCore

public struct LesionSpec: Sendable, Equatable {
    public var id: String
    public var shape: LesionShape
    public var pathology: Pathology
    public var side: Side
    /// Largest dimension of a mass, or the extent of a calcification cluster.
    public var diameterMM: Double
    /// Centre relative to the nipple: toward the chest wall, toward the patient's side, toward the head.
    public var depthMM: Double
    public var lateralMM: Double
    public var superiorMM: Double
    public var detailSeed: UInt64
    /// How many calcification specks are present (priors show fewer); nil: all of them.
    public var speckLimit: Int?

    public var type: LesionType { shape.type }

    public init(id: String, shape: LesionShape, pathology: Pathology, side: Side, diameterMM: Double,
                depthMM: Double, lateralMM: Double, superiorMM: Double, detailSeed: UInt64, speckLimit: Int? = nil) {
        self.id = id; self.shape = shape; self.pathology = pathology; self.side = side
        self.diameterMM = diameterMM; self.depthMM = depthMM; self.lateralMM = lateralMM
        self.superiorMM = superiorMM; self.detailSeed = detailSeed; self.speckLimit = speckLimit
    }

    /// Radius of the disc that must fit inside the breast (spicules and scatter included).
    var clearanceRadiusMM: Double {
        switch shape {
        case .spiculated: diameterMM * 1.4
        case .punctate, .coarse, .pleomorphic: diameterMM * 0.6 + 1
        default: diameterMM * 0.6
        }
    }

    /// This lesion's details, drawn from its own seed (independent of the view).
    var details: LesionDetails { LesionDetails(spec: self) }
}
