// A moment as the project writes it: ISO 8601 in UTC, milliseconds when it makes one. It keeps
// the text it was read from, so hash-chained records and imported files round-trip byte for
// byte, and compares by the moment. The only place a time is formatted or parsed.
import Foundation

public struct Timestamp: TextCodable, Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The ISO 8601 text, exactly as written or read.
    public let text: String
    public let date: Date

    private static let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    private static let plain = Date.ISO8601FormatStyle()

    /// `date` written with milliseconds, e.g. 2026-03-14T09:30:00.125Z.
    public init(_ date: Date) {
        self.text = date.formatted(Self.fractional)
        // The moment as written (milliseconds), so a Timestamp equals its own round trip.
        self.date = (try? Self.fractional.parse(text)) ?? date
    }

    /// Parses ISO 8601 with or without fractional seconds; nil when `text` is not such a time.
    public init?(text: String) {
        guard let date = (try? Self.plain.parse(text)) ?? (try? Self.fractional.parse(text)) else { return nil }
        self.text = text
        self.date = date
    }

    public static var now: Timestamp { Timestamp(Date()) }

    public var description: String { text }

    /// To the minute in UTC for tight places on screen: "2026-03-14 09:30 UTC".
    public var minuteText: String {
        let utc = date.formatted(Self.fractional)
        return String(utc.prefix(10)) + " " + String(utc.dropFirst(11).prefix(5)) + " UTC"
    }

    /// DICOM DA and TM of the moment in UTC: "20260314", "093000.125".
    public var dicomDate: String {
        let utc = date.formatted(Self.fractional)
        return utc.prefix(10).filter { $0 != "-" }
    }
    public var dicomTime: String {
        let utc = date.formatted(Self.fractional)
        return String(utc.dropFirst(11).prefix(12).filter { $0 != ":" && $0 != "Z" })
    }

    public init?(codedText: String) { self.init(text: codedText) }
    public var codedText: String { text }
    public static let codedTextExpectation = "an ISO 8601 time such as 2026-03-14T09:30:00Z"

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.date != b.date ? a.date < b.date : a.text < b.text }
    public static func == (a: Timestamp, b: Timestamp) -> Bool { a.text == b.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }
}

/// Literals in code and tests ("2026-03-14T09:30:00Z"). A literal that is not such a time is a
/// programmer's error and stops the program; text from outside goes through `init(text:)`.
extension Timestamp: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) {
        guard let stamp = Timestamp(text: value) else { preconditionFailure("not an ISO 8601 time literal: \(value)") }
        self = stamp
    }
}
