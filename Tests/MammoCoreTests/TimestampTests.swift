// Times keep the text they were read from (the read-record hash covers it), parse with or
// without fractional seconds, compare by the moment, and refuse text that is not a time.
import Foundation
import MammoCore
import Testing

@Suite("Timestamp")
struct TimestampTests {
    @Test func keepsItsTextAndItsMoment() throws {
        let plain = try #require(Timestamp(text: "2026-03-14T09:30:00Z"))
        let fractional = try #require(Timestamp(text: "2026-03-14T09:30:00.500Z"))
        #expect(plain.text == "2026-03-14T09:30:00Z" && fractional.text == "2026-03-14T09:30:00.500Z")
        #expect(fractional.date.timeIntervalSince(plain.date) == 0.5)
        #expect(plain < fractional)
        let json = try JSONEncoder().encode([plain, fractional])
        #expect(String(decoding: json, as: UTF8.self) == #"["2026-03-14T09:30:00Z","2026-03-14T09:30:00.500Z"]"#)
        #expect(try JSONDecoder().decode([Timestamp].self, from: json) == [plain, fractional])
    }

    @Test func madeFromADateItWritesMillisecondsInUTC() {
        let stamp = Timestamp(Date(timeIntervalSince1970: 1_800_000_000.25))
        #expect(stamp.text == "2027-01-15T08:00:00.250Z")
        #expect(stamp.minuteText == "2027-01-15 08:00 UTC")
        #expect(Timestamp(text: "2026-03-14T11:30:00+02:00")?.minuteText == "2026-03-14 09:30 UTC")
        #expect(Timestamp(text: stamp.text) == stamp)
    }

    @Test func textThatIsNotATimeIsRefused() {
        for text in ["", "t", "yesterday", "2026-13-01T00:00:00Z", "2026-03-14"] {
            #expect(Timestamp(text: text) == nil, "\(text)")
        }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Timestamp].self, from: Data(#"["soon"]"#.utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([ViewKey].self, from: Data(#"["RXX"]"#.utf8)) }
        #expect((try? JSONDecoder().decode([ViewKey].self, from: Data(#"["RCC","LMLO"]"#.utf8))) == [.rightCC, .leftMLO])
    }
}
