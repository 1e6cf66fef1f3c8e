// Making a picture for the image area: each view through the render pipeline (DecodedView, then
// ViewRenderer) at its tile's size, hung (four views mirrored, one view against its chest-wall
// edge, or current beside prior), squeezed to the terminal's pixel shape, then encoded as cells or sixel.
import Dispatch
import Foundation
import Imaging
import MammoCore
import Study
import TermGraphics
import TUI

extension ReadingService {
    public func render(_ request: PictureRequest) -> RenderedPicture {
        if let hit = pictures.value(for: request.key) { return hit }
        let started = ContinuousClock.now
        let key = request.key
        let (picture, problems) = raster(request)
        let content = encode(picture, cells: key.cells)
        let elapsed = ContinuousClock.now - started
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        let rendered = RenderedPicture(key: key, content: content, problems: problems, renderMilliseconds: ms)
        pictures.insert(rendered, bytes: rendered.byteCount, for: key)
        return rendered
    }

    /// The picture's raster before encoding (the terminal's pixel shape applied), with what could not be shown.
    public func raster(_ request: PictureRequest) -> (picture: ColorImage, problems: [String]) {
        let key = request.key
        let geometry = graphics.raster(for: CellArea(columns: max(key.cells.width, 1), rows: max(key.cells.height, 1)))
        let square = ViewPlacement.canvas(for: geometry)
        let width = square.width, squareHeight = square.height
        var options = ViewRenderer.Options(maxSize: PixelSize(width: width, height: squareHeight))
        options.region = key.zoom.region
        options.allowEnlarging = key.zoom.isZoomed
        options.window = key.window
        options.invert = key.invert
        options.layers = key.overlay
        options.markers = true
        let ai = AIViewOverlay.split(request.ai, bands: scoreBands(for: request.ai))

        var problems: [String] = []
        // The prior's views are found in the same set (a synthetic set holds both exams).
        var truth: LesionTruthSet?
        if key.overlay.truth {
            do { truth = try truthSet(forStudy: key.studyUID, files: request.files) } catch { problems.append("\(error)") }
        }
        let canvas: ColorImage
        switch key.layout {
        case .four:
            let gap = max(2, width / 120)
            let tile = HangingCanvas.tileSize(canvasWidth: width, canvasHeight: squareHeight, gap: gap)
            options.maxSize = tile
            let slots = ViewKey.screening.compactMap { view in request.files[view].map { (view, $0) } }
            let (views, failed) = renderViews(slots, options: options, truth: truth, ai: ai)
            problems += failed
            canvas = HangingCanvas.compose(views, canvasWidth: width, canvasHeight: squareHeight, gap: gap,
                                           background: style.background)
        case .single(let view):
            let (views, failed) = renderViews(request.files[view].map { [(view, $0)] } ?? [], options: options, truth: truth,
                                              ai: ai, annotations: key.annotations)
            problems += failed
            if request.files[view] == nil { problems.append("this study has no \(view.label) view") }
            canvas = Self.place(views[view], in: PixelSize(width: width, height: squareHeight),
                                against: view.side, background: style.background)
        case .prior(let view):
            let gap = max(2, width / 60)
            let half = PixelSize(width: max((width - gap) / 2, 1), height: squareHeight)
            options.maxSize = half
            let current = renderViews(request.files[view].map { [(view, $0)] } ?? [], options: options, truth: truth, ai: ai)
            let prior = renderViews(request.priorFiles[view].map { [(view, $0)] } ?? [], options: options, truth: truth)
            problems += current.problems + prior.problems
            if request.priorFiles[view] == nil { problems.append("the prior exam has no \(view.label) view") }
            var out = ColorImage(width: width, height: squareHeight, repeating: style.background)
            Self.blit(Self.place(current.views[view], in: half, against: nil, background: style.background), into: &out, x: 0)
            Self.blit(Self.place(prior.views[view], in: half, against: nil, background: style.background), into: &out,
                      x: width - half.width)
            canvas = out
        }
        return (TerminalPicture.correctAspect(canvas, aspect: geometry.pixelAspect, height: geometry.height), problems)
    }

    /// Views rendered side by side on the cores; failures come back as text.
    func renderViews(_ slots: [(ViewKey, String)], options: ViewRenderer.Options, truth: LesionTruthSet?,
                     ai: [ViewKey: AIViewOverlay] = [:], annotations: AnnotationOverlay? = nil) -> (views: [ViewKey: ColorImage], problems: [String]) {
        let views = Locked([ViewKey: ColorImage]())
        let problems = Locked([String]())
        DispatchQueue.concurrentPerform(iterations: slots.count) { index in
            let (key, path) = slots[index]
            do {
                let overview = try overview(path: path, as: key)
                // Stored pixels only when zoomed past what the overview holds.
                let stored = ViewRenderer.needsStoredPixels(overview, options: options)
                    ? try decodedView(path: path, as: key).stored : nil
                let image = ViewRenderer.render(overview, stored: stored, options: options, style: style, cache: fitted,
                                                truth: truthOverlay(for: overview, in: truth), ai: ai[key],
                                                annotations: annotations?.view == key ? annotations : nil)
                views.update { $0[key] = image }
            } catch {
                problems.update { $0.append("\(key.label): \(Self.problem(error, path: path))") }
            }
        }
        return (views.value, problems.value.sorted())
    }

    /// `image` in a canvas of `size`, against its chest-wall edge (nil side: centred).
    static func place(_ image: ColorImage?, in size: PixelSize, against side: Side?, background: RGBColor) -> ColorImage {
        HangingCanvas.single(image, in: size, against: side, background: background)
    }

    static func blit(_ image: ColorImage, into canvas: inout ColorImage, x: Int) {
        canvas.paste(image, x: x, y: 0)
    }

    /// Cells for the text modes (exactly `cells` in size), a sixel image otherwise.
    func encode(_ picture: ColorImage, cells: Size) -> RenderedPicture.Content {
        let raster = DisplayRaster(picture)
        let choice = graphics.choice
        let grid: ImageCellGrid
        switch choice.mode {
        case .sixel:
            let palette = SixelPalette.standard(registers: choice.sixelRegisters, greyLevels: choice.sixelGreyLevels)
            return .image(TerminalImage(bytes: SixelEncoder(palette: palette).encode(raster), cells: cells))
        case .braille: grid = BrailleEncoder(depth: choice.depth).encode(raster)
        case .blocks: grid = HalfBlockEncoder(depth: choice.depth).encode(raster)
        case .ascii: grid = AsciiEncoder().encodeCells(raster)
        }
        var buffer = CellBuffer(size: cells)
        for row in 0..<min(grid.rows, cells.height) {
            for column in 0..<min(grid.columns, cells.width) {
                let cell = grid[column, row]
                buffer.set(Cell(cell.character, foreground: Self.colour(cell.foreground), background: Self.colour(cell.background)),
                           x: column, y: row)
            }
        }
        return .cells(buffer)
    }

    static func colour(_ c: CellColour?) -> TerminalColor {
        switch c {
        case .rgb(let rgb)?: return .rgb(rgb)
        case .indexed(let slot)?: return .indexed(slot)
        case nil: return .default
        }
    }
}
