// A coded entry of a structured report (code value, coding scheme, meaning; PS3.3 C.17.3.2.2).
// Two codes are the same concept when value and scheme agree; the meaning is for people.

public struct SRCode: Hashable, Sendable, CustomStringConvertible {
    public var value: String
    public var scheme: String
    public var meaning: String

    public init(_ value: String, _ scheme: String, _ meaning: String) {
        self.value = value
        self.scheme = scheme
        self.meaning = meaning
    }

    /// Same concept: value and scheme (SRT and SCT name the same SNOMED codes).
    public func means(_ other: SRCode) -> Bool {
        value == other.value && Self.canonical(scheme) == Self.canonical(other.scheme)
    }

    static func canonical(_ scheme: String) -> String { scheme == "SRT" ? "SCT" : scheme }

    public var description: String { "(\(value), \(scheme), \"\(meaning)\")" }
}
