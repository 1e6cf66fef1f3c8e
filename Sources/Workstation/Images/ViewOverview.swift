// A view's screen-sized level and everything the render pipeline derives from the whole image
// (base window, flips), small enough to keep for many views: four views and window changes
// render from here; only zooming past its resolution needs the stored pixels.
import Imaging
import MammoCore

public struct ViewOverview: Sendable {
    /// Longest side of the overview level, in pixels: a sixel tile or a braille screen is
    /// smaller, so the stored pixels are needed only when zoomed.
    public static let maxSide = 1024

    public var path: String
    /// Which image this is, to find its ground truth in the study's set.
    public var sopInstanceUID: String
    public var key: ViewKey?
    public var storedSize: PixelSize
    public var presentation: GrayscalePresentation
    /// The file's own mapping (window or VOI LUT), else the automatic window.
    public var baseMapping: VOITransform.Mapping
    /// The window that `w/W/c/C` adjust: the file's window, else one chosen from the breast
    /// (also when the file has a VOI LUT, which has no centre or width to adjust).
    public var baseWindow: VOIWindow
    public var windowIsAutomatic: Bool
    public var flipHorizontal: Bool
    public var flipVertical: Bool
    public var pixelSpacing: Double?
    /// Row and column spacing in mm (ImagerPixelSpacing, else PixelSpacing): the probe's and the measure's.
    public var spacing: PixelSpacing?
    /// The automatic, dense and fatty windows from the breast's histogram (the presets 6 7 8).
    public var breastWindows: BreastWindows?
    /// Modality values (rescale or modality LUT applied), shrunk by area with detail kept
    /// so that no side exceeds `maxSide`; the stored size when that is already small.
    public var image: GrayImage<Float>
    /// The breast's frame (ViewOverview+BreastFrame), measured with the overview; nil for a view
    /// hung as stored or with no breast found.
    public var breast: BreastFrame?
    /// The breast's part of the displayed view (fit to breast); the whole view when none is found.
    public var breastRegion: NormalizedRegion = .whole

    /// Memory held, for the cache's byte budget.
    public var bytes: Int { image.pixels.count * 4 + 1024 }

    /// Overview pixels per stored pixel (1 when the view is small).
    public var scale: Double { Double(image.width) / Double(max(storedSize.width, 1)) }

    public var facts: ViewFacts {
        ViewFacts(storedWidth: storedSize.width, storedHeight: storedSize.height, flipHorizontal: flipHorizontal,
                  flipVertical: flipVertical, baseWindow: baseWindow, windowIsAutomatic: windowIsAutomatic,
                  pixelSpacing: pixelSpacing, spacing: spacing, breastWindows: breastWindows, breastRegion: breastRegion)
    }
}
