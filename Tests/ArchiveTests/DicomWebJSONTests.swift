// The DICOM JSON model reader (PS3.18 F.2) on crafted answers: person names, multiple values,
// numbers as numbers or strings, missing values, wrong types and non-JSON (never a crash),
// and its mapping to RemoteStudy with hostile text cleaned.
@testable import Archive
import Foundation
import MammoCore
import Testing

struct DicomWebJSONTests {
    static let answer = #"""
    [{
      "0020000D": {"vr": "UI", "Value": ["1.2.3.4"]},
      "00100010": {"vr": "PN", "Value": [{"Alphabetic": "DOE^JANE", "Ideographic": "ドウ^ジェーン"}]},
      "00100020": {"vr": "LO", "Value": ["PAT\u001b[2J-1"]},
      "00080061": {"vr": "CS", "Value": ["MG", "SR", null]},
      "00201208": {"vr": "IS", "Value": [4]},
      "00201206": {"vr": "IS", "Value": ["12"]},
      "00280030": {"vr": "DS", "Value": [0.07, "0.085"]},
      "00080090": {"vr": "PN"},
      "00081030": {"vr": "LO", "Value": []},
      "00400275": {"vr": "SQ", "Value": [{"00401001": {"vr": "SH", "Value": ["RP1"]}}, {}]},
      "00200013": {"vr": "IS", "Value": ["3.5"]},
      "0008103e": {"vr": "LO", "Value": ["lower-case tag"]}
    }]
    """#

    @Test func valuesOfEveryShapeRead() throws {
        let items = try DicomJSONDataset.parseArray(Data(Self.answer.utf8))
        #expect(items.count == 1)
        let item = items[0]
        #expect(item.string("0020000D") == "1.2.3.4")
        #expect(item.string("0020000d") == "1.2.3.4")
        #expect(item.string("00100010") == "DOE^JANE")
        #expect(item.strings("00080061") == ["MG", "SR"])
        #expect(item.int("00201208") == 4)
        #expect(item.int("00201206") == 12)
        #expect(item.string("00201208") == "4")
        #expect(item.double("00280030") == 0.07)
        #expect(item.strings("00280030") == ["0.07", "0.085"])
        #expect(item.string("00080090") == "")
        #expect(item["00080090"]?.vr == "PN")
        #expect(item.string("00081030") == "")
        #expect(item.int("00200013") == nil)  // not a whole number
        #expect(item.string("0008103E") == "lower-case tag")
        let sequence = item.sequence("00400275")
        #expect(sequence.count == 2)
        #expect(sequence.first?.string("00401001") == "RP1")
        #expect(item.sequence("00100010").isEmpty)
        #expect(item.string("99990010") == "")
        #expect(item.int("99990010") == nil)
    }

    @Test func personNamesFallBackToOtherGroupsAndAcceptPlainStrings() throws {
        let json = #"""
        [{"00100010": {"vr": "PN", "Value": [{"Ideographic": "山田^太郎"}]}},
         {"00100010": {"vr": "PN", "Value": ["PLAIN^NAME"]}},
         {"00100010": {"vr": "PN", "Value": [{}]}},
         {"00100010": {"vr": "PN", "Value": [{"Alphabetic": 7}]}}]
        """#
        let items = try DicomJSONDataset.parseArray(Data(json.utf8))
        #expect(items.map { $0.string("00100010") } == ["山田^太郎", "PLAIN^NAME", "", ""])
    }

    @Test func wrongTypesReadAsAbsentAndNeverCrash() throws {
        let json = #"""
        [{"0020000D": {"vr": "UI", "Value": "not-an-array"},
          "00100020": {"vr": 5, "Value": [true, {"x": 1}, [1, 2]]},
          "00201208": {"vr": "IS", "Value": ["many"]},
          "00201206": {"vr": "IS", "Value": [1e300]},
          "00080020": "not an element",
          "00080030": {"vr": "TM", "Value": [null]}},
         "a string", 42, null, []]
        """#
        let items = try DicomJSONDataset.parseArray(Data(json.utf8))
        #expect(items.count == 1)
        let item = items[0]
        #expect(item.string("0020000D") == "")
        #expect(item.strings("00100020") == [])
        #expect(item.int("00201208") == nil)
        #expect(item.int("00201206") == nil)
        #expect(item["00080020"] == nil)
        #expect(item.string("00080030") == "")
        #expect(DicomWebConnection.study(item) == nil)  // no Study Instance UID: dropped
    }

    @Test func emptyAndNonJSONBodies() throws {
        #expect(try DicomJSONDataset.parseArray(Data()).isEmpty)
        #expect(try DicomJSONDataset.parseArray(Data(" \r\n".utf8)).isEmpty)
        #expect(try DicomJSONDataset.parseArray(Data("[]".utf8)).isEmpty)
        #expect(throws: DicomJSONError.self) { try DicomJSONDataset.parseArray(Data("<html>404</html>".utf8)) }
        #expect(throws: DicomJSONError.self) { try DicomJSONDataset.parseArray(Data("[{\"0020000D\": ".utf8)) }
        #expect(throws: DicomJSONError.self) { try DicomJSONDataset.parseArray(Data("\"text\"".utf8)) }
        #expect(throws: DicomJSONError.self) { try DicomJSONDataset.parseObject(Data("[1, 2]".utf8)) }
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: DicomJSONError.self) { try DicomJSONDataset.parseArray(Data(deep.utf8)) }
    }

    @Test func studiesMapWithTheirTextCleaned() throws {
        let items = try DicomJSONDataset.parseArray(Data(Self.answer.utf8))
        let study = try #require(DicomWebConnection.study(items[0], node: "pacs"))
        #expect(study.node == "pacs")
        #expect(study.studyInstanceUID == "1.2.3.4")
        #expect(study.patientID == "PAT[2J-1")
        #expect(study.patientName == PrintableText.personName("DOE^JANE"))
        #expect(study.modalitiesInStudy == ["MG", "SR"])
        #expect(study.numberOfInstances == 4)
    }

    @Test func queryValuesArePercentEncodedWholly() {
        #expect(DicomWebConnection.percentEncoded("A&B=C+D #/?é") == "A%26B%3DC%2BD%20%23%2F%3F%C3%A9")
        #expect(DicomWebConnection.percentEncoded("20230101-20240630") == "20230101-20240630")
        #expect(DicomWebConnection.percentEncoded("00081030,00100030") == "00081030,00100030")
    }

    @Test func failureReasonsAreNamed() {
        #expect(DicomWebConnection.failureReason(0xA700).contains("out of resources"))
        #expect(DicomWebConnection.failureReason(0xC122).contains("transfer syntax"))
        #expect(DicomWebConnection.failureReason(0xC000).contains("cannot understand"))
        #expect(DicomWebConnection.failureReason(0x0122).contains("SOP class not supported"))
        #expect(DicomWebConnection.failureReason(nil).contains("no reason"))
        #expect(DicomWebConnection.failureReason(0x1234) == "refused (0x1234)")
    }
}
