// Decodes the four screening views of an exam and hangs them as one raster (DOMAIN.md):
// each view oriented (PatientOrientation, else the pixels decide), fitted, windowed, and with
// its overlays drawn at display resolution.
import DICOM
import Dispatch
import Foundation
import Imaging
import MammoCore

public enum HangingProtocolRenderer {
    public enum Overlay: String, CaseIterable, Sendable { case none, truth, ai }

    public struct Result: Sendable {
        public var canvas: ColorImage
        /// Files that could not be shown, with why.
        public var problems: [String]
        public var missingViews: [ViewKey]
        public var marks: [ViewKey: [LesionMark]]
    }

    public struct View: Sendable {
        public var image: ColorImage
        public var marks: [LesionMark]
        public var rendering: DisplayRendering
    }

    /// `files` maps each screening view to a file; extra views are ignored.
    /// With `singleView`, the one view in `files` fills the canvas (half its width and height
    /// are the tile), flushed to its chest-wall side, and the canvas is cropped to that tile.
    public static func render(files: [ViewKey: String], canvasWidth: Int, canvasHeight: Int, gap: Int = 8,
                       overlay: Overlay = .none, style: OverlayStyle = OverlayStyle(), singleView: Bool = false,
                       ai: [ViewKey: AIViewOverlay] = [:]) -> Result {
        let tile = HangingCanvas.tileSize(canvasWidth: canvasWidth, canvasHeight: canvasHeight, gap: gap)
        let keys = ViewKey.screening.filter { files[$0] != nil }
        let rendered = Locked([ViewKey: View]())
        let problems = Locked([String]())
        DispatchQueue.concurrentPerform(iterations: keys.count) { index in
            let key = keys[index]
            guard let path = files[key] else { return }
            do {
                let image = try DicomPixelReader.readChecked(path: path)
                let view = render(image, as: key, maxWidth: tile.width, maxHeight: tile.height, overlay: overlay, style: style,
                                  ai: ai[key])
                rendered.update { $0[key] = view }
            } catch {
                problems.update { $0.append("\(error)") }
            }
        }
        let views = rendered.value
        if singleView, let (key, view) = views.first {
            // The view alone in a tile-sized canvas, against its chest-wall edge.
            let composed = HangingCanvas.compose([key: view.image], canvasWidth: tile.width * 2, canvasHeight: tile.height * 2,
                                                 gap: 0, background: RGBColor(grey: 0))
            let index = ViewKey.screening.firstIndex(of: key) ?? 0
            let x0 = (index % 2) * tile.width, y0 = (index / 2) * tile.height
            var crop = ColorImage(width: tile.width, height: tile.height, repeating: RGBColor(grey: 0))
            for y in 0..<tile.height { for x in 0..<tile.width { crop[x, y] = composed[x0 + x, y0 + y] } }
            return Result(canvas: crop, problems: problems.value, missingViews: [], marks: [key: view.marks])
        }
        let canvas = HangingCanvas.compose(views.mapValues(\.image), canvasWidth: canvasWidth, canvasHeight: canvasHeight,
                                           gap: gap, background: RGBColor(grey: 0))
        return Result(canvas: canvas, problems: problems.value.sorted(),
                      missingViews: ViewKey.screening.filter { views[$0] == nil }, marks: views.mapValues(\.marks))
    }

    /// One view windowed, fitted into the tile, overlays drawn, then flipped so its chest wall
    /// faces the middle (`key` nil: shown as stored, no flips).
    public static func render(_ image: DicomImage, as key: ViewKey?, maxWidth: Int, maxHeight: Int,
                       overlay: Overlay, style: OverlayStyle, window: VOIWindow? = nil, ai: AIViewOverlay? = nil) -> View {
        let header = image.header
        let rendering = DisplayPipeline.render(stored: image.stored, presentation: header.grayscalePresentation,
                                               maxWidth: maxWidth, maxHeight: maxHeight, window: window, detail: style.detail)
        var picture = OverlayCompositor.colorize(rendering.image)
        var marks: [LesionMark] = []
        if overlay == .truth,
           let truth = TruthOverlay.load(imagePath: header.path, sopInstanceUID: header.sopInstanceUID,
                                         rows: image.height, columns: image.width) {
            marks = truth.marks
            OverlayCompositor.drawHeatmap(truth.heat, on: &picture, style: style.heatmap)
            for mark in marks {
                let color = mark.malignant == false ? style.benignColor : style.malignantColor
                let outline = mark.outline.map(rendering.geometry.toDisplay)
                OverlayCompositor.drawPolygon(outline, on: &picture, color: color, thickness: style.lineWidth)
            }
        }
        if overlay == .ai, let ai {
            if let heat = ai.heat { OverlayCompositor.drawHeatmap(OverlayCompositor.resample(heat, to: picture.size), on: &picture, style: style.heatmap) }
            for (index, finding) in ai.findings.enumerated() {
                let b = finding.box
                let corners = b.corners
                OverlayCompositor.drawPolygon(corners.map(rendering.geometry.toDisplay), on: &picture, color: style.aiColor,
                                              thickness: style.lineWidth)
                marks.append(LesionMark(id: "AI-\(index + 1)", label: String(format: "AI %.0f", finding.score * 100), source: .ai,
                                        kind: finding.kind, score: finding.score, box: b, outline: corners))
            }
        }
        guard let key else { return View(image: picture, marks: marks, rendering: rendering) }
        var flip = header.displayFlip
        if !flip.fromOrientation {
            let edge = ChestWall.edge(of: rendering.image.map { Float($0) })
            flip.horizontal = (key.side == .right) != (edge == .right)
        }
        var oriented = rendering
        oriented.geometry = rendering.geometry.flipped(horizontal: flip.horizontal, vertical: flip.vertical)
        return View(image: picture.flipped(horizontal: flip.horizontal, vertical: flip.vertical), marks: marks, rendering: oriented)
    }
}

/// How overlays look (from the theme).
public struct OverlayStyle: Sendable {
    public var heatmap = HeatmapStyle()
    public var malignantColor = RGBColor(r: 255, g: 64, b: 64)
    public var benignColor = RGBColor(r: 64, g: 220, b: 96)
    /// AI lesion boxes.
    public var aiColor = RGBColor(r: 255, g: 200, b: 0)
    public var lineWidth = 2
    /// Detail kept when shrinking (AreaDownsample.resizeKeepingDetail); 0 is plain averaging.
    public var detail: Float = 0.35
    /// Annotation marks: the annotator's own (the theme's reader colour), the cursor, another annotator's
    /// (the theme's warning colour), the selected one (selection foreground).
    public var readerColor = RGBColor(r: 64, g: 160, b: 255)
    public var cursorColor = RGBColor(r: 0, g: 229, b: 255)
    public var otherAnnotatorColor = RGBColor(r: 224, g: 160, b: 48)
    public var selectedColor = RGBColor(r: 255, g: 255, b: 255)

    public init() {}

    public init(theme: Theme) {
        heatmap = theme.overlay.heatmap
        malignantColor = theme.overlay.malignant
        benignColor = theme.overlay.benign
        aiColor = theme.overlay.ai
        readerColor = theme.overlay.reader
        cursorColor = theme.overlay.cursor
        otherAnnotatorColor = theme.ui.warning
        selectedColor = theme.ui.selectionForeground
    }

    /// The colour of an annotation mark: accepted marks in the benign (ground-truth) colour.
    public func annotationColor(_ role: AnnotationOverlay.Role) -> RGBColor {
        switch role {
        case .own: readerColor
        case .selected: selectedColor
        case .other: otherAnnotatorColor
        case .accepted: benignColor
        case .draft: cursorColor
        }
    }
}

/// A value shared between concurrent workers.
public final class Locked<Value>: @unchecked Sendable {
    private var stored: Value
    private let lock = NSLock()
    public init(_ value: Value) { stored = value }
    public var value: Value { lock.withLock { stored } }
    public func update(_ change: (inout Value) -> Void) { lock.withLock { change(&stored) } }
}
