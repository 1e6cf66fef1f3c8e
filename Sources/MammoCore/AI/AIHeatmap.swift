// What the model saw on one view: its map resampled onto the stored image's grid at a
// reduced size (same aspect), values 0–255 for 0–1. Kept beside the pixels, never in them.

public struct AIHeatmap: Codable, Hashable, Sendable {
    public var view: ViewKey
    public var width: Int
    public var height: Int
    /// Row-major, width * height values; 255 = probability 1.
    public var values: [UInt8]

    public init(view: ViewKey, width: Int, height: Int, values: [UInt8]) {
        self.view = view
        self.width = width
        self.height = height
        self.values = values
    }

    /// The map as probabilities, for drawing.
    public var image: GrayImage<Float>? {
        guard width > 0, height > 0, values.count == width * height else { return nil }
        return GrayImage(width: width, height: height, pixels: values.map { Float($0) / 255 })
    }
}
