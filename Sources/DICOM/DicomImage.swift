// Decoded pixels of frame 0 (stored values, before any rescale or window) with their header.
import MammoCore

public struct DicomImage: Sendable {
    public var header: DicomHeader
    public var width: Int
    public var height: Int
    public var samplesPerPixel: Int
    /// Photometric interpretation of `samples` (a decoder may have turned YBR into RGB).
    public var photometricInterpretation: String
    /// Stored values, row-major, samples interleaved; masked to BitsStored and sign-extended.
    public var samples: [Int32]

    /// One grey value per pixel: the samples themselves for monochrome images, luma (ITU-R
    /// BT.601) for RGB, Y for YBR. Colour images are shown in grey: this is a mammography viewer.
    public var stored: GrayImage<Int32> {
        if samplesPerPixel == 1 { return GrayImage(width: width, height: height, pixels: samples) }
        let n = width * height
        var grey = [Int32](repeating: 0, count: n)
        let spp = samplesPerPixel
        if photometricInterpretation.hasPrefix("YBR") {
            for i in 0..<n { grey[i] = samples[i * spp] }
        } else {
            for i in 0..<n {
                let r = Double(samples[i * spp]), g = Double(samples[i * spp + 1]), b = Double(samples[i * spp + 2])
                grey[i] = Int32((0.299 * r + 0.587 * g + 0.114 * b).rounded())
            }
        }
        return GrayImage(width: width, height: height, pixels: grey)
    }
}
