// Where a lesion is, in the words of a mammography report: the breast, the clock face, the
// depth third and the distance from the nipple ("right breast, 10 o'clock, middle third, 46 mm
// from the nipple"). The clock needs both views of the breast (how far lateral from the CC,
// how far superior from the MLO); one view gives its aspect only.
import Foundation

public struct LesionLocation: Codable, Hashable, Sendable {
    public enum Depth: String, Codable, Sendable { case anterior, middle, posterior }

    public var side: Side
    /// 1–12 as the clock is read facing the patient (12 superior; lateral is 9 on the right
    /// breast, 3 on the left); nil without both views, or behind the nipple.
    public var clock: Int?
    /// The third of the nipple-to-chest-wall distance the lesion lies in; nil without a frame.
    public var depth: Depth?
    /// Straight-line distance from the nipple on this view, mm (nil without a frame or spacing).
    public var nippleDistanceMM: Double?
    /// What this view alone tells: "lateral"/"medial" on a CC, "superior"/"inferior" on an MLO,
    /// "subareolar" just behind the nipple; nil without a frame.
    public var aspect: String?

    public init(side: Side, clock: Int? = nil, depth: Depth? = nil, nippleDistanceMM: Double? = nil, aspect: String? = nil) {
        self.side = side; self.clock = clock; self.depth = depth; self.nippleDistanceMM = nippleDistanceMM; self.aspect = aspect
    }

    enum CodingKeys: String, CodingKey { case side, clock, depth, nippleDistanceMM, aspect }

    /// Every key written, null where unknown: scripts read a fixed shape.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(side, forKey: .side)
        try c.encode(clock, forKey: .clock)
        try c.encode(depth, forKey: .depth)
        try c.encode(nippleDistanceMM, forKey: .nippleDistanceMM)
        try c.encode(aspect, forKey: .aspect)
    }

    /// The MLO projection's angle from the vertical: 45 degrees, the usual positioning (the
    /// clock is read to the hour, which a few degrees either way does not change).
    public static let mloObliquity = 45.0 * Double.pi / 180

    /// Closer than this to the nipple on both views, a lesion is subareolar and has no clock.
    public static let subareolarMM = 10.0

    /// A lesion's location from its centre on `frame`'s view, and, when the same lesion was
    /// found on the other view of the breast, its centre there (`other` with its frame).
    public static func locate(_ center: PixelPoint, in frame: BreastFrame?, side: Side,
                              other: (center: PixelPoint, frame: BreastFrame)? = nil) -> LesionLocation {
        guard let frame else { return LesionLocation(side: side) }
        let o = frame.offset(of: center)
        var location = LesionLocation(side: side)
        if frame.nippleToChestWall > 0 {
            let share = o.posterior / frame.nippleToChestWall
            location.depth = share < 1.0 / 3 ? .anterior : share < 2.0 / 3 ? .middle : .posterior
        }
        let mm = frame.offsetMM(of: center)
        if let mm { location.nippleDistanceMM = ((mm.posterior * mm.posterior + mm.up * mm.up).squareRoot() * 10).rounded() / 10 }
        // The sign of the offset is the same in pixels and in mm.
        switch frame.position {
        case .cc: location.aspect = o.up >= 0 ? "lateral" : "medial"
        case .mlo: location.aspect = o.up >= 0 ? "superior" : "inferior"
        default: location.aspect = nil
        }
        // The clock: lateral from the CC, superior from the MLO.
        if let other, other.frame.side == frame.side, let mine = mm, let theirs = other.frame.offsetMM(of: other.center) {
            let lateral: Double, mloUp: Double
            switch (frame.position, other.frame.position) {
            case (.cc, .mlo): lateral = mine.up; mloUp = theirs.up
            case (.mlo, .cc): lateral = theirs.up; mloUp = mine.up
            default: return location
            }
            // The MLO's top is superolateral: its "up" mixes both axes; the CC's lateral
            // offset takes the lateral share back out.
            let superior = (mloUp - lateral * sin(Self.mloObliquity)) / cos(Self.mloObliquity)
            if abs(lateral) < subareolarMM && abs(superior) < subareolarMM
                && (mine.posterior * mine.posterior + mine.up * mine.up).squareRoot() < 3 * subareolarMM {
                location.aspect = "subareolar"
                return location
            }
            location.clock = clock(lateral: lateral, superior: superior, side: side)
        } else if let mine = mm, abs(mine.up) < subareolarMM, mine.posterior < 3 * subareolarMM {
            location.aspect = "subareolar"
        }
        return location
    }

    /// The hour for an offset from the nipple as seen facing the patient: the right breast's
    /// lateral side is on the viewer's left (9 o'clock), the left breast's on the right (3).
    public static func clock(lateral: Double, superior: Double, side: Side) -> Int {
        let towardViewerRight = side == .right ? -lateral : lateral
        var degrees = atan2(towardViewerRight, superior) * 180 / Double.pi   // 0 at 12, clockwise
        if degrees < 0 { degrees += 360 }
        let hour = Int((degrees / 30).rounded()) % 12
        return hour == 0 ? 12 : hour
    }

    /// The report's short form: "R 10 o'clock, middle, 46 mm FN" (FN: from the nipple).
    public var text: String {
        var parts: [String] = []
        if let clock { parts.append("\(side.rawValue) \(clock) o'clock") }
        else if let aspect { parts.append("\(side.rawValue) \(aspect)") }
        else { parts.append(side.rawValue) }
        if let depth { parts.append(depth.rawValue) }
        if let d = nippleDistanceMM { parts.append("\(Int(d.rounded())) mm FN") }
        return parts.joined(separator: ", ")
    }
}
