// The Study Root query/retrieve levels (PS3.4 C.6.2).
public enum QueryLevel: String, Sendable, CaseIterable, Codable {
    case study = "STUDY"
    case series = "SERIES"
    case image = "IMAGE"
}
