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
        guard mt_initialize(&status) == 1 else { throw DicomError(path: path, reason: Self.message(status), kind: .unreadable) }
        guard let handle = mt_open(FileName.bytes(path), headerOnly ? 1 : 0, &status) else {
            let (reason, kind) = Self.describeOpenFailure(Self.message(status), path: path)
            throw DicomError(path: path, reason: reason, kind: kind)
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
            throw Self.decodeError(path: path, status)
        }
        let count = Int(info.rows) * Int(info.columns) * Int(info.samples_per_pixel)
        // Every sample is written by the decoder, so skip zero-filling 48 MB for a mammogram.
        var ok: Int32 = 0
        let samples = [Int32](unsafeUninitializedCapacity: count) { buffer, initialized in
            ok = mt_decode_frame(handle, &info, buffer.baseAddress, buffer.count, referenceDecoders ? 1 : 0, &status)
            if ok != 1 { buffer.initialize(repeating: 0) }
            initialized = count
        }
        guard ok == 1 else { throw Self.decodeError(path: path, status) }
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

    /// A decoder's failure: the geometry checks name their attribute (kind geometry), the rest
    /// is pixel data that does not decode.
    static func decodeError(path: String, _ status: mt_status) -> DicomError {
        let tag = Self.tag(status)
        let geometryTags: Set<String> = ["(0028,0002)", "(0028,0010)", "(0028,0011)", "(0028,0100)", "(0028,0101)", "(0028,0102)"]
        return DicomError(path: path, tag: tag, reason: Self.message(status), kind: tag.map(geometryTags.contains) == true ? .geometry : .pixelData)
    }

    /// DCMTK's messages for common failures, in words a user can act on, and their kind.
    private static func describeOpenFailure(_ message: String, path: String) -> (String, DicomError.Kind) {
        var info = stat()
        let native = FileName.bytes(path)
        if stat(native, &info) != 0 { return ("no such file", .unreadable) }
        if info.st_mode & S_IFMT == S_IFDIR { return ("is a folder, not a file", .unreadable) }
        if info.st_size == 0 { return ("empty file (0 bytes)", .notDICOM) }
        if access(native, R_OK) != 0 { return ("cannot be read: \(String(cString: strerror(errno)))", .unreadable) }
        switch message {
        case "Premature end of stream", "Invalid stream", "I/O suspension or premature end of stream":
            // DCMTK cannot tell a file cut short from an element whose length runs past the end.
            return ("truncated: the data ends inside an element (or an element's length runs past the end of the file)", .truncated)
        case "Parse error": return ("not a DICOM file, or its header is malformed (parse error)", .malformed)
        default: return (message.isEmpty ? "cannot read as DICOM" : message, .malformed)
        }
    }
}
