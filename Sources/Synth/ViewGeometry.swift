// The breast's silhouette, nipple and pectoral muscle in one projection, in a canonical frame:
// millimetres, chest wall at x = 0, nipple toward +x, y down from the detector's top edge.
// Right-breast images are mirrored only when pixels are written.
import Foundation
import MammoCore

/// How the breast was positioned for one exam: priors differ from the current exam by a few mm.
public struct Positioning: Sendable, Equatable {
    public var verticalShiftMM: Double
    public var depthScale: Double
    public static let standard = Positioning(verticalShiftMM: 0, depthScale: 1)
    public init(verticalShiftMM: Double, depthScale: Double) {
        self.verticalShiftMM = verticalShiftMM
        self.depthScale = depthScale
    }
}

public struct ViewGeometry: Sendable {
    public let view: ViewPosition
    public let fieldWidthMM: Double
    public let fieldHeightMM: Double
    public let anatomy: BreastAnatomy
    /// Nipple tip (canonical mm).
    public let nippleX: Double
    public let nippleY: Double
    let depth: Double
    let upperHalf: Double  // CC: lateral half height; MLO: unused
    let lowerHalf: Double
    let foldY: Double       // MLO
    let pectoralWidth: Double
    let pectoralHeight: Double

    /// The MLO beam is tilted about 45 degrees from vertical: up in the image is superior and lateral.
    static let obliquity = 45.0 * Double.pi / 180

    public init(anatomy: BreastAnatomy, view: ViewPosition, fieldWidthMM: Double, fieldHeightMM: Double, positioning: Positioning = .standard) {
        self.view = view
        self.anatomy = anatomy
        self.fieldWidthMM = fieldWidthMM
        self.fieldHeightMM = fieldHeightMM
        if view == .mlo {
            depth = min(anatomy.mloDepthMM * positioning.depthScale, fieldWidthMM - 15)
            foldY = min(anatomy.mloFoldMM + positioning.verticalShiftMM, fieldHeightMM - 4)
            nippleY = anatomy.mloNippleMM + positioning.verticalShiftMM * 0.6
            upperHalf = 0
            lowerHalf = 0
            pectoralWidth = anatomy.pectoralWidthMM
            pectoralHeight = anatomy.pectoralHeightMM + positioning.verticalShiftMM * 0.5
        } else {
            depth = min(anatomy.ccDepthMM * positioning.depthScale, fieldWidthMM - 15)
            let centre = fieldHeightMM / 2 + anatomy.ccNippleOffsetMM + positioning.verticalShiftMM
            // Half-heights of the whole curve; the part left of the chest wall is cut off, so the
            // visible breast meets the edge a little inside these.
            upperHalf = min(anatomy.ccLateralHalfMM * 1.08, centre - 4)
            lowerHalf = min(anatomy.ccMedialHalfMM * 1.08, fieldHeightMM - centre - 4)
            nippleY = centre
            foldY = 0
            pectoralWidth = 0
            pectoralHeight = 0
        }
        nippleX = depth + anatomy.nippleLengthMM
    }

    /// How far the breast reaches from the chest wall at height y (0 where there is no breast).
    public func extent(atY y: Double) -> Double {
        let body: Double
        if view == .mlo {
            if y < 0 || y >= foldY {
                body = 0
            } else if y < nippleY {
                let t = y / nippleY
                let e0 = anatomy.mloAxillaWidthMM
                // Nearly straight from the axilla, rounding off toward the nipple.
                body = e0 + (depth - e0) * (1 - pow(1 - t, anatomy.mloAxillaExponent))
            } else {
                let t = (y - nippleY) / (foldY - nippleY)
                let overhang = depth * anatomy.chestWallOverhang
                body = (depth + overhang) * pow(max(0, 1 - pow(t, 2.2)), 0.5) - overhang
            }
        } else {
            let b = y - nippleY
            let u = b < 0 ? -b / upperHalf : b / lowerHalf
            let overhang = depth * anatomy.chestWallOverhang
            body = u >= 1 ? 0 : (depth + overhang) * pow(1 - u * u, 1 / anatomy.ccShapeExponent) - overhang
        }
        guard body > 0 else { return 0 }
        let dy = (y - nippleY) / 4.5
        return body + anatomy.nippleLengthMM * exp(-dy * dy)
    }

    /// Signed distance (mm) into the pectoral muscle, positive inside; very negative on a CC.
    public func pectoralDepth(x: Double, y: Double) -> Double {
        guard view == .mlo, pectoralWidth > 0, pectoralHeight > 0 else { return -1000 }
        guard y < pectoralHeight else {
            // Below the muscle's lower tip: distance to that tip, outside.
            return -((y - pectoralHeight) * (y - pectoralHeight) + x * x).squareRoot()
        }
        let t = max(0, y) / pectoralHeight
        let edge = pectoralWidth * pow(1 - t, anatomy.pectoralCurve)
        // The edge is nearly a straight line from (w, 0) to (0, h): scale the horizontal gap by
        // its slope to approximate the perpendicular distance.
        let slope = pectoralWidth / pectoralHeight
        return (edge - x) / (1 + slope * slope).squareRoot()
    }

    /// Where a point given relative to the nipple lands in this view: `depth` mm toward the chest
    /// wall, `lateral` mm toward the patient's side, `superior` mm toward the head.
    public func project(depthMM: Double, lateralMM: Double, superiorMM: Double) -> (x: Double, y: Double) {
        let x = depth - depthMM
        if view == .mlo {
            let up = superiorMM * cos(ViewGeometry.obliquity) + lateralMM * sin(ViewGeometry.obliquity)
            return (x, nippleY - up)
        }
        // CC: lateral is toward the top of the image (PatientOrientation row direction L for RCC).
        return (x, nippleY - lateralMM)
    }

    /// The 2x3 projection from breast axes (depth, lateral, superior) to view axes (x, y).
    var projectionMatrix: [[Double]] {
        if view == .mlo {
            return [[-1, 0, 0], [0, -sin(ViewGeometry.obliquity), -cos(ViewGeometry.obliquity)]]
        }
        return [[-1, 0, 0], [0, -1, 0]]
    }

    /// True when a disc of `radius` around (x, y) lies inside the breast, `margin` mm from the skin
    /// and the detector edge, and clear of the pectoral muscle.
    public func contains(x: Double, y: Double, radius: Double, margin: Double) -> Bool {
        let r = radius + margin
        for k in 0..<24 {
            let a = Double(k) * Double.pi / 12
            let px = x + r * cos(a), py = y + r * sin(a)
            if py < 2 || py > fieldHeightMM - 2 || px < 2 { return false }
            if px >= extent(atY: py) - anatomy.nippleLengthMM { return false }
        }
        if view == .mlo && pectoralDepth(x: x, y: y) > -(radius + margin) { return false }
        return x - r > 2
    }
}
