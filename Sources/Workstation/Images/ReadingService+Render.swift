// Making a picture for the image area: each view through the render pipeline (DecodedView, then
// ViewRenderer) at its tile's size, hung in the layout's arrangement (HangingArrangement: 2x2,
// 1x4, a pair, one view; the prior's set beside or under the current one), squeezed to the
// terminal's pixel shape, then encoded as cells or sixel.
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
        let (picture, problems, words) = rasterAndWords(request)
        let hung = hanging(request)
        var content = encode(picture, cells: key.cells)
        if case .cells(var cells) = content {
            let style = CellStyle(foreground: .rgb(self.style.overlay.markerColor), background: .rgb(self.style.background), attributes: .bold)
            // In text cells the bitmap caption is coarse: the band's row says it in letters.
            if let row = hung.captionRow {
                let text = " Prior \(PrintableText.clean(request.priorDate)) "
                cells.write(text, in: Rect(x: 0, y: row, width: cells.size.width, height: 1), alignment: .center, style: style)
            }
            // So do the views' labels and scale-bar lengths, each in its view's outer corner.
            for word in Self.cellWords(words, canvas: hung.canvas, cells: cells.size) {
                cells.write(word.text, at: Point(x: word.x, y: word.y), style: style, clip: word.clip)
            }
            content = .cells(cells)
        }
        let elapsed = ContinuousClock.now - started
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        let rendered = RenderedPicture(key: key, content: content, problems: problems, renderMilliseconds: ms,
                                       priorPlace: hung.arrangement.priorPlace)
        pictures.insert(rendered, bytes: rendered.byteCount, for: key)
        return rendered
    }

    /// The picture's raster before encoding (the terminal's pixel shape applied), with what could not be shown.
    public func raster(_ request: PictureRequest) -> (picture: ColorImage, problems: [String]) {
        let (picture, problems, _) = rasterAndWords(request)
        return (picture, problems)
    }

    /// A marker word placed on the square canvas: the view's rectangle there keeps it inside.
    struct CanvasWord {
        var word: ViewMarkers.Word
        var view: Rect
    }

    /// The raster, and in the text-cell modes the markers' words left out of it, where they go.
    func rasterAndWords(_ request: PictureRequest) -> (picture: ColorImage, problems: [String], words: [CanvasWord]) {
        let key = request.key
        let hung = hanging(request)
        let geometry = hung.geometry, square = hung.canvas
        let width = square.width, squareHeight = square.height
        var options = ViewRenderer.Options(maxSize: PixelSize(width: width, height: squareHeight))
        options.region = key.zoom.region
        options.allowEnlarging = key.zoom.isZoomed
        options.window = key.window
        options.invert = key.invert
        options.layers = key.overlay
        options.markers = true
        let wordsAsText = graphics.choice.mode != .sixel
        options.markerWordsInPicture = !wordsAsText
        let ai = AIViewOverlay.split(request.ai, bands: scoreBands(for: request.ai))

        var problems: [String] = []
        // The prior's views are found in the same set (a synthetic set holds both exams).
        var truth: LesionTruthSet?
        if key.overlay.truth {
            do { truth = try truthSet(forStudy: key.studyUID, files: request.files) } catch { problems.append("\(error)") }
        }
        let layout = key.layout, arrangement = hung.arrangement, gap = hung.gap, setGap = hung.setGap
        let tile = arrangement.tileSize(canvas: square, gap: gap, setGap: setGap)
        var slots: [(HangingArrangement.Slot, String)] = []
        for slot in arrangement.slots {
            if let path = (slot.prior ? request.priorFiles : request.files)[slot.view] { slots.append((slot, path)) }
        }
        let (views, failed, markerWords) = renderSlots(slots, options: options, tile: tile, fitToBreast: key.fitToBreast && !key.zoom.isZoomed,
                                          truth: truth, ai: ai, annotations: key.annotations, tools: key.tools)
        problems += failed
        var words: [CanvasWord] = []
        if wordsAsText {
            for (slot, image) in views {
                let size = PixelSize(width: image.width, height: image.height)
                let (x0, y0) = HangingCanvas.origin(of: slot, size: size, arrangement, canvas: square, gap: gap, setGap: setGap)
                let view = Rect(x: x0, y: y0, width: size.width, height: size.height)
                words += (markerWords[slot] ?? []).map { w in
                    var w = w
                    w.x += x0; w.y += y0
                    return CanvasWord(word: w, view: view)
                }
            }
        }
        if case .single(let view) = layout, request.files[view] == nil { problems.append("this study has no \(view.label) view") }
        if layout.showsPrior {
            let missing = layout.hanging.views.filter { request.priorFiles[$0] == nil }
            if !missing.isEmpty { problems.append("the prior exam has no \(missing.map(\.label).joined(separator: " ")) view") }
        }
        var canvas = HangingCanvas.compose(views, arrangement, canvas: square, gap: gap, setGap: setGap, background: style.background)
        // In sixel the picture carries the caption; the cell modes write it as text (render).
        if graphics.choice.mode == .sixel, arrangement.priorPlace == .below,
           let band = arrangement.separator(canvas: square, gap: gap, setGap: setGap) {
            PriorCaption.draw("Prior \(request.priorDate)", in: band, on: &canvas, color: style.overlay.markerColor)
        }
        return (TerminalPicture.correctAspect(canvas, aspect: geometry.pixelAspect, height: geometry.height), problems, words)
    }

    /// Marker words on the square canvas as text on `cells` (the canvas spans the cells exactly):
    /// each at the cell holding its corner, kept inside its view's cells.
    static func cellWords(_ words: [CanvasWord], canvas: PixelSize, cells: Size) -> [(text: String, x: Int, y: Int, clip: Rect)] {
        guard canvas.width > 0, canvas.height > 0 else { return [] }
        let sx = Double(cells.width) / Double(canvas.width), sy = Double(cells.height) / Double(canvas.height)
        return words.compactMap { w in
            let left = Int((Double(w.view.x) * sx).rounded(.up)), right = Int((Double(w.view.maxX) * sx).rounded(.down))
            let top = Int((Double(w.view.y) * sy).rounded(.up)), bottom = Int((Double(w.view.maxY) * sy).rounded(.down))
            let clip = Rect(x: left, y: top, width: right - left, height: bottom - top)
            let text = PrintableText.clean(w.word.text)
            guard clip.width >= text.count, clip.height > 0 else { return nil }
            // A word hanging above its bar takes the row that holds its bottom edge.
            let edge = Double(w.word.y) * sy
            let row = min(max(w.word.hangsAbove ? Int(edge.rounded(.up)) - 1 : Int(edge.rounded(.up)), top), bottom - 1)
            let x = w.word.alignsRight ? Int((Double(w.word.x) * sx).rounded(.down)) - text.count : Int((Double(w.word.x) * sx).rounded(.up))
            return (text, min(max(x, left), right - text.count), row, clip)
        }
    }

    /// The slots' views rendered side by side on the cores, planned together (LayoutFit: regions
    /// and one scale); the AI and annotations go on the current exam only. Failures come back as text.
    func renderSlots(_ slots: [(HangingArrangement.Slot, String)], options: ViewRenderer.Options, tile: PixelSize, fitToBreast: Bool,
                     truth: LesionTruthSet?, ai: [ViewKey: AIViewOverlay] = [:], annotations: AnnotationOverlay? = nil,
                     tools: ToolOverlay? = nil)
        -> (views: [HangingArrangement.Slot: ColorImage], problems: [String], words: [HangingArrangement.Slot: [ViewMarkers.Word]]) {
        let overviews = Locked([HangingArrangement.Slot: ViewOverview]())
        let problems = Locked([String]())
        DispatchQueue.concurrentPerform(iterations: slots.count) { index in
            let (slot, path) = slots[index]
            do {
                let view = try overview(path: path, as: slot.view)
                overviews.update { $0[slot] = view }
            } catch {
                problems.update { $0.append("\(slot.label): \(Self.problem(error, path: path))") }
            }
        }
        let found = overviews.value
        let plans = LayoutFit.plan(found, tile: tile, zoom: options.region, fitToBreast: fitToBreast)
        let views = Locked([HangingArrangement.Slot: ColorImage]())
        let words = Locked([HangingArrangement.Slot: [ViewMarkers.Word]]())
        let ready = slots.filter { found[$0.0] != nil }
        DispatchQueue.concurrentPerform(iterations: ready.count) { index in
            let (slot, path) = ready[index]
            guard let overview = found[slot], let plan = plans[slot] else { return }
            var options = options
            options.region = plan.region
            options.maxSize = plan.maxSize
            // The AI never on the prior: its result is the current exam's (the truth may be).
            if slot.prior { options.layers.ai = false }
            do {
                // Stored pixels only when zoomed past what the overview holds.
                let lens = tools.flatMap { !slot.prior && $0.view == slot.view && $0.lens != nil ? $0.magnification : nil }
                let stored = ViewRenderer.needsStoredPixels(overview, options: options)
                    || lens.map { ViewRenderer.lensNeedsStoredPixels(overview, options: options, magnification: $0) } == true
                    ? try decodedView(path: path, as: slot.view).stored : nil
                let image = ViewRenderer.render(overview, stored: stored, options: options, style: style, cache: fitted,
                                                truth: truthOverlay(for: overview, in: truth), ai: slot.prior ? nil : ai[slot.view],
                                                annotations: !slot.prior && annotations?.view == slot.view ? annotations : nil,
                                                tools: !slot.prior && tools?.view == slot.view ? tools : nil)
                views.update { $0[slot] = image }
                if options.markers && !options.markerWordsInPicture {
                    let made = ViewRenderer.markerWords(overview, options: options).words
                    words.update { $0[slot] = made }
                }
            } catch {
                problems.update { $0.append("\(slot.label): \(Self.problem(error, path: path))") }
            }
        }
        return (views.value, problems.value.sorted(), words.value)
    }

    /// Where a key's views hang: the square canvas, the arrangement and its gaps, and the text
    /// row inside the band over a prior set hung under the current one.
    struct Hanging {
        var geometry: RasterGeometry
        var canvas: PixelSize
        var arrangement: HangingArrangement
        var gap: Int
        var setGap: Int
        var captionRow: Int?
    }

    func hanging(_ request: PictureRequest) -> Hanging {
        let key = request.key
        let viewAspect = key.layout.showsPrior ? self.viewAspect(request) : 0.8
        let geometry = graphics.raster(for: CellArea(columns: max(key.cells.width, 1), rows: max(key.cells.height, 1)))
        let square = ViewPlacement.canvas(for: geometry)
        let layout = key.layout
        // One view alone fills the area (ViewPlacement.single's arithmetic); sets part by a gap.
        let gap = layout.showsPrior && !layout.isMultiView ? max(2, square.width / 60) : max(2, square.width / 120)
        let arrangement = HangingArrangement(layout.hanging, prior: layout.showsPrior, canvas: square, gap: gap, viewAspect: viewAspect)
        let setGap = Self.setGap(arrangement, canvas: square, cells: key.cells, gap: gap)
        var row: Int?
        if arrangement.priorPlace == .below, let band = arrangement.separator(canvas: square, gap: gap, setGap: setGap) {
            // The first whole cell row inside the band.
            let perRow = Double(square.height) / Double(max(key.cells.height, 1))
            let first = Int((Double(band.y) / perRow).rounded(.up))
            if Double(first + 1) * perRow <= Double(band.y + band.height) + 0.5 { row = first }
        }
        return Hanging(geometry: geometry, canvas: square, arrangement: arrangement, gap: gap, setGap: setGap, captionRow: row)
    }

    /// The band between the current and the prior set: under a set, two text rows for the
    /// prior's caption; beside, two columns, so the sets cannot run together.
    static func setGap(_ arrangement: HangingArrangement, canvas: PixelSize, cells: Size, gap: Int) -> Int {
        switch arrangement.priorPlace {
        case .below?: return max(gap * 3, 2 * canvas.height / max(cells.height, 1) + 2)
        case .beside?: return max(gap * 3, 2 * canvas.width / max(cells.width, 1))
        case nil: return gap
        }
    }

    /// Width over height of the study's views (for where a compared pair goes), 0.8 until known.
    func viewAspect(_ request: PictureRequest) -> Double {
        guard let (key, path) = request.files.min(by: { $0.key.label < $1.key.label }),
              let view = try? overview(path: path, as: key) else { return 0.8 }
        return Double(view.storedSize.width) / Double(max(view.storedSize.height, 1))
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
