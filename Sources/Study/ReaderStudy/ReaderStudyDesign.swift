// A reader study as the coordinator created it (`mammoterm study create`): which readers read
// which cases under which arms (reading protocols), the washout between arms and the seed that
// fixes every reader's case order. The plan and progress are derived from it; nothing else about
// a study is stored. The library keeps it as the JSON below (`json()`, `init(json:)`):
//
//   {"arms": ["unaided", "second-look"],          // ReadingProtocol raw values, reading-order rotation base
//    "cases": ["1.2.840...", ...],                 // StudyInstanceUIDs, the order Fisher–Yates starts from
//    "createdAt": "2026-03-14T09:30:00.000Z",      // Timestamp text
//    "format": "mammoterm-reader-study", "version": 1,
//    "name": "ai-2026",
//    "readers": ["a", "b", "c"],                   // design order: reader i gets arm rotation i mod arms
//    "seed": "42",                                 // UInt64 as decimal text: jq and JavaScript read numbers as doubles
//    "washoutSeconds": 2419200}
//
// Keys sorted, no whitespace, slashes not escaped: the same design always gives the same bytes.
// A newer `version` is refused with a hint to upgrade.
import Foundation
import MammoCore

public struct ReaderStudyDesign: Codable, Sendable, Hashable {
    public static let format = "mammoterm-reader-study"
    public static let version = 1

    public var name: String
    /// The reading arms, at least 2, distinct.
    public var arms: [ReadingProtocol]
    /// Reader ids as read records carry them; at least 1, distinct, not blank.
    public var readers: [String]
    /// StudyInstanceUIDs; at least 1, distinct, not blank.
    public var cases: [String]
    /// How long after a reader's last final decision in one arm the next arm opens.
    public var washoutSeconds: Double
    public var seed: UInt64
    public var createdAt: Timestamp

    /// A design; throws the first field out of range (see `validate()`).
    public init(name: String, arms: [ReadingProtocol], readers: [String], cases: [String],
                washoutSeconds: Double = 0, seed: UInt64, createdAt: Timestamp) throws(StudyError) {
        self.name = name
        self.arms = arms
        self.readers = readers
        self.cases = cases
        self.washoutSeconds = washoutSeconds
        self.seed = seed
        self.createdAt = createdAt
        try validate()
    }

    /// Throws a StudyError naming the first bad field: a blank name, fewer than 2 or repeated arms,
    /// no readers, a blank or repeated reader, no cases, a blank or repeated case, a washout that is
    /// negative or not finite.
    public func validate() throws(StudyError) {
        func failure(_ field: String, _ reason: String) -> StudyError {
            StudyError(context: "reader study \(PrintableText.clean(name).isEmpty ? "design" : PrintableText.clean(name))", reason: "\(field): \(reason)")
        }
        if name.trimmingCharacters(in: .whitespaces).isEmpty { throw failure("name", "must not be empty") }
        if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw failure("name", "must not contain control characters")
        }
        guard arms.count >= 2 else { throw failure("arms", "a reader study compares at least 2 arms; got \(arms.count)") }
        if let repeated = Self.firstRepeated(arms.map(\.rawValue)) { throw failure("arms", "\(repeated) is listed twice") }
        guard !readers.isEmpty else { throw failure("readers", "needs at least 1 reader") }
        if let index = readers.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            throw failure("readers", "reader \(index + 1) is blank")
        }
        if let repeated = Self.firstRepeated(readers) { throw failure("readers", "\(PrintableText.clean(repeated)) is listed twice") }
        guard !cases.isEmpty else { throw failure("cases", "needs at least 1 case") }
        if let index = cases.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            throw failure("cases", "case \(index + 1) is blank")
        }
        if let repeated = Self.firstRepeated(cases) { throw failure("cases", "\(PrintableText.clean(repeated)) is listed twice") }
        guard washoutSeconds.isFinite, washoutSeconds >= 0 else {
            throw failure("washoutSeconds", "\(washoutSeconds) is not a duration (finite, >= 0)")
        }
    }

    private static func firstRepeated(_ values: [String]) -> String? {
        var seen = Set<String>()
        return values.first { !seen.insert($0).inserted }
    }

    // MARK: JSON

    enum CodingKeys: String, CodingKey {
        case format, version, name, arms, readers, cases, washoutSeconds, seed, createdAt
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let format = try c.decode(String.self, forKey: .format)
        guard format == Self.format else {
            throw StudyError(context: "reader study design", reason: "format \"\(PrintableText.clean(format))\" is not \(Self.format)")
        }
        let version = try c.decode(Int.self, forKey: .version)
        guard version <= Self.version else {
            throw StudyError(context: "reader study design", reason: "version \(version) is newer than this mammoterm reads (\(Self.version)); upgrade mammoterm")
        }
        let seedText = try c.decode(String.self, forKey: .seed)
        guard let seed = UInt64(seedText) else {
            throw StudyError(context: "reader study design", reason: "seed \"\(PrintableText.clean(seedText))\" is not an integer 0–18446744073709551615")
        }
        try self.init(name: c.decode(String.self, forKey: .name), arms: c.decode([ReadingProtocol].self, forKey: .arms),
                      readers: c.decode([String].self, forKey: .readers), cases: c.decode([String].self, forKey: .cases),
                      washoutSeconds: c.decode(Double.self, forKey: .washoutSeconds), seed: seed,
                      createdAt: c.decode(Timestamp.self, forKey: .createdAt))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Self.format, forKey: .format)
        try c.encode(Self.version, forKey: .version)
        try c.encode(name, forKey: .name)
        try c.encode(arms, forKey: .arms)
        try c.encode(readers, forKey: .readers)
        try c.encode(cases, forKey: .cases)
        try c.encode(washoutSeconds, forKey: .washoutSeconds)
        try c.encode(String(seed), forKey: .seed)
        try c.encode(createdAt, forKey: .createdAt)
    }

    /// The stored form (see the top of this file).
    public func json() throws(StudyError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(self), as: UTF8.self)
        } catch {
            throw StudyError(context: "reader study \(PrintableText.clean(name))", reason: "cannot encode the design (\(error))")
        }
    }

    /// A stored design; throws when the text is not one or the design is invalid.
    public init(json: String) throws(StudyError) {
        do {
            self = try JSONDecoder().decode(Self.self, from: Data(json.utf8))
        } catch let error as StudyError {
            throw error
        } catch {
            throw StudyError(context: "reader study design", reason: "not a stored design (\(error))")
        }
    }
}
