// The one error type of the DICOM module: which file, which attribute, and what is wrong.
import MammoCore

public struct DicomError: Error, CustomStringConvertible, Sendable, Equatable {
    public var path: String
    /// The attribute involved, e.g. "(7FE0,0010)", when one is.
    public var tag: String?
    public var reason: String

    public init(path: String, tag: String? = nil, reason: String) {
        self.path = path
        self.tag = tag.flatMap { $0.isEmpty ? nil : $0 }
        self.reason = reason
    }

    /// "FILE: (0028,0010) Rows is missing or zero" — file names are printable-cleaned.
    public var description: String {
        let file = PrintableText.clean(path)
        if let tag { return "\(file): \(tag) \(reason)" }
        return "\(file): \(reason)"
    }
}
