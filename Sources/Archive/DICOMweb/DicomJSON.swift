// The DICOM JSON model (PS3.18 F.2) that QIDO-RS answers and STOW-RS responses use:
// `[{"0020000D": {"vr": "UI", "Value": ["1.2.3"]}, "00100010": {"vr": "PN", "Value": [{"Alphabetic": "DOE^JANE"}]}}]`.
// Read leniently: IS/DS values may be JSON numbers or strings, elements may lack "Value",
// and a value of the wrong type reads as absent (never a crash). Text is not cleaned here:
// callers clean what they keep (RemoteStudy and friends do).
import Foundation

/// One data set of the DICOM JSON model: tags as 8 upper-case hex digits ("0020000D").
public struct DicomJSONDataset: Sendable, Equatable {
    /// One element: its VR ("" when the answer gave none) and its values in order.
    public struct Element: Sendable, Equatable {
        public var vr: String
        public var values: [DicomJSONValue]
    }

    public var elements: [String: Element]

    public init(elements: [String: Element] = [:]) { self.elements = elements }

    /// Parses an array of data sets (a QIDO-RS answer). An empty body (204) is no data sets; a
    /// single object is taken as a one-item array. Throws a short reason when it is not JSON.
    public static func parseArray(_ data: Data) throws(DicomJSONError) -> [DicomJSONDataset] {
        if data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return [] }
        let node = try JSONNode.parse(data)
        switch node {
        case .array(let items): return items.compactMap { DicomJSONDataset(node: $0) }
        case .object: return DicomJSONDataset(node: node).map { [$0] } ?? []
        default: throw DicomJSONError("not a DICOM JSON array")
        }
    }

    /// Parses one data set (a STOW-RS response).
    public static func parseObject(_ data: Data) throws(DicomJSONError) -> DicomJSONDataset {
        let node = try JSONNode.parse(data)
        if case .array(let items) = node, items.count == 1, let first = items.first.flatMap({ DicomJSONDataset(node: $0) }) {
            return first
        }
        guard let dataset = DicomJSONDataset(node: node) else { throw DicomJSONError("not a DICOM JSON object") }
        return dataset
    }

    init?(node: JSONNode) {
        guard case .object(let members) = node else { return nil }
        var elements: [String: Element] = [:]
        for (key, value) in members {
            guard case .object(let element) = value else { continue }
            var vr = ""
            if case .string(let text)? = element["vr"] { vr = text }
            var values: [DicomJSONValue] = []
            if case .array(let items)? = element["Value"] {
                values = items.map { DicomJSONValue(node: $0, vr: vr) }
            }
            elements[key.uppercased()] = Element(vr: vr, values: values)
        }
        self.elements = elements
    }

    /// The element of a tag given as "0020000D" (any case) or as group and element.
    public subscript(tag: String) -> Element? { elements[tag.uppercased()] }

    /// Every value of a tag as text (numbers written as DICOM would, person names alphabetic).
    public func strings(_ tag: String) -> [String] {
        (self[tag]?.values ?? []).compactMap(\.text)
    }

    /// The first value as text, "" when absent.
    public func string(_ tag: String) -> String { strings(tag).first ?? "" }

    /// The first value as an integer (IS, US, UL, SL... as number or text), nil when absent or not whole.
    public func int(_ tag: String) -> Int? {
        guard let value = self[tag]?.values.first else { return nil }
        switch value {
        case .number(let number):
            guard number.isFinite, number.rounded() == number, abs(number) < 9.0e15 else { return nil }
            return Int(number)
        case .string(let text):
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if let whole = Int(trimmed) { return whole }
            if let number = Double(trimmed), number.isFinite, number.rounded() == number, abs(number) < 9.0e15 { return Int(number) }
            return nil
        default: return nil
        }
    }

    /// The first value as a number (DS, FL, FD, IS... as number or text).
    public func double(_ tag: String) -> Double? {
        guard let value = self[tag]?.values.first else { return nil }
        switch value {
        case .number(let number): return number
        case .string(let text): return Double(text.trimmingCharacters(in: .whitespaces))
        default: return nil
        }
    }

    /// The items of a sequence (SQ), [] when absent or not a sequence.
    public func sequence(_ tag: String) -> [DicomJSONDataset] {
        (self[tag]?.values ?? []).compactMap { if case .dataset(let item) = $0 { item } else { nil } }
    }
}

/// One value of an element.
public enum DicomJSONValue: Sendable, Equatable {
    case string(String)
    case number(Double)
    /// A PN value: its alphabetic group (or, lacking one, ideographic, then phonetic).
    case personName(String)
    case dataset(DicomJSONDataset)
    /// null, a boolean, or a shape this VR does not allow.
    case other

    init(node: JSONNode, vr: String) {
        switch node {
        case .string(let text): self = vr == "PN" ? .personName(text) : .string(text)
        case .number(let number): self = .number(number)
        case .object(let members):
            if vr == "PN" || members["Alphabetic"] != nil || members["Ideographic"] != nil || members["Phonetic"] != nil {
                for group in ["Alphabetic", "Ideographic", "Phonetic"] {
                    if case .string(let text)? = members[group], !text.isEmpty { self = .personName(text); return }
                }
                self = .personName("")
            } else if let dataset = DicomJSONDataset(node: node) {
                self = .dataset(dataset)
            } else {
                self = .other
            }
        default: self = .other
        }
    }

    /// Text of a scalar value; nil for sequence items and nulls.
    public var text: String? {
        switch self {
        case .string(let text), .personName(let text): return text
        case .number(let number):
            if number.isFinite, number.rounded() == number, abs(number) < 9.0e15 { return String(Int(number)) }
            return String(number)
        case .dataset, .other: return nil
        }
    }
}

/// Why a body was not DICOM JSON.
public struct DicomJSONError: Error, Sendable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

/// A JSON document, decoded with JSONDecoder into a closed set of cases (no `Any` casts).
enum JSONNode: Decodable, Equatable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
    case array([JSONNode])
    case object([String: JSONNode])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONNode].self) { self = .array(value) }
        else if let value = try? container.decode([String: JSONNode].self) { self = .object(value) }
        else { throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a JSON value") }
    }

    static func parse(_ data: Data) throws(DicomJSONError) -> JSONNode {
        do {
            return try JSONDecoder().decode(JSONNode.self, from: data)
        } catch {
            throw DicomJSONError("not JSON (\(data.count) bytes)")
        }
    }
}
