// Writes 8-bit grey or RGB PNG files through libpng's simplified API.
import CPNG
import Foundation
import MammoCore

public struct ImagingError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var reason: String
    public init(path: String, reason: String) { self.path = path; self.reason = reason }
    public var description: String { "\(PrintableText.clean(path)): \(reason)" }
}

public enum PNGWriter {
    public static func write(_ image: GrayImage<UInt8>, to path: String) throws(ImagingError) {
        try write(bytes: image.pixels, width: image.width, height: image.height, channels: 1, to: path)
    }

    public static func write(_ image: ColorImage, to path: String) throws(ImagingError) {
        var bytes = [UInt8]()
        bytes.reserveCapacity(image.pixels.count * 3)
        for c in image.pixels { bytes.append(c.r); bytes.append(c.g); bytes.append(c.b) }
        try write(bytes: bytes, width: image.width, height: image.height, channels: 3, to: path)
    }

    /// `rgb` holds width*height*3 bytes, R,G,B per pixel.
    public static func write(rgb: [UInt8], width: Int, height: Int, to path: String) throws(ImagingError) {
        try write(bytes: rgb, width: width, height: height, channels: 3, to: path)
    }

    static func write(bytes: [UInt8], width: Int, height: Int, channels: Int, to path: String) throws(ImagingError) {
        guard width > 0, height > 0, bytes.count == width * height * channels else {
            throw ImagingError(path: path, reason: "cannot write an empty or inconsistent \(width)x\(height) image")
        }
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        image.width = UInt32(width)
        image.height = UInt32(height)
        image.format = channels == 1 ? UInt32(PNG_FORMAT_GRAY) : UInt32(PNG_FORMAT_RGB)
        let ok = bytes.withUnsafeBytes { raw in
            png_image_write_to_file(&image, path, 0, raw.baseAddress, Int32(width * channels), nil)
        }
        if ok == 0 {
            let message = withUnsafeBytes(of: image.message) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            png_image_free(&image)
            throw ImagingError(path: path, reason: "PNG write failed: \(message)")
        }
    }
}
