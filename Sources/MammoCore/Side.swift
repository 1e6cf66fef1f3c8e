// Which breast an image shows, as DICOM writes it in ImageLaterality (0020,0062).

public enum Side: String, Codable, Sendable, CaseIterable, Comparable {
    case right = "R"
    case left = "L"

    /// Reads "R", "L" (any case, surrounding spaces ignored); "B" (both) and anything else is nil.
    public init?(dicomCode: String) {
        switch dicomCode.trimmedSpaces.uppercased() {
        case "R": self = .right
        case "L": self = .left
        default: return nil
        }
    }

    public var opposite: Side { self == .right ? .left : .right }
    public var name: String { self == .right ? "right" : "left" }

    public static func < (a: Side, b: Side) -> Bool { a == .right && b == .left }
}
