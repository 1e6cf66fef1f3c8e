// The query keys of the Study Root C-FIND / C-GET / C-MOVE requests we send (PS3.4 C.6.2),
// and their handing to the shim as mt_attribute values.
import CDCMTK
import Foundation

/// A DICOM tag as (group, element).
struct DimseTag: Hashable, Sendable {
    var group: UInt16
    var element: UInt16
    init(_ group: UInt16, _ element: UInt16) {
        self.group = group
        self.element = element
    }

    static let specificCharacterSet = DimseTag(0x0008, 0x0005)
    static let studyDate = DimseTag(0x0008, 0x0020)
    static let studyTime = DimseTag(0x0008, 0x0030)
    static let accessionNumber = DimseTag(0x0008, 0x0050)
    static let modality = DimseTag(0x0008, 0x0060)
    static let modalitiesInStudy = DimseTag(0x0008, 0x0061)
    static let sopClassUID = DimseTag(0x0008, 0x0016)
    static let sopInstanceUID = DimseTag(0x0008, 0x0018)
    static let studyDescription = DimseTag(0x0008, 0x1030)
    static let seriesDescription = DimseTag(0x0008, 0x103E)
    static let patientName = DimseTag(0x0010, 0x0010)
    static let patientID = DimseTag(0x0010, 0x0020)
    static let patientBirthDate = DimseTag(0x0010, 0x0030)
    static let studyInstanceUID = DimseTag(0x0020, 0x000D)
    static let seriesInstanceUID = DimseTag(0x0020, 0x000E)
    static let seriesNumber = DimseTag(0x0020, 0x0011)
    static let instanceNumber = DimseTag(0x0020, 0x0013)
    static let numberOfStudyRelatedInstances = DimseTag(0x0020, 0x1208)
    static let numberOfSeriesRelatedInstances = DimseTag(0x0020, 0x1209)
}

/// Matching and return keys in request order (empty value: a return key).
struct DimseKeys {
    var entries: [(tag: DimseTag, value: String)] = []

    mutating func add(_ tag: DimseTag, _ value: String? = nil) {
        entries.append((tag, value ?? ""))
    }

    /// Calls `body` with the keys as C attributes (valid only inside `body`).
    func withAttributes<R>(_ body: (UnsafePointer<mt_attribute>?, Int) -> R) -> R {
        let node = DimseStrings()
        var attributes: [mt_attribute] = entries.map { entry in
            mt_attribute(group: entry.tag.group, element: entry.tag.element, value: UnsafePointer(node.keep(entry.value)))
        }
        return withExtendedLifetime(node) {
            attributes.withUnsafeMutableBufferPointer { buffer in body(UnsafePointer(buffer.baseAddress), buffer.count) }
        }
    }
}

/// C strings that live as long as this object.
final class DimseStrings {
    private var strings: [UnsafeMutablePointer<CChar>] = []
    deinit { strings.forEach { free($0) } }

    func keep(_ text: String) -> UnsafeMutablePointer<CChar>? {
        let copy = strdup(text)
        if let copy { strings.append(copy) }
        return copy
    }
}

/// One C-FIND match: attribute texts by tag (cleaned when read).
struct DimseMatch {
    var values: [DimseTag: String]

    func text(_ tag: DimseTag) -> String { values[tag] ?? "" }

    func int(_ tag: DimseTag) -> Int? {
        Int(text(tag).trimmingCharacters(in: .whitespaces))
    }
}
