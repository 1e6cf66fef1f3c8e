// The input statistics of one view (or their means over an exam's views), by name; any may be
// missing. Fixed slots and a mask, not a dictionary: a million exams' loading and drift grouping
// hashed nine names per exam, a third of the monitor's time. In JSON an object of the measured
// ones, {"p05": 0.1, "noise": 0.004, ...}; names it does not know are ignored when read.

public struct InputValues: Sendable, Hashable, Codable {
    /// "p05" "p50" "p95" (0–1 by bit depth), "noise", "breastAreaMM2", "spacingMM", "kvp", "exposureMAs",
    /// "thicknessMM": the slots, in order (the library's ai_input columns).
    public static let names = ["p05", "p50", "p95", "noise", "breastAreaMM2", "spacingMM", "kvp", "exposureMAs", "thicknessMM"]

    public static func index(of name: String) -> Int? { names.firstIndex(of: name) }

    private var present: UInt16 = 0
    private var v0 = 0.0, v1 = 0.0, v2 = 0.0, v3 = 0.0, v4 = 0.0, v5 = 0.0, v6 = 0.0, v7 = 0.0, v8 = 0.0

    public init() {}

    /// Names not among `names` are dropped.
    public init(_ values: [String: Double]) {
        for (name, value) in values { if let index = Self.index(of: name) { self[index] = value } }
    }

    public subscript(index: Int) -> Double? {
        get {
            guard index >= 0, index < Self.names.count, present & (1 << UInt16(index)) != 0 else { return nil }
            switch index {
            case 0: return v0
            case 1: return v1
            case 2: return v2
            case 3: return v3
            case 4: return v4
            case 5: return v5
            case 6: return v6
            case 7: return v7
            default: return v8
            }
        }
        set {
            guard index >= 0, index < Self.names.count else { return }
            let bit = UInt16(1) << UInt16(index)
            let value = newValue ?? 0
            if newValue == nil { present &= ~bit } else { present |= bit }
            switch index {
            case 0: v0 = value
            case 1: v1 = value
            case 2: v2 = value
            case 3: v3 = value
            case 4: v4 = value
            case 5: v5 = value
            case 6: v6 = value
            case 7: v7 = value
            default: v8 = value
            }
        }
    }

    public subscript(name: String) -> Double? {
        get { Self.index(of: name).flatMap { self[$0] } }
        set { if let index = Self.index(of: name) { self[index] = newValue } }
    }

    public var isEmpty: Bool { present == 0 }

    /// The measured ones by name.
    public var dictionary: [String: Double] {
        var out: [String: Double] = [:]
        for (index, name) in Self.names.enumerated() { if let value = self[index] { out[name] = value } }
        return out
    }

    public init(from decoder: any Decoder) throws {
        self.init(try [String: Double](from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try dictionary.encode(to: encoder)
    }
}
