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

    /// True for the identity and content conflicts a user must resolve by hand.
    public var isConflict: Bool {
        [.duplicateConflict, .instanceConflict, .seriesConflict, .studyConflict].contains(code)
    }
}
