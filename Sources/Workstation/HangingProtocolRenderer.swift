// `show`'s composer over the render pipeline the workstation uses too (decode and measure in
// DecodedView, placement, raster and overlays in ViewRenderer): the four screening views of an
// exam hung as one raster (DOMAIN.md), one view alone against its chest-wall edge, or one file as
// stored. Nothing here decides a flip, draws an overlay or labels a mark.
import DICOM
import Dispatch
import Foundation
import Imaging
import MammoCore
import Study

public enum HangingProtocolRenderer {
    public struct Result: Sendable {
        public var canvas: ColorImage
        /// Files that could not be shown, with why.
        public var problems: [String]
        public var missingViews: [ViewKey]
        public var marks: [ViewKey: [LesionMark]]
        /// What was drawn without part of it: a ground-truth file that is there but cannot be used.
        public var notices: [String] = []
    }

    public struct View: Sendable {
        public var image: ColorImage
        public var marks: [LesionMark]
        /// The mapping the view was shown with, and whether it was chosen from the breast.
        public var mapping: VOITransform.Mapping
        public var windowIsAutomatic: Bool
    }

    /// `files` maps each screening view to a file; extra views are ignored. The truth overlay's
    /// set is found once, beside the exam's files.
    /// With `singleView`, the one view in `files` fills the canvas (half its width and height
    /// are the tile), flushed to its chest-wall side, and the canvas is cropped to that tile.
    public static func render(files: [ViewKey: String], canvasWidth: Int, canvasHeight: Int, gap: Int = 8,
                              overlay: OverlayChoice = .none, style: OverlayStyle = OverlayStyle(), singleView: Bool = false,
                              ai: [ViewKey: AIViewOverlay] = [:], markers: Bool = true) -> Result {
        let tile = HangingCanvas.tileSize(canvasWidth: canvasWidth, canvasHeight: canvasHeight, gap: gap)
        let keys = ViewKey.screening.filter { files[$0] != nil }
        var notices: [String] = []
        var truth: LesionTruthSet?
        if overlay == .truth {
            do { truth = try TruthOverlay.set(coveringFiles: files.values) } catch { notices.append("\(error)") }
        }
        let rendered = Locked([ViewKey: View]())
        let problems = Locked([String]())
        DispatchQueue.concurrentPerform(iterations: keys.count) { [truth] index in
            let key = keys[index]
            guard let path = files[key] else { return }
            do {
                let image = try DicomPixelReader.readChecked(path: path)
                let view = render(image, as: key, maxWidth: tile.width, maxHeight: tile.height, overlay: overlay, style: style,
                                  ai: ai[key], truth: truth, markers: markers)
                rendered.update { $0[key] = view }
            } catch {
                problems.update { $0.append("\(error)") }
            }
        }
        let views = rendered.value
        if singleView, let (key, view) = views.first {
            let alone = HangingCanvas.single(view.image, in: tile, against: key.side, background: RGBColor(grey: 0))
            return Result(canvas: alone, problems: problems.value, missingViews: [], marks: [key: view.marks], notices: notices)
        }
        let canvas = HangingCanvas.compose(views.mapValues(\.image), canvasWidth: canvasWidth, canvasHeight: canvasHeight,
                                           gap: gap, background: RGBColor(grey: 0))
        return Result(canvas: canvas, problems: problems.value.sorted(),
                      missingViews: ViewKey.screening.filter { views[$0] == nil }, marks: views.mapValues(\.marks), notices: notices)
    }

    /// One view through the pipeline, fitted into `maxWidth` x `maxHeight` from its stored
    /// pixels, with its chest wall toward the middle (`key` nil: shown as stored, no flips).
    /// `window` replaces the file's window; `truth` is the set covering the image's study.
    public static func render(_ image: DicomImage, as key: ViewKey?, maxWidth: Int, maxHeight: Int,
                              overlay: OverlayChoice, style: OverlayStyle, window: VOIWindow? = nil, ai: AIViewOverlay? = nil,
                              truth: LesionTruthSet? = nil, markers: Bool = true) -> View {
        let decoded = DecodedView.measure(image, as: key, detail: style.detail)
        let view = decoded.overview
        var options = ViewRenderer.Options(maxSize: PixelSize(width: maxWidth, height: maxHeight))
        options.overlay = overlay
        options.windowOverride = window
        options.markers = markers
        let truthView = overlay == .truth ? TruthOverlay(for: view, in: truth) : nil
        let picture = ViewRenderer.render(view, stored: decoded.stored, options: options, style: ViewRenderer.Style(overlay: style),
                                          truth: truthView, ai: ai)
        let marks: [LesionMark] = switch overlay {
        case .truth: truthView?.marks ?? []
        case .ai: ai?.marks ?? []
        case .none: []
        }
        return View(image: picture, marks: marks, mapping: ViewRenderer.mapping(for: view, options: options),
                    windowIsAutomatic: window == nil && view.windowIsAutomatic)
    }
}
