// `show`'s composer over the render pipeline the workstation uses too (decode and measure in
// DecodedView, planning in LayoutFit, placement, raster and overlays in ViewRenderer): the views
// of an exam hung in a layout as one raster (2x2, 1x4, a pair, one view against its chest-wall
// edge; DOMAIN.md), or one file as stored. Nothing here decides a flip, draws an overlay or labels a mark.
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

    /// `files` maps each screening view to a file; views the layout does not hang are ignored.
    /// The views are planned together (LayoutFit: with `fitToBreast` each cropped to its breast,
    /// all at one scale) and hung in the layout's arrangement, as the reading screen hangs them.
    /// The truth overlay's set is found once, beside the exam's files.
    public static func render(files: [ViewKey: String], canvasWidth: Int, canvasHeight: Int, gap: Int = 8,
                              layout: HangingLayout = .grid, fitToBreast: Bool = false,
                              overlay: OverlayChoice = .none, style: OverlayStyle = OverlayStyle(),
                              ai: [ViewKey: AIViewOverlay] = [:], markers: Bool = true) -> Result {
        let size = PixelSize(width: canvasWidth, height: canvasHeight)
        let arrangement = HangingArrangement(layout, prior: false, canvas: size, gap: gap)
        let tile = arrangement.tileSize(canvas: size, gap: gap)
        let keys = layout.views.filter { files[$0] != nil }
        var notices: [String] = []
        var truth: LesionTruthSet?
        if overlay == .truth {
            do { truth = try TruthOverlay.set(coveringFiles: keys.compactMap { files[$0] }) } catch { notices.append("\(error)") }
        }
        let decoded = Locked([ViewKey: DecodedView]())
        let problems = Locked([String]())
        DispatchQueue.concurrentPerform(iterations: keys.count) { index in
            let key = keys[index]
            guard let path = files[key] else { return }
            do {
                let image = try DicomPixelReader.readChecked(path: path)
                decoded.update { $0[key] = DecodedView.measure(image, as: key, detail: style.detail) }
            } catch {
                problems.update { $0.append("\(error)") }
            }
        }
        let measured = decoded.value
        var overviews: [HangingArrangement.Slot: ViewOverview] = [:]
        for slot in arrangement.slots { overviews[slot] = measured[slot.view]?.overview }
        let plans = LayoutFit.plan(overviews, tile: tile, fitToBreast: fitToBreast)
        let rendered = Locked([HangingArrangement.Slot: View]())
        let slots = Array(overviews.keys)
        DispatchQueue.concurrentPerform(iterations: slots.count) { [truth] index in
            let slot = slots[index]
            guard let view = measured[slot.view], let plan = plans[slot] else { return }
            let shown = render(view, as: slot.view, maxSize: plan.maxSize, region: plan.region, overlay: overlay, style: style,
                               ai: ai[slot.view], truth: truth, markers: markers)
            rendered.update { $0[slot] = shown }
        }
        let views = rendered.value
        let canvas = HangingCanvas.compose(views.mapValues(\.image), arrangement, canvas: size, gap: gap, background: RGBColor(grey: 0))
        var marks: [ViewKey: [LesionMark]] = [:]
        for (slot, view) in views { marks[slot.view] = view.marks }
        return Result(canvas: canvas, problems: problems.value.sorted(),
                      missingViews: layout.views.filter { measured[$0] == nil }, marks: marks, notices: notices)
    }

    /// One view through the pipeline, fitted into `maxWidth` x `maxHeight` from its stored
    /// pixels, with its chest wall toward the middle (`key` nil: shown as stored, no flips).
    /// `window` replaces the file's window; `truth` is the set covering the image's study.
    public static func render(_ image: DicomImage, as key: ViewKey?, maxWidth: Int, maxHeight: Int,
                              overlay: OverlayChoice, style: OverlayStyle, window: VOIWindow? = nil, ai: AIViewOverlay? = nil,
                              truth: LesionTruthSet? = nil, markers: Bool = true) -> View {
        render(DecodedView.measure(image, as: key, detail: style.detail), as: key, maxSize: PixelSize(width: maxWidth, height: maxHeight),
               region: .whole, overlay: overlay, style: style, window: window, ai: ai, truth: truth, markers: markers)
    }

    /// A measured view through the rest of the pipeline: `region` of it (the breast's with fit
    /// to breast) fitted into `maxSize`.
    static func render(_ decoded: DecodedView, as key: ViewKey?, maxSize: PixelSize, region: NormalizedRegion,
                       overlay: OverlayChoice, style: OverlayStyle, window: VOIWindow? = nil, ai: AIViewOverlay? = nil,
                       truth: LesionTruthSet? = nil, markers: Bool = true) -> View {
        let view = decoded.overview
        var options = ViewRenderer.Options(maxSize: maxSize)
        options.region = region
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
