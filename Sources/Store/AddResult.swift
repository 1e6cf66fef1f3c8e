// What adding one image summary did to the library.

public enum AddResult: String, Sendable, Codable, CaseIterable {
    /// A new image row was written (the patient, study and series may have existed already).
    case added
    /// The image was known with exactly these facts: nothing was written.
    case unchanged
    /// The image was known but its file or facts changed: its rows were rewritten.
    case updated
}
