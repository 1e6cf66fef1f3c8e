// A value written as one string in every file the project reads and writes (a view as "RCC", a
// time as ISO 8601): Codable through that text, with the reason a string is refused.

public protocol TextCodable: Codable {
    /// The value a file's text stands for, nil when it stands for none.
    init?(codedText: String)
    var codedText: String { get }
    /// What the text should have been, for the error: "a view label such as RCC".
    static var codedTextExpectation: String { get }
}

extension TextCodable {
    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Self(codedText: text) else {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: decoder.codingPath,
                debugDescription: "\"\(PrintableText.clean(text))\" is not \(Self.codedTextExpectation)"))
        }
        self = value
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(codedText)
    }
}
