// An opened DICOM file behind the C shim; reads attribute values as Swift strings.
import CDCMTK
import MammoCore

final class DicomFile {
    let path: String
    private let handle: OpaquePointer

    /// Opens `path`; with `headerOnly` parsing stops before Pixel Data (fast, for indexing).
    init(path: String, headerOnly: Bool) throws(DicomError) {
        self.path = path
        var status = mt_status()
        guard mt_initialize(&status) == 1 else { throw DicomError(path: path, reason: Self.message(status)) }
        guard let handle = mt_open(path, headerOnly ? 1 : 0, &status) else {
            throw DicomError(path: path, reason: Self.describeOpenFailure(Self.message(status), path: path))
        }
        self.handle = handle
    }

    deinit { mt_close(handle) }

    var hasMeta: Bool { mt_has_meta(handle) == 1 }
    var hasPixelData: Bool { mt_has_pixel_data(handle) == 1 }
    /// Header-only reads: file bytes after the header, where Pixel Data lies; nil when unknown.
    var bytesAfterHeader: Int? {
        let value = mt_bytes_after_header(handle)
        return value >= 0 ? Int(value) : nil
    }

    var transferSyntaxUID: String {
        var buffer = [CChar](repeating: 0, count: 96)
        mt_transfer_syntax(handle, &buffer, buffer.count)
        return Self.text(buffer)
    }

    /// The raw texts of the given top-level attributes in one pass, keyed by tag.
    func collect(_ wanted: [DicomTag]) -> [DicomTag: String] {
        let keys = wanted.map { UInt32($0.group) << 16 | UInt32($0.element) }.sorted()
        var values = [mt_value](repeating: mt_value(), count: keys.count)
        var arenaSize = 8192
        for _ in 0..<2 {
            var arena = [CChar](repeating: 0, count: arenaSize)
            var needed = 0
            let found = mt_collect(handle, keys, keys.count, &values, values.count, &arena, arena.count, &needed)
            if found < 0 {
                arenaSize = needed + 1
                continue
            }
            var result: [DicomTag: String] = [:]
            result.reserveCapacity(found)
            arena.withUnsafeBytes { raw in
                for value in values.prefix(found) {
                    let bytes = raw[Int(value.offset)..<Int(value.offset + value.length)]
                    result[DicomTag(UInt16(value.tag >> 16), UInt16(value.tag & 0xFFFF))] = DicomText.decode(bytes: bytes)
                }
            }
            return result
        }
        return [:]
    }

    /// The raw text of an attribute (DICOM padding trimmed), or nil when absent.
    func string(_ tag: DicomTag) -> String? {
        read { mt_get_string(handle, tag.group, tag.element, $0, $1) }
    }

    func string(in sequence: DicomTag, item: Int, _ tag: DicomTag) -> String? {
        read { mt_get_item_string(handle, sequence.group, sequence.element, UInt(item), tag.group, tag.element, $0, $1) }
    }

    func itemCount(_ sequence: DicomTag) -> Int { Int(mt_sequence_count(handle, sequence.group, sequence.element)) }

    func words(in sequence: DicomTag, item: Int, _ tag: DicomTag) -> [UInt16]? {
        let count = mt_get_item_uint16s(handle, sequence.group, sequence.element, UInt(item), tag.group, tag.element, nil, 0)
        guard count >= 0 else { return nil }
        guard count > 0 else { return [] }
        var buffer = [UInt16](repeating: 0, count: count)
        _ = mt_get_item_uint16s(handle, sequence.group, sequence.element, UInt(item), tag.group, tag.element, &buffer, buffer.count)
        return buffer
    }

    /// Decodes frame 0: geometry first, then the samples.
    func decodeFrame(referenceDecoders: Bool = false) throws(DicomError) -> (info: mt_pixel_info, samples: [Int32]) {
        var status = mt_status()
        var info = mt_pixel_info()
        guard mt_decode_frame(handle, &info, nil, 0, referenceDecoders ? 1 : 0, &status) == 1 else {
            throw DicomError(path: path, tag: Self.tag(status), reason: Self.message(status))
        }
        let count = Int(info.rows) * Int(info.columns) * Int(info.samples_per_pixel)
        // Every sample is written by the decoder, so skip zero-filling 48 MB for a mammogram.
        var ok: Int32 = 0
        let samples = [Int32](unsafeUninitializedCapacity: count) { buffer, initialized in
            ok = mt_decode_frame(handle, &info, buffer.baseAddress, buffer.count, referenceDecoders ? 1 : 0, &status)
            if ok != 1 { buffer.initialize(repeating: 0) }
            initialized = count
        }
        guard ok == 1 else { throw DicomError(path: path, tag: Self.tag(status), reason: Self.message(status)) }
        return (info, samples)
    }

    // MARK: - Helpers

    private func read(_ call: (UnsafeMutablePointer<CChar>?, Int) -> Int) -> String? {
        var buffer = [CChar](repeating: 0, count: 256)
        let length = buffer.withUnsafeMutableBufferPointer { call($0.baseAddress, $0.count) }
        guard length >= 0 else { return nil }
        if length >= buffer.count {
            // Long values (e.g. LUT explanations, long text) get a second, exact read.
            buffer = [CChar](repeating: 0, count: min(length + 1, 1 << 20))
            _ = buffer.withUnsafeMutableBufferPointer { call($0.baseAddress, $0.count) }
        }
        return DicomText.decode(buffer)
    }

    static func text(_ buffer: [CChar]) -> String {
        DicomText.decode(buffer)
    }

    static func message(_ status: mt_status) -> String {
        withUnsafeBytes(of: status.message) { raw in
            String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
    }

    static func tag(_ status: mt_status) -> String? {
        let text = withUnsafeBytes(of: status.tag) { raw in
            String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
        return text.isEmpty ? nil : text
    }

    /// DCMTK's messages for common failures, in words a user can act on.
    private static func describeOpenFailure(_ message: String, path: String) -> String {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) { return "no such file" }
        if isDirectory.boolValue { return "is a folder, not a file" }
        switch message {
        case "Premature end of stream", "Invalid stream": return "file is truncated or malformed (the data ends inside an element)"
        case "Parse error": return "not a DICOM file, or its header is malformed (parse error)"
        case "I/O suspension or premature end of stream":
            return "not a DICOM file, or truncated (the data ends before an element does)"
        default: return message.isEmpty ? "cannot read as DICOM" : message
        }
    }
}
