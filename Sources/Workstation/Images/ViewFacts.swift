// A view's size, flips and base window: what the reducer needs to place a lesion on screen
// and show the window, without the pixels.
import MammoCore

/// What the reading screen needs to know about a view without its pixels: its size, its flips
/// (to turn a lesion's stored position into a place on screen) and its window.
public struct ViewFacts: Hashable, Sendable {
    public var storedWidth: Int
    public var storedHeight: Int
    public var flipHorizontal: Bool
    public var flipVertical: Bool
    public var baseWindow: VOIWindow
    public var windowIsAutomatic: Bool
    public var pixelSpacing: Double?
    /// The breast's part of the displayed view (fit to breast).
    public var breastRegion: NormalizedRegion = .whole

    public var storedSize: PixelSize { PixelSize(width: storedWidth, height: storedHeight) }
}
