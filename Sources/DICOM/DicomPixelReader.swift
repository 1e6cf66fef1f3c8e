// Reads and decodes pixel data of any supported transfer syntax: native (implicit/explicit
// little endian, big endian, deflated), RLE, JPEG baseline/extended/lossless, JPEG-LS (DCMTK)
// and JPEG 2000 (OpenJPEG).
import CDCMTK
import MammoCore

public enum DicomPixelReader {
    /// The library's checks first (DicomHeaderReader: header, values, pixel data layout), then
    /// the decode: what every viewer and the model use, so a file import would refuse is refused
    /// with the same reason everywhere. `read` decodes whatever DCMTK can (tests, tools).
    public static func readChecked(path: String) throws(DicomError) -> DicomImage {
        _ = try DicomHeaderReader.read(path: path)
        return try read(path: path)
    }

    /// `referenceDecoders` decodes through DCMTK's codecs only, skipping mammoterm's fast RLE
    /// path; tests compare the two.
    public static func read(path: String, referenceDecoders: Bool = false) throws(DicomError) -> DicomImage {
        let file = try DicomFile(path: path, headerOnly: false)
        let header = DicomHeader(file: file)
        guard header.hasPixelData else { throw DicomError(path: path, tag: "(7FE0,0010)", reason: "no Pixel Data: not an image", kind: .noPixelData) }
        // A window or rescale no display value can hold is an error for the file, not a NaN later.
        if let problem = header.nonFiniteValues.first { throw DicomError(path: path, reason: problem, kind: .nonFinite) }
        let (info, samples) = try file.decodeFrame(referenceDecoders: referenceDecoders)
        let photometric = withUnsafeBytes(of: info.photometric) { raw in
            String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
        return DicomImage(
            header: header, width: Int(info.columns), height: Int(info.rows),
            samplesPerPixel: Int(info.samples_per_pixel),
            photometricInterpretation: PrintableText.clean(photometric).uppercased(), samples: samples
        )
    }
}
