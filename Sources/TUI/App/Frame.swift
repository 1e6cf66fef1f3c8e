// What a screen draws into for one frame: the cells, and the images to place over them.

public struct Frame: Sendable {
    public var buffer: CellBuffer
    public private(set) var images: [ImagePlacement] = []

    public init(size: Size) { buffer = CellBuffer(size: size) }

    public var size: Size { buffer.size }
    public var bounds: Rect { buffer.bounds }

    /// Places `image` with its top-left at `origin`; the cells under it show blank.
    public mutating func place(_ image: TerminalImage, at origin: Point) {
        images.append(ImagePlacement(image, at: origin))
    }
}
