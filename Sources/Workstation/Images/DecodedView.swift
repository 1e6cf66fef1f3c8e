// One view decoded once and kept in the cache: its stored pixels with everything the reading
// screen derives from the whole image (the base window, which way to flip it, its ground
// truth), so zooming, windowing and overlay toggles never decode or re-measure the file.
import DICOM
import Foundation
import Imaging
import MammoCore

public struct DecodedView: Sendable {
    public var path: String
    public var key: ViewKey?
    public var stored: GrayImage<Int32>
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
    /// The synthetic ground truth for this image, when a ground-truth.json covers it.
    public var truth: TruthOverlay.ForImage?

    /// Memory held, for the cache's byte budget.
    public var bytes: Int { stored.pixels.count * MemoryLayout<Int32>.stride + (truth?.heat.pixels.count ?? 0) * 4 + 1024 }

    public var facts: ViewFacts {
        ViewFacts(storedWidth: stored.width, storedHeight: stored.height, flipHorizontal: flipHorizontal,
                  flipVertical: flipVertical, baseWindow: baseWindow, windowIsAutomatic: windowIsAutomatic,
                  pixelSpacing: pixelSpacing)
    }

    /// Reads and measures `path` (slow: call it off the UI loop). `key` is the hanging slot the
    /// view goes into; nil shows it as stored.
    public static func decode(path: String, as key: ViewKey?) throws(DicomError) -> DecodedView {
        let image = try DicomPixelReader.read(path: path)
        let header = image.header
        let stored = image.stored
        let presentation = header.grayscalePresentation
        // A small copy is enough to choose a window and find the chest wall.
        let previewSize = AreaDownsample.fittingSize(width: stored.width, height: stored.height, maxWidth: 256, maxHeight: 256)
        let preview: GrayImage<Float>
        if presentation.modalityLUT != nil {
            preview = AreaDownsample.resize(ModalityTransform.apply(stored, presentation), to: previewSize)
        } else {
            let slope = Float(presentation.rescaleSlope), intercept = Float(presentation.rescaleIntercept)
            preview = AreaDownsample.resize(stored, to: previewSize).map { $0 * slope + intercept }
        }
        let automatic = AutoWindow.compute(preview, monochrome1: presentation.monochrome1)
        let stated = VOITransform.mapping(from: presentation)
        let mapping = stated ?? .window(center: automatic.center, width: automatic.width, function: .linear)
        let base: VOIWindow
        if case let .window(center, width, _) = mapping { base = VOIWindow(center: center, width: width) } else { base = automatic }

        var flip = header.displayFlip
        if let key, !flip.fromOrientation {
            // No usable PatientOrientation: the tissue decides which edge is the chest wall.
            let shown = VOITransform.apply(preview, mapping: mapping, monochrome1: presentation.monochrome1)
            let edge = ChestWall.edge(of: shown)
            flip.horizontal = (key.side == .right) != (edge == .right)
            flip.vertical = false
        }
        if key == nil { flip = DisplayFlip(horizontal: false, vertical: false, fromOrientation: false) }
        let truth = TruthOverlay.load(imagePath: header.path, sopInstanceUID: header.sopInstanceUID,
                                      rows: image.height, columns: image.width)
        let spacing = header.imagerPixelSpacing ?? header.pixelSpacing
        return DecodedView(path: path, key: key, stored: stored, presentation: presentation, baseMapping: mapping,
                           baseWindow: base, windowIsAutomatic: stated == nil, flipHorizontal: flip.horizontal,
                           flipVertical: flip.vertical, pixelSpacing: spacing.map { ($0.row + $0.column) / 2 }, truth: truth)
    }
}

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
}
