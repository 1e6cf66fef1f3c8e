// A file whose identity contradicts the library: Patient -> Study -> Series -> Instance must hold
// as the files state it, so a UID claimed by a second owner is refused, never merged.
public struct IdentityConflict: Error, Sendable, Equatable {
    public enum Kind: String, Sendable, Codable {
        /// The SOP Instance UID is in the library under another series, study or patient.
        case instance = "instance-conflict"
        /// The Series Instance UID belongs to another study (or patient).
        case series = "series-conflict"
        /// The Study Instance UID belongs to another patient.
        case study = "study-conflict"
        /// One instance in two files that are both readable images: the first is kept.
        case duplicate = "duplicate"
    }

    public var kind: Kind
    /// The library's file that holds the contested identity.
    public var existingPath: String
    public var message: String

    public init(kind: Kind, existingPath: String, message: String) {
        self.kind = kind
        self.existingPath = existingPath
        self.message = message
    }
}
