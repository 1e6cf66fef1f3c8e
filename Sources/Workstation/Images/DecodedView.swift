// The render pipeline's first two steps for one view: decode (DicomPixelReader.readChecked) and
// measure. Measuring looks at the whole image once: the base window and which way to flip it,
// both from one small preview, so `show` and the workstation hang a view the same way. The
// stored pixels are kept in a bounded cache for zooming; the overview longer, in its own.
import DICOM
import Foundation
import Imaging
import MammoCore

public struct DecodedView: Sendable {
    public var stored: GrayImage<Int32>
    public var overview: ViewOverview

    /// Memory held, for the cache's byte budget.
    public var bytes: Int { stored.pixels.count * MemoryLayout<Int32>.stride + overview.bytes }

    /// Reads and measures `path` (slow: call it off the UI loop). `key` is the hanging slot the
    /// view goes into; nil shows it as stored. `detail` is kept when shrinking the overview.
    public static func decode(path: String, as key: ViewKey?, detail: Float) throws(DicomError) -> DecodedView {
        var view = measure(try DicomPixelReader.readChecked(path: path), as: key, detail: detail)
        view.overview.path = path  // the caches' name for it, as the caller spelled it
        return view
    }

    /// Measures an image already read (the chest-wall flip is decided here and nowhere else).
    public static func measure(_ image: DicomImage, as key: ViewKey?, detail: Float) -> DecodedView {
        let header = image.header
        let stored = image.stored
        let presentation = header.grayscalePresentation
        let size = AreaDownsample.fittingSize(width: stored.width, height: stored.height,
                                              maxWidth: ViewOverview.maxSide, maxHeight: ViewOverview.maxSide)
        let level = DisplayPipeline.modalityValues(stored, presentation: presentation, size: size, detail: detail)
        // A small copy is enough to choose a window and find the chest wall.
        let preview = AreaDownsample.resize(level, to: AreaDownsample.fittingSize(width: level.width, height: level.height,
                                                                                 maxWidth: 256, maxHeight: 256))
        let windows = AutoWindow.breastWindows(preview, monochrome1: presentation.monochrome1)
        let automatic = windows.breast
        let stated = VOITransform.mapping(from: presentation)
        let mapping = stated ?? .window(center: automatic.center, width: automatic.width, function: .linear)
        let base: VOIWindow
        if case let .window(center, width, _) = mapping { base = VOIWindow(center: center, width: width) } else { base = automatic }

        var flip = header.displayFlip
        if let key, !flip.fromOrientation {
            // No usable PatientOrientation: the tissue decides which edge is the chest wall.
            let shown = VOITransform.apply(preview, mapping: mapping, monochrome1: presentation.monochrome1)
            flip.horizontal = (key.side == .right) != (ChestWall.edge(of: shown) == .right)
            flip.vertical = false
        }
        if key == nil { flip = DisplayFlip(horizontal: false, vertical: false, fromOrientation: false) }
        let spacing = header.spacing
        // The breast's frame (nipple, chest wall) from a plain preview, with no detail added, so
        // `findings` and the reading screen find the same nipple whatever the theme.
        let plain = DisplayPipeline.modalityValues(stored, presentation: presentation, size: preview.size, detail: 0)
        let plainShown = VOITransform.apply(plain, mapping: mapping, monochrome1: presentation.monochrome1)
        let breast = key.flatMap {
            BreastFrame.measure(plainShown.pixels, width: plainShown.width, height: plainShown.height, stored: stored.size, side: $0.side,
                                position: $0.view, flipHorizontal: flip.horizontal, flipVertical: flip.vertical,
                                spacing: spacing.map { s in PixelSpacing(row: (s.row + s.column) / 2, column: (s.row + s.column) / 2) })
        }
        var overview = ViewOverview(
            path: header.path, sopInstanceUID: header.sopInstanceUID, key: key, storedSize: stored.size,
            presentation: presentation, baseMapping: mapping, baseWindow: base,
            windowIsAutomatic: stated == nil, flipHorizontal: flip.horizontal, flipVertical: flip.vertical,
            pixelSpacing: spacing.map { ($0.row + $0.column) / 2 }, spacing: spacing, breastWindows: windows, image: level,
            breastRegion: ViewOverview.breastRegion(of: preview, monochrome1: presentation.monochrome1, side: key?.side,
                                                    flipHorizontal: flip.horizontal, flipVertical: flip.vertical))
        overview.breast = breast
        return DecodedView(stored: stored, overview: overview)
    }
}
