// The fast path for indexing: reads a file's header, stopping before Pixel Data.
import MammoCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public enum DicomHeaderReader {
    /// Reads the header only and checks it describes an image we could show.
    /// The fast scanner handles common Part 10 files; everything else, and every file when
    /// `reference` is set, is read by DCMTK.
    public static func read(path: String, reference: Bool = false) throws(DicomError) -> DicomHeader {
        let header = try unchecked(path: path, reference: reference)
        try validate(header)
        return header
    }

    /// The header as the file has it, not yet checked to be an image (an SR is told apart here).
    public static func unchecked(path: String, reference: Bool = false) throws(DicomError) -> DicomHeader {
        if !reference, let scan = HeaderScan(path: path, wanted: DicomHeader.attributesRead) {
            return DicomHeader(file: scan)
        }
        return DicomHeader(file: try DicomFile(path: path, headerOnly: true))
    }

    /// The library's view of a file: header facts plus size and modification time.
    public static func summary(path: String) throws(DicomError) -> ImageSummary {
        try summary(of: try read(path: path))
    }

    /// As summary(path:), for a header already read and validated.
    public static func summary(of header: DicomHeader) throws(DicomError) -> ImageSummary {
        let path = header.path
        // stat(2): FileManager's attributes also read the user and group databases and xattrs
        // (a quarter of a millisecond per received instance).
        var info = stat()
        guard FileName.bytes(path).withUnsafeBufferPointer({ stat($0.baseAddress!, &info) }) == 0 else { return header.summary(fileSize: 0, fileModified: 0) }
        #if canImport(Darwin)
        let modified = Double(info.st_mtimespec.tv_sec) + Double(info.st_mtimespec.tv_nsec) / 1e9
        #else
        let modified = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
        #endif
        return header.summary(fileSize: Int64(info.st_size), fileModified: modified)
    }

    /// What an image file must have before the library takes it, checked in a fixed order
    /// (identity, pixel data present, geometry, values, then the pixel data's layout), so the
    /// reason given is the most basic defect the file has.
    public static func validate(_ header: DicomHeader) throws(DicomError) {
        func fail(_ tag: String?, _ reason: String, _ kind: DicomError.Kind) -> DicomError {
            DicomError(path: header.path, tag: tag, reason: reason, kind: kind)
        }
        if header.sopInstanceUID.isEmpty { throw fail("(0008,0018)", "SOP Instance UID is missing", .missingAttribute) }
        if header.studyInstanceUID.isEmpty { throw fail("(0020,000D)", "Study Instance UID is missing", .missingAttribute) }
        if header.seriesInstanceUID.isEmpty { throw fail("(0020,000E)", "Series Instance UID is missing", .missingAttribute) }
        if !header.hasPixelData { throw fail("(7FE0,0010)", "no Pixel Data: not an image", .noPixelData) }
        if header.rows <= 0 || header.columns <= 0 { throw fail("(0028,0010)", "Rows/Columns missing or zero", .geometry) }
        if header.rows * header.columns > 1 << 28 {
            throw fail("(0028,0010)", "\(header.columns)x\(header.rows) pixels is not a plausible image size", .geometry)
        }
        if ![1, 8, 16, 32].contains(header.bitsAllocated) {
            throw fail("(0028,0100)", "BitsAllocated \(header.bitsAllocated) is not supported", .unsupported)
        }
        // The same geometry checks the decoder makes (cdcmtk.cpp), so a file the library takes can be shown.
        if header.bitsStored > header.bitsAllocated || header.highBit >= header.bitsAllocated {
            throw fail("(0028,0101)", "BitsStored \(header.bitsStored) / HighBit \(header.highBit) do not fit BitsAllocated \(header.bitsAllocated)", .geometry)
        }
        if !(1...4).contains(header.samplesPerPixel) {
            throw fail("(0028,0002)", "SamplesPerPixel \(header.samplesPerPixel) is not 1 or 3", .geometry)
        }
        if let problem = header.nonFiniteValues.first {
            throw fail(nil, problem, .nonFinite)
        }
        try PixelDataCheck.check(header)
    }
}
