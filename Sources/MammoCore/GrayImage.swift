// A single-channel raster in row-major order, the currency between DICOM, Imaging and Synth.

public struct GrayImage<Pixel: Sendable>: Sendable {
    public var width: Int
    public var height: Int
    /// Row-major, `pixels[y * width + x]`, exactly `width * height` values.
    public var pixels: [Pixel]

    @inlinable
    public init(width: Int, height: Int, pixels: [Pixel]) {
        precondition(pixels.count == width * height, "GrayImage: \(pixels.count) pixels for \(width)x\(height)")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    @inlinable
    public init(width: Int, height: Int, repeating value: Pixel) {
        self.init(width: width, height: height, pixels: Array(repeating: value, count: width * height))
    }

    @inlinable
    public subscript(x: Int, y: Int) -> Pixel {
        get { pixels[y * width + x] }
        set { pixels[y * width + x] = newValue }
    }

    public var size: PixelSize { PixelSize(width: width, height: height) }

    /// Inlinable so callers in other modules get a specialised, vectorisable loop.
    @inlinable
    public func map<T: Sendable>(_ transform: (Pixel) throws -> T) rethrows -> GrayImage<T> {
        GrayImage<T>(width: width, height: height, pixels: try pixels.map(transform))
    }
}
