// One content item of a structured report's tree, flat: its parent's index, how it relates to
// that parent, its concept name and its value (PS3.3 C.17.3). SRContentTree holds them in
// document order.
import MammoCore

public struct SRContentItem: Hashable, Sendable {
    public enum Relationship: String, Hashable, Sendable {
        case root = "ROOT"
        case contains = "CONTAINS"
        case hasProperties = "HAS PROPERTIES"
        case hasObservationContext = "HAS OBS CONTEXT"
        case hasAcquisitionContext = "HAS ACQ CONTEXT"
        case hasConceptModifier = "HAS CONCEPT MOD"
        case inferredFrom = "INFERRED FROM"
        case selectedFrom = "SELECTED FROM"
        case unknown = "UNKNOWN"
    }

    /// Spatial coordinates' graphic types (PS3.3 C.18.6.1.2).
    public enum GraphicType: String, Hashable, Sendable {
        case point = "POINT", multipoint = "MULTIPOINT", polyline = "POLYLINE", circle = "CIRCLE", ellipse = "ELLIPSE"
    }

    public enum Value: Hashable, Sendable {
        /// A container; `template` is its template identifier ("4000") when it says one.
        case container(template: String?)
        case text(String)
        case code(SRCode)
        /// A number as written (DS) with its UCUM unit.
        case number(String, unit: SRCode)
        /// Points in image pixels (column, row: x, y).
        case coordinates(GraphicType, [PixelPoint])
        case image(sopClassUID: String, sopInstanceUID: String)
        case composite(sopClassUID: String, sopInstanceUID: String)
        case dateTime(String), date(String), time(String), uid(String), personName(String)
        /// A by-reference relationship to the item at this index (nil when it cannot be found).
        case reference(Int?)
        /// A value type mammoterm does not use (SCOORD3D, TCOORD, WAVEFORM), by name.
        case other(String)
    }

    /// Index of the parent item; nil for the root.
    public var parent: Int?
    public var relationship: Relationship
    /// Nil for by-reference items, which have no concept of their own.
    public var concept: SRCode?
    public var value: Value

    public init(parent: Int?, relationship: Relationship, concept: SRCode?, value: Value) {
        self.parent = parent
        self.relationship = relationship
        self.concept = concept
        self.value = value
    }
}
