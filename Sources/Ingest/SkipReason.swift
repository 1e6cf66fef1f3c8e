// Why import (or a receiver) did not take a file: a stable code for scripts (`import --json`)
// and the text a user reads. Codes are a contract: add new ones, never rename.
import DICOM
import Store

public struct SkipReason: Sendable, Hashable, Codable {
    public enum Code: String, Sendable, Codable, CaseIterable {
        case unreadable, truncated, malformed, geometry, unsupported
        case notDICOM = "not-dicom"
        case missingAttribute = "missing-attribute"
        case noPixelData = "no-pixel-data"
        case pixelData = "pixel-data"
        case nonFinite = "non-finite"
        /// Another file holds the same instance with the same pixels: it is kept, this one is a copy.
        case duplicate
        /// Another file holds the same instance with different pixels: the first is kept.
        case duplicateConflict = "duplicate-conflict"
        case instanceConflict = "instance-conflict"
        case seriesConflict = "series-conflict"
        case studyConflict = "study-conflict"
        /// The library refused the row for another reason (a constraint, a write error).
        case library
        /// A structured report with nothing mammoterm can use: another template, a study not in
        /// the library, no finding left after its items were checked.
        case report
    }

    public var code: Code
    public var text: String

    public init(_ code: Code, _ text: String) {
        self.code = code
        self.text = text
    }

    public init(_ error: DicomError) {
        let code = Code(rawValue: error.kind.rawValue) ?? .malformed
        self.init(code, error.tag.map { "\($0) \(error.reason)" } ?? error.reason)
    }

    public init(_ error: StoreError) {
        guard let conflict = error.conflict else {
            self.init(.library, error.reason)
            return
        }
        switch conflict.kind {
        case .instance: self.init(.instanceConflict, conflict.message)
        case .series: self.init(.seriesConflict, conflict.message)
        case .study: self.init(.studyConflict, conflict.message)
        case .duplicate: self.init(.duplicate, conflict.message)
        }
    }
}

extension SkipReason.Code {
    /// True for the identity and content conflicts a user must resolve by hand.
    public var isConflict: Bool {
        [.duplicateConflict, .instanceConflict, .seriesConflict, .studyConflict].contains(self)
    }

    /// What the code means, for the import summary.
    public var meaning: String {
        switch self {
        case .unreadable: "could not be read (permissions, a folder, a link loop)"
        case .notDICOM: "named as DICOM but not DICOM (or empty)"
        case .truncated: "cut short, or an element's length runs past the end"
        case .malformed: "a damaged structure"
        case .missingAttribute: "a required UID missing"
        case .noPixelData: "no Pixel Data: not an image"
        case .geometry: "impossible rows, columns, bits or samples"
        case .unsupported: "a transfer syntax, photometric or bit depth not shown"
        case .pixelData: "pixel data that contradicts its header or does not decode"
        case .nonFinite: "a window or rescale value that is not a finite number"
        case .duplicate: "copies of an image already in the library (same pixels)"
        case .duplicateConflict: "conflict: one instance, different pixels (the first is kept)"
        case .instanceConflict: "conflict: a SOP Instance UID already in another study"
        case .seriesConflict: "conflict: a series that belongs to another study"
        case .studyConflict: "conflict: a study that belongs to another patient"
        case .library: "refused by the library"
        case .report: "a structured report with nothing to import (another template, study not here)"
        }
    }
}
