// A Content-Type value split into its type and parameters (RFC 9110 8.3.1, RFC 2046 5.1.1):
// `multipart/related; type="application/dicom"; boundary="a b;c"` → multipart/related,
// [type: application/dicom, boundary: a b;c]. Quoted strings may hold ';' and '\"'.
import Foundation

public struct MediaType: Sendable, Equatable {
    /// Lower-cased "type/subtype".
    public var type: String
    /// Parameter names lower-cased, values as given (quotes and escapes removed).
    public var parameters: [String: String]

    public init(type: String, parameters: [String: String] = [:]) {
        self.type = type.lowercased()
        self.parameters = parameters
    }

    public init?(_ text: String) {
        var pieces: [String] = []
        var current = ""
        var quoted = false
        var escaped = false
        for character in text {
            if escaped { current.append(character); escaped = false; continue }
            if quoted && character == "\\" { current.append(character); escaped = true; continue }
            if character == "\"" { quoted.toggle() }
            if character == ";" && !quoted { pieces.append(current); current = ""; continue }
            current.append(character)
        }
        pieces.append(current)
        let mediaType = pieces[0].trimmingCharacters(in: .whitespaces).lowercased()
        guard !mediaType.isEmpty, mediaType.contains("/") else { return nil }
        var parameters: [String: String] = [:]
        for piece in pieces.dropFirst() {
            guard let equals = piece.firstIndex(of: "=") else { continue }
            let name = piece[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            var value = piece[piece.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                var unquoted = ""
                var escape = false
                for character in value.dropFirst().dropLast() {
                    if escape { unquoted.append(character); escape = false } else if character == "\\" { escape = true } else { unquoted.append(character) }
                }
                value = unquoted
            }
            if !name.isEmpty { parameters[name] = value }
        }
        self.type = mediaType
        self.parameters = parameters
    }
}
