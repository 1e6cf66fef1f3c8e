// The indexing fast path in Swift: runs the C header scanner (header_scan.cpp) and serves its
// values as a HeaderSource; nil when the file needs DCMTK.
import CDCMTK
import MammoCore

struct HeaderScan: HeaderSource {
    let path: String
    let hasMeta: Bool
    let transferSyntaxUID: String
    let hasPixelData: Bool
    let bytesAfterHeader: Int?
    let values: [DicomTag: String]
    let viewCode: (value: String, scheme: String, meaning: String)?

    init?(path: String, wanted: [DicomTag]) {
        let keys = wanted.map { UInt32($0.group) << 16 | UInt32($0.element) }.sorted()
        var slots = [mt_value](repeating: mt_value(), count: keys.count)
        var arena = [CChar](repeating: 0, count: 16384)
        var count = 0
        var info = mt_header_scan()
        guard mt_scan_header(FileName.bytes(path), keys, keys.count, &slots, slots.count, &count, &arena, arena.count, &info) == 1 else { return nil }
        var values: [DicomTag: String] = [:]
        values.reserveCapacity(count)
        arena.withUnsafeBytes { raw in
            for value in slots.prefix(count) {
                let bytes = raw[Int(value.offset)..<Int(value.offset + value.length)]
                values[DicomTag(UInt16(value.tag >> 16), UInt16(value.tag & 0xFFFF))] = DicomText.decode(bytes: bytes)
            }
        }
        func text<T>(_ field: T) -> String {
            withUnsafeBytes(of: field) { raw in DicomText.decode(bytes: raw.prefix(while: { $0 != 0 })) }
        }
        self.path = path
        self.values = values
        hasMeta = info.has_meta == 1
        transferSyntaxUID = text(info.transfer_syntax)
        hasPixelData = info.pixel_data_follows == 1
        bytesAfterHeader = info.pixel_data_follows == 1 ? Int(info.bytes_after_header) : nil
        viewCode = info.has_view_code == 1
            ? (text(info.view_code_value), text(info.view_code_scheme), text(info.view_code_meaning)) : nil
    }

    func collect(_ wanted: [DicomTag]) -> [DicomTag: String] { values }

    /// The scanner hands files with LUT sequences to DCMTK, so there are none here.
    func lookupTables(_ sequence: DicomTag, signedInput: Bool) -> [LookupTable] { [] }
}
