// Value-of-interest definitions as a DICOM file states them (PS3.3 C.11.2): windows and LUTs.
// Imaging applies them; DICOM reads them.

/// VOI LUT Function (0028,1056).
public enum VOILUTFunction: String, Codable, Sendable {
    case linear = "LINEAR"
    case linearExact = "LINEAR_EXACT"
    case sigmoid = "SIGMOID"
}

/// One window from Window Center (0028,1050) / Window Width (0028,1051).
public struct VOIWindow: Hashable, Codable, Sendable {
    public var center: Double
    public var width: Double
    public var explanation: String
    public init(center: Double, width: Double, explanation: String = "") {
        self.center = center; self.width = width; self.explanation = explanation
    }
}

/// A lookup table from a Modality LUT or VOI LUT Sequence item: LUT Descriptor (0028,3002)
/// gives the entry count, the first stored value mapped, and the bits per entry.
public struct LookupTable: Hashable, Codable, Sendable {
    public var firstMapped: Int
    public var bitsPerEntry: Int
    public var entries: [UInt16]
    public var explanation: String
    public init(firstMapped: Int, bitsPerEntry: Int, entries: [UInt16], explanation: String = "") {
        self.firstMapped = firstMapped; self.bitsPerEntry = bitsPerEntry
        self.entries = entries; self.explanation = explanation
    }

    /// The LUT output for an input value; inputs outside the table clamp to its ends.
    public func value(at input: Int) -> UInt16 {
        guard !entries.isEmpty else { return 0 }
        let index = min(max(input - firstMapped, 0), entries.count - 1)
        return entries[index]
    }

    public var maxOutput: Int { (1 << min(max(bitsPerEntry, 1), 16)) - 1 }
}
