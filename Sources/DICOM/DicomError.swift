// The one error type of the DICOM module: which file, which attribute, what is wrong, and what
// kind of defect it is (the code import reports to scripts).
import MammoCore

public struct DicomError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What kind of defect a file has, most basic first: a reader can only see a later kind
    /// once the earlier ones are absent. Raw values are the codes of `import --json`.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// The file cannot be opened or read at all (permissions, a folder, a link loop).
        case unreadable
        /// Not DICOM: no marker, no plausible first element, zero bytes.
        case notDICOM = "not-dicom"
        /// The data ends before an element or the pixel data does.
        case truncated
        /// The structure is broken: impossible lengths, elements out of order, junk.
        case malformed
        /// A required identifier (SOP, study, series UID) is missing.
        case missingAttribute = "missing-attribute"
        /// A DICOM object without Pixel Data (an SR, a presentation state): not an image.
        case noPixelData = "no-pixel-data"
        /// Rows, Columns, Bits Allocated/Stored, High Bit or Samples per Pixel are impossible.
        case geometry
        /// Valid DICOM that mammoterm cannot show (a transfer syntax, a photometric interpretation).
        case unsupported
        /// The pixel data does not match what the header says, or does not decode.
        case pixelData = "pixel-data"
        /// A window, rescale or pixel value that is not a finite number a display can hold.
        case nonFinite = "non-finite"
        /// Writing a file failed.
        case write
    }

    public var path: String
    /// The attribute involved, e.g. "(7FE0,0010)", when one is.
    public var tag: String?
    public var reason: String
    public var kind: Kind

    public init(path: String, tag: String? = nil, reason: String, kind: Kind = .malformed) {
        self.path = path
        self.tag = tag.flatMap { $0.isEmpty ? nil : $0 }
        self.reason = reason
        self.kind = kind
    }

    /// "FILE: (0028,0010) Rows is missing or zero" — file names are printable-cleaned.
    public var description: String {
        let file = PrintableText.clean(path)
        if let tag { return "\(file): \(tag) \(reason)" }
        return "\(file): \(reason)"
    }
}
