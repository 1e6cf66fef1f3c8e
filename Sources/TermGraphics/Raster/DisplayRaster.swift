// What the encoders draw: a raster at terminal resolution whose pixels are grey levels, with
// an optional layer of final overlay colours (heatmap already blended, annotation strokes).
import MammoCore

/// Row-major like `GrayImage`. A pixel shows `overlay[i]` where that is non-nil, else the grey
/// `grey[i]`. Keeping grey separate lets the encoders use a 256-entry table for the common case
/// and touch colour only where an overlay exists; `overlay == nil` means a grey-only image.
public struct DisplayRaster: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// `grey[y * width + x]`, exactly `width * height` levels.
    public private(set) var grey: [UInt8]
    /// Same layout as `grey`; nil for an image without any colour.
    public private(set) var overlay: [RGBColor?]?

    /// Sizes must agree: a raster is built by our own code, so a mismatch is a programming error.
    public init(width: Int, height: Int, grey: [UInt8], overlay: [RGBColor?]? = nil) {
        precondition(width >= 0 && height >= 0 && grey.count == width * height,
                     "DisplayRaster: \(grey.count) grey levels for \(width)x\(height)")
        precondition(overlay.map { $0.count == grey.count } ?? true, "DisplayRaster: overlay size differs from grey")
        self.width = width
        self.height = height
        self.grey = grey
        self.overlay = overlay
    }

    public init(_ image: GrayImage<UInt8>, overlay: [RGBColor?]? = nil) {
        self.init(width: image.width, height: image.height, grey: image.pixels, overlay: overlay)
    }

    /// From a composed colour raster (Imaging's grey image with overlays drawn in): pixels with
    /// r = g = b become grey levels, the rest overlay colours. Nothing is lost, and a grey-only
    /// raster gets the grey-only fast paths.
    public init(_ image: GrayImage<RGBColor>) {
        let n = image.pixels.count
        var firstColour = n
        let grey = [UInt8](unsafeUninitializedCapacity: n) { grey, initialized in
            image.pixels.withUnsafeBufferPointer { pixels in
                for i in 0..<n {
                    let c = pixels[i]
                    grey[i] = c.isGrey ? c.r : c.luma
                    if firstColour == n && !c.isGrey { firstColour = i }
                }
            }
            initialized = n
        }
        var overlay: [RGBColor?]?
        if firstColour < n {
            overlay = [RGBColor?](unsafeUninitializedCapacity: n) { layer, initialized in
                image.pixels.withUnsafeBufferPointer { pixels in
                    for i in 0..<n { layer[i] = pixels[i].isGrey ? nil : pixels[i] }
                }
                initialized = n
            }
        }
        self.init(width: image.width, height: image.height, grey: grey, overlay: overlay)
    }

    public init(width: Int, height: Int, repeating level: UInt8) {
        self.init(width: width, height: height, grey: Array(repeating: level, count: width * height))
    }

    public var size: PixelSize { PixelSize(width: width, height: height) }
    public var pixelCount: Int { width * height }

    /// The colour a viewer should see at (x, y).
    @inlinable
    public func colour(x: Int, y: Int) -> RGBColor {
        let i = y * width + x
        if let overlay, let c = overlay[i] { return c }
        return RGBColor(grey: grey[i])
    }

    @inlinable
    public func overlayColour(x: Int, y: Int) -> RGBColor? { overlay?[y * width + x] }

    public mutating func setGrey(_ level: UInt8, x: Int, y: Int) { grey[y * width + x] = level }

    /// Paints (or with nil clears) one overlay pixel, creating the layer on first use.
    public mutating func setOverlay(_ colour: RGBColor?, x: Int, y: Int) {
        if overlay == nil {
            guard colour != nil else { return }
            overlay = Array(repeating: nil, count: grey.count)
        }
        overlay?[y * width + x] = colour
    }

    /// Every pixel as the viewer sees it, row-major: for tests and reference paths, not hot loops.
    public var composited: [RGBColor] {
        var out = grey.map { RGBColor(grey: $0) }
        if let overlay {
            for i in overlay.indices { if let c = overlay[i] { out[i] = c } }
        }
        return out
    }
}
