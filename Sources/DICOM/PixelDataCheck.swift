// A bounded check of a file's Pixel Data against its header, without decoding it: what import
// runs on every file so that a copy cut short or mislabelled never enters the library.
//
// Read from the file (PS3.5 A.4, 7.5): the Pixel Data element header where the header read
// stopped; for native syntaxes its length against the bytes the geometry needs and the file
// holds; for encapsulated ones every item header (the Basic Offset Table, then fragments) up to
// the sequence delimiter, the first fragment's codestream header (RLE segment table, the JPEG /
// JPEG-LS start of frame, the JPEG 2000 SIZ marker) against Rows, Columns, Samples per Pixel and
// Bits Allocated, and the end-of-image marker of the last fragment. A few kilobytes per file.
import Foundation
import MammoCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public enum PixelDataCheck {
    /// Transfer syntaxes mammoterm decodes (DCMTK and OpenJPEG), by UID.
    public static let nativeSyntaxes: Set<String> = ["", "1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.2"]
    static let deflated = "1.2.840.10008.1.2.1.99"
    static let rle = "1.2.840.10008.1.2.5"
    static let jpeg: Set<String> = ["1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70"]
    static let jpegLS: Set<String> = ["1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.81"]
    static let jpeg2000: Set<String> = ["1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91", "1.2.840.10008.1.2.4.92", "1.2.840.10008.1.2.4.93"]
    public static let decodableSyntaxes: Set<String> = nativeSyntaxes.union([deflated, rle]).union(jpeg).union(jpegLS).union(jpeg2000)
    /// Photometric interpretations shown (in grey); PALETTE COLOR and the like are not mammograms.
    static let photometrics: Set<String> = ["", "MONOCHROME1", "MONOCHROME2", "RGB", "YBR_FULL", "YBR_FULL_422", "YBR_RCT", "YBR_ICT", "YBR_PARTIAL_420", "YBR_PARTIAL_422"]
    /// More items than this is not a mammogram (a million one-byte fragments is an attack).
    static let maximumItems = 100_000

    /// Throws the file's first defect in its pixel data; returns when the layout is sound.
    /// Needs a header read with `bytesAfterHeader` (a header-only read); without it only the
    /// attributes are checked.
    public static func check(_ header: DicomHeader) throws(DicomError) {
        let syntax = header.transferSyntaxUID
        func fail(_ reason: String, _ kind: DicomError.Kind, tag: String = "(7FE0,0010)") -> DicomError {
            DicomError(path: header.path, tag: tag, reason: reason, kind: kind)
        }
        guard decodableSyntaxes.contains(syntax) else {
            throw fail("transfer syntax \(syntax) is not one mammoterm can decode", .unsupported, tag: "(0002,0010)")
        }
        guard photometrics.contains(header.photometricInterpretation) else {
            throw fail("PhotometricInterpretation \(header.photometricInterpretation) is not shown by a mammography viewer",
                       .unsupported, tag: "(0028,0004)")
        }
        guard let after = header.bytesAfterHeader, syntax != deflated else { return }
        guard let file = PixelFile(path: header.path) else {
            throw fail("cannot be read: \(String(cString: strerror(errno)))", .unreadable, tag: "")
        }
        defer { file.close() }
        let element = try locateElement(file, bytesAfterHeader: after, bigEndian: syntax == "1.2.840.10008.1.2.2",
                                        explicitVR: syntax != "1.2.840.10008.1.2", fail: fail)
        if nativeSyntaxes.contains(syntax) {
            try checkNative(header, element: element, file: file, fail: fail)
        } else {
            try checkEncapsulated(header, element: element, file: file, fail: fail)
        }
    }

    // MARK: - The element

    struct Element {
        var valueOffset: Int
        var length: UInt32
    }

    /// The Pixel Data element header at or just before `fileSize - bytesAfterHeader` (the fast
    /// scanner reports the value's start, DCMTK the element's).
    static func locateElement(_ file: PixelFile, bytesAfterHeader: Int, bigEndian: Bool, explicitVR: Bool,
                              fail: (String, DicomError.Kind, String) -> DicomError) throws(DicomError) -> Element {
        let stop = file.size - bytesAfterHeader
        let headerLength = explicitVR ? 12 : 8
        for start in [stop, stop - headerLength] where start >= 0 {
            guard let bytes = file.read(at: start, count: headerLength), bytes.count == headerLength else { continue }
            let group = bigEndian ? UInt16(bytes[0]) << 8 | UInt16(bytes[1]) : UInt16(bytes[0]) | UInt16(bytes[1]) << 8
            let elementNumber = bigEndian ? UInt16(bytes[2]) << 8 | UInt16(bytes[3]) : UInt16(bytes[2]) | UInt16(bytes[3]) << 8
            guard group == 0x7FE0, elementNumber == 0x0010 else { continue }
            let lengthBytes = explicitVR ? bytes[8..<12] : bytes[4..<8]
            let length = lengthBytes.reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            let value = bigEndian ? length.byteSwapped : length
            return Element(valueOffset: start + headerLength, length: value)
        }
        throw fail("the file ends inside the Pixel Data element's header", .truncated, "(7FE0,0010)")
    }

    // MARK: - Native

    static func checkNative(_ header: DicomHeader, element: Element, file: PixelFile,
                            fail: (String, DicomError.Kind, String) -> DicomError) throws(DicomError) {
        let available = file.size - element.valueOffset
        guard element.length != 0xFFFF_FFFF else {
            throw fail("Pixel Data of a native transfer syntax has an undefined length", .malformed, "(7FE0,0010)")
        }
        let needed = neededBytes(header)
        if Int(element.length) > available {
            throw fail("Pixel Data says \(element.length) bytes, the file holds \(available) after its header: truncated or a bogus length",
                       .truncated, "(7FE0,0010)")
        }
        if Int(element.length) < needed {
            throw fail("Pixel Data holds \(element.length) bytes, but \(header.columns)x\(header.rows)x\(max(header.samplesPerPixel, 1)) samples of \(header.bitsAllocated) bits in \(header.numberOfFrames) frame(s) need \(needed)",
                       available < needed ? .truncated : .pixelData, "(7FE0,0010)")
        }
    }

    static func neededBytes(_ header: DicomHeader) -> Int {
        // Native YBR_FULL_422 (two chroma samples per pixel pair) is counted as full: the decoder
        // does not unpack it, so import refuses it as the decoder would.
        let (samples, overflow) = header.rows.multipliedReportingOverflow(by: header.columns * max(header.samplesPerPixel, 1))
        guard !overflow else { return .max }
        let (bits, overflow2) = samples.multipliedReportingOverflow(by: header.bitsAllocated * max(header.numberOfFrames, 1))
        return overflow2 ? .max : (bits + 7) / 8
    }

    // MARK: - Encapsulated

    static func checkEncapsulated(_ header: DicomHeader, element: Element, file: PixelFile,
                                  fail: (String, DicomError.Kind, String) -> DicomError) throws(DicomError) {
        guard element.length == 0xFFFF_FFFF else {
            throw fail("compressed Pixel Data must be encapsulated (undefined length), this says \(element.length) bytes",
                       element.length > UInt32(max(file.size - element.valueOffset, 0)) ? .truncated : .malformed, "(7FE0,0010)")
        }
        var position = element.valueOffset
        var fragments: [(offset: Int, length: Int)] = []
        var offsetTableEntries = 0
        var itemIndex = 0
        while true {
            guard let bytes = file.read(at: position, count: 8), bytes.count == 8 else {
                throw fail("the encapsulated Pixel Data ends without its sequence delimiter: the file is truncated", .truncated, "(7FE0,0010)")
            }
            let group = UInt16(bytes[0]) | UInt16(bytes[1]) << 8
            let number = UInt16(bytes[2]) | UInt16(bytes[3]) << 8
            let length = bytes[4..<8].reversed().reduce(0) { $0 << 8 | Int($1) }
            if group == 0xFFFE, number == 0xE0DD { break }
            guard group == 0xFFFE, number == 0xE000, length != 0xFFFF_FFFF else {
                throw fail(String(format: "item %d of the encapsulated Pixel Data is not an item (found (%04X,%04X))", itemIndex, group, number),
                           .malformed, "(7FE0,0010)")
            }
            guard position + 8 + length <= file.size else {
                throw fail("item \(itemIndex) of the encapsulated Pixel Data says \(length) bytes, the file ends after \(file.size - position - 8): truncated",
                           .truncated, "(7FE0,0010)")
            }
            if itemIndex == 0 {
                offsetTableEntries = length / 4  // the Basic Offset Table
            } else {
                fragments.append((position + 8, length))
            }
            itemIndex += 1
            guard itemIndex <= maximumItems else {
                throw fail("the encapsulated Pixel Data has more than \(maximumItems) items", .malformed, "(7FE0,0010)")
            }
            position += 8 + length
        }
        let frames = max(header.numberOfFrames, 1)
        guard let first = fragments.first else {
            throw fail("the encapsulated Pixel Data holds no fragment", .pixelData, "(7FE0,0010)")
        }
        if fragments.count < frames || (offsetTableEntries > 0 && offsetTableEntries != frames) {
            throw fail("NumberOfFrames is \(frames) but the Pixel Data holds \(fragments.count) fragment(s)"
                       + (offsetTableEntries > 0 ? " and \(offsetTableEntries) offset table entries" : ""), .pixelData, "(0028,0008)")
        }
        let syntax = header.transferSyntaxUID
        let head = file.read(at: first.offset, count: min(first.length, 8192)) ?? []
        if syntax == rle {
            try checkRLE(header, head: head, fragmentLength: first.length, fail: fail)
        } else {
            switch jpeg2000.contains(syntax) ? Codestream.jpeg2000(head) : Codestream.jpeg(head) {
            case .frame(let codestream):
                try checkCodestream(header, codestream, jpegLS: jpegLS.contains(syntax), fail: fail)
            case .notACodestream:
                throw fail("the first fragment does not start a \(jpeg2000.contains(syntax) ? "JPEG 2000" : "JPEG") codestream",
                           .pixelData, "(7FE0,0010)")
            case .beyondTheBytesRead:
                break  // the decoder will see it; the bounded check reads no further
            }
            // The last fragment ends with EOI (FFD9; JPEG 2000's EOC is the same bytes), maybe
            // followed by zeros, or by one byte of any value that pads an odd length to even
            // (DCMTK's JPEG-LS encoder leaves whatever was in its buffer there).
            if let last = fragments.last, last.length >= 2,
               let tail = file.read(at: last.offset + max(last.length - 16, 0), count: min(last.length, 16)) {
                let unpadded = Array(tail.reversed().drop(while: { $0 == 0x00 }).reversed())
                let ends = unpadded.suffix(2).elementsEqual([0xFF, 0xD9]) || unpadded.suffix(3).prefix(2).elementsEqual([0xFF, 0xD9])
                if !ends {
                    throw fail("the last fragment has no end-of-image marker: the codestream is cut short", .truncated, "(7FE0,0010)")
                }
            }
        }
    }

    static func checkRLE(_ header: DicomHeader, head: [UInt8], fragmentLength: Int,
                         fail: (String, DicomError.Kind, String) -> DicomError) throws(DicomError) {
        guard head.count >= 64 else { throw fail("the RLE header is cut short", .truncated, "(7FE0,0010)") }
        func word(_ index: Int) -> Int { head[index * 4..<index * 4 + 4].reversed().reduce(0) { $0 << 8 | Int($1) } }
        let segments = word(0)
        let expected = max(header.samplesPerPixel, 1) * max(header.bitsAllocated / 8, 1)
        guard segments == expected else {
            throw fail("RLE header has \(segments) segments, \(max(header.samplesPerPixel, 1)) sample(s) of \(header.bitsAllocated) bits need \(expected)",
                       .pixelData, "(7FE0,0010)")
        }
        var previous = 0
        for index in 1...segments {
            let offset = word(index)
            guard offset >= (index == 1 ? 64 : previous + 1), offset < fragmentLength else {
                throw fail("RLE segment \(index) starts at \(offset), outside its \(fragmentLength)-byte fragment", .pixelData, "(7FE0,0010)")
            }
            previous = offset
        }
    }

    static func checkCodestream(_ header: DicomHeader, _ stream: Codestream, jpegLS: Bool,
                                fail: (String, DicomError.Kind, String) -> DicomError) throws(DicomError) {
        let name = jpegLS ? "JPEG-LS" : stream.isJPEG2000 ? "JPEG 2000" : "JPEG"
        if stream.columns != header.columns || (stream.rows != 0 && stream.rows != header.rows) {
            throw fail("the \(name) codestream is \(stream.columns)x\(stream.rows), the header says \(header.columns)x\(header.rows)", .pixelData, "(0028,0010)")
        }
        if stream.components != max(header.samplesPerPixel, 1) {
            throw fail("SamplesPerPixel is \(header.samplesPerPixel) but the \(name) codestream has \(stream.components) component(s)", .pixelData, "(0028,0002)")
        }
        // The decoders give samples of 8 bits up to precision 8, else 16: Bits Allocated must match.
        let allocated = stream.precision <= 8 ? [8, 16] : [16]
        if !allocated.contains(header.bitsAllocated) {
            throw fail("BitsAllocated is \(header.bitsAllocated) but the \(name) codestream holds \(stream.precision)-bit samples (the decoded frame would not fill the image)",
                       .pixelData, "(0028,0100)")
        }
    }
}
