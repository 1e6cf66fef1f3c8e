// One element of a JSON array decoded on its own: a malformed element keeps its decoding error
// instead of failing the whole file, so the other elements still import and the bad one is
// reported by its index (annotations[i]). Encodes as the element itself.

struct LossyElement<Value: Codable>: Codable {
    var value: Value?
    var error: String?

    init(_ value: Value) { self.value = value }

    init(from decoder: Decoder) throws {
        do {
            value = try Value(from: decoder)
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            error = Self.describe(context)
        } catch let DecodingError.keyNotFound(key, context) {
            error = "\"\(key.stringValue)\" is missing" + (context.codingPath.isEmpty ? "" : " in \(Self.path(context))")
        } catch let DecodingError.dataCorrupted(context) {
            error = Self.describe(context)
        } catch {
            self.error = "\(error)"
        }
    }

    func encode(to encoder: Encoder) throws { try value.encode(to: encoder) }

    /// "x: not the expected type" with the field path inside the element.
    static func describe(_ context: DecodingError.Context) -> String {
        let field = path(context)
        return (field.isEmpty ? "" : "\(field): ") + context.debugDescription
    }

    static func path(_ context: DecodingError.Context) -> String {
        // The first key is the element's index in the array: the caller names it.
        context.codingPath.dropFirst().map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}
