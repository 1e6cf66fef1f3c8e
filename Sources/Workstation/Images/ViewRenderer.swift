// The render pipeline's last steps for one measured view (DecodedView), the same for the reading
// screen and `show`: placement (crop to the zoomed region with the flips undone, fit: from the
// overview, or from the stored pixels when the caller passes them, shrinking by area with detail
// kept or enlarging pixel by pixel when zoomed past them), raster (window, the theme's grey curve,
// invert, flip), then the overlays (truth map and outlines, AI map and boxes, annotations), all in
// ViewPlacement's arithmetic. The fitted modality values are cached, so a window change only
// re-maps a small image.
import Foundation
import Imaging
import MammoCore

public enum ViewRenderer {
    public struct Options: Hashable, Sendable {
        public var region: NormalizedRegion = .whole
        public var maxSize: PixelSize
        /// Zoomed views may grow past their stored size; whole views never do.
        public var allowEnlarging = false
        public var window = WindowAdjustment()
        /// A window that replaces the view's own (`show --window-center/--window-width`); `window` then is ignored.
        public var windowOverride: VOIWindow?
        public var invert = false
        /// AI and truth, either or both, and how the AI map is drawn (ViewRenderer+Overlays).
        public var layers = OverlaySelection.none
        /// `show`'s one-at-a-time choice, as `layers`.
        public var overlay: OverlayChoice {
            get { layers.truth ? .truth : layers.ai ? .ai : .none }
            set { layers = OverlaySelection(newValue) }
        }
        /// The view's label and a millimetre scale bar drawn in its outer corners (ViewMarkers).
        public var markers = false
        /// The markers' words drawn into the picture too; false in the text-cell modes, which
        /// write them as characters (`markerWords`).
        public var markerWordsInPicture = true

        public init(maxSize: PixelSize) { self.maxSize = maxSize }
    }

    /// How pictures look, from the theme.
    public struct Style: Sendable {
        public var overlay: OverlayStyle
        public var gamma: Double
        public var invert: Bool
        public var background: RGBColor

        /// Plain greys on black (`show`, which takes no theme).
        public init(overlay: OverlayStyle = OverlayStyle(), gamma: Double = 1, invert: Bool = false,
                    background: RGBColor = RGBColor(grey: 0)) {
            self.overlay = overlay
            self.gamma = gamma
            self.invert = invert
            self.background = background
        }

        public init(theme: Theme) {
            overlay = OverlayStyle(theme: theme)
            gamma = theme.image.gamma
            invert = theme.image.invert
            background = theme.image.background
        }
    }

    /// The stored-pixel rectangle a fitted image came from, and its fitted size: a cache key.
    public struct FittedKey: Hashable, Sendable {
        public var path: String
        public var x: Int, y: Int, width: Int, height: Int
        public var size: PixelSize
        public var detail: Float
    }

    public typealias FittedCache = ByteBudgetCache<FittedKey, GrayImage<Float>>

    /// Renders `view` from its overview, or from `stored` (the full-resolution pixels) when given:
    /// the reading screen passes them when `needsStoredPixels` says the overview is too coarse for
    /// this crop and size, `show` always (it decodes them anyway and keeps no overview).
    public static func render(_ view: ViewOverview, stored: GrayImage<Int32>?, options: Options, style: Style,
                              cache: FittedCache? = nil, truth: TruthOverlay? = nil, ai: AIViewOverlay? = nil,
                              annotations: AnnotationOverlay? = nil, tools: ToolOverlay? = nil) -> ColorImage {
        let crop = storedCrop(options.region, of: view)
        let size = fittedSize(crop: crop, options: options)
        let key = FittedKey(path: view.path, x: crop.x, y: crop.y, width: crop.width, height: crop.height,
                            size: size, detail: style.overlay.detail)
        let make = { () -> GrayImage<Float> in
            if let stored {
                return fitted(stored, presentation: view.presentation, crop: crop, size: size, detail: style.overlay.detail)
            }
            return fitted(overview: view, crop: crop, size: size)
        }
        let modality = cache?.value(for: key, bytes: { $0.pixels.count * 4 }, make: make) ?? make()

        let mapping = mapping(for: view, options: options)
        let display = VOITransform.apply(modality, mapping: mapping, monochrome1: view.presentation.monochrome1)
        let curve = greyCurve(gamma: style.gamma, invert: options.invert != style.invert)
        let grey = display.map { curve[Int(min(max($0, 0), 1) * 1023 + 0.5)] }
            .flipped(horizontal: view.flipHorizontal, vertical: view.flipVertical)
        var picture = OverlayCompositor.colorize(grey)
        drawOverlays(options.layers, truth: truth, ai: ai, of: view, crop: crop, on: &picture, style: style.overlay)
        if let annotations { drawAnnotations(annotations, of: view, crop: crop, on: &picture, style: style.overlay) }
        if let tools { drawTools(tools, of: view, stored: stored, crop: crop, options: options, style: style, on: &picture) }
        if options.markers {
            // Millimetres per picture pixel: the stored spacing stretched by the fit.
            ViewMarkers.draw(on: &picture, key: view.key, label: view.key?.label ?? "", mmPerPixel: markerMMPerPixel(view, crop: crop, size: size),
                             color: style.overlay.markerColor, withWords: options.markerWordsInPicture)
        }
        return picture
    }

    /// Millimetres per picture pixel: the stored spacing stretched by the fit.
    static func markerMMPerPixel(_ view: ViewOverview, crop: Crop, size: PixelSize) -> Double? {
        view.pixelSpacing.map { $0 * Double(crop.width) / Double(max(size.width, 1)) }
    }

    /// The markers' words for `view` rendered with `options` (in the picture's own pixels, and
    /// that picture's size): what the text-cell modes write over the cells.
    public static func markerWords(_ view: ViewOverview, options: Options) -> (words: [ViewMarkers.Word], size: PixelSize) {
        let crop = storedCrop(options.region, of: view)
        let size = fittedSize(crop: crop, options: options)
        return (ViewMarkers.words(width: size.width, height: size.height, key: view.key, label: view.key?.label ?? "",
                                  mmPerPixel: markerMMPerPixel(view, crop: crop, size: size)), size)
    }

    /// A stored point on the fitted, flipped crop (the mapping ViewPlacement.toFitted repeats).
    static func displayPoint(_ p: PixelPoint, of view: ViewOverview, crop: Crop, size: PixelSize) -> PixelPoint {
        var x = (p.x - Double(crop.x)) * Double(size.width) / Double(crop.width)
        var y = (p.y - Double(crop.y)) * Double(size.height) / Double(crop.height)
        if view.flipHorizontal { x = Double(size.width) - x }
        if view.flipVertical { y = Double(size.height) - y }
        return PixelPoint(x: x, y: y)
    }

    /// Annotation marks (outlines; points as small diamonds) and the cursor, in the theme's colours.
    static func drawAnnotations(_ overlay: AnnotationOverlay, of view: ViewOverview, crop: Crop, on picture: inout ColorImage,
                                style: OverlayStyle) {
        let size = picture.size
        // Drafts and selections over the rest.
        let order: [AnnotationOverlay.Role] = [.other, .accepted, .own, .draft, .selected]
        for role in order {
            let color = style.annotationColor(role)
            for mark in overlay.marks where mark.role == role {
                if case .point(let p) = mark.shape {
                    let c = displayPoint(p, of: view, crop: crop, size: size)
                    let r = 4.0
                    OverlayCompositor.drawPolygon([PixelPoint(x: c.x, y: c.y - r), PixelPoint(x: c.x + r, y: c.y),
                                                   PixelPoint(x: c.x, y: c.y + r), PixelPoint(x: c.x - r, y: c.y)],
                                                  on: &picture, color: color, thickness: style.lineWidth)
                    continue
                }
                let outline = mark.shape.outline().map { displayPoint($0, of: view, crop: crop, size: size) }
                if case .polygon = mark.shape, role == .draft {
                    // An open polyline while it is drawn.
                    for (a, b) in zip(outline, outline.dropFirst()) {
                        OverlayCompositor.drawLine(from: a, to: b, on: &picture, color: color, thickness: style.lineWidth)
                    }
                } else {
                    OverlayCompositor.drawPolygon(outline, on: &picture, color: color,
                                                  thickness: role == .selected ? style.lineWidth + 1 : style.lineWidth)
                }
            }
        }
        if let cursor = overlay.cursor {
            // Two pixels thick: squeezing to a terminal's pixel shape drops single rows, never two.
            OverlayCompositor.drawCrosshair(at: displayPoint(cursor, of: view, crop: crop, size: size), on: &picture,
                                            color: style.cursorColor, radius: 7, thickness: 2)
        }
    }

    /// Whether this crop at this size needs more pixels than the overview holds.
    public static func needsStoredPixels(_ view: ViewOverview, options: Options) -> Bool {
        guard view.scale < 1 else { return false }
        let crop = storedCrop(options.region, of: view)
        let size = fittedSize(crop: crop, options: options)
        return Double(size.width) > Double(crop.width) * view.scale + 0.5 || Double(size.height) > Double(crop.height) * view.scale + 0.5
    }

    /// The mapping for a view after the reader's adjustment (or the window given instead of the
    /// view's, with the file's VOI LUT function); the file's own mapping untouched.
    public static func mapping(for view: ViewOverview, options: Options) -> VOITransform.Mapping {
        if let given = options.windowOverride {
            return .window(center: given.center, width: given.width, function: view.presentation.voiLUTFunction)
        }
        guard !options.window.keepsBaseMapping(windowIsAutomatic: view.windowIsAutomatic) else { return view.baseMapping }
        let w = options.window.applied(base: view.baseWindow, windows: view.breastWindows)
        var function = VOILUTFunction.linear
        if case let .window(_, _, f) = view.baseMapping { function = f }
        return .window(center: w.center, width: w.width, function: function)
    }

    struct Crop: Hashable { var x: Int, y: Int, width: Int, height: Int }

    /// The displayed-view region in stored pixels: the flips undone, clamped to the image.
    static func storedCrop(_ region: NormalizedRegion, of view: ViewOverview) -> Crop {
        storedCrop(region, stored: view.storedSize, flipHorizontal: view.flipHorizontal, flipVertical: view.flipVertical)
    }

    static func storedCrop(_ region: NormalizedRegion, stored: PixelSize, flipHorizontal: Bool, flipVertical: Bool) -> Crop {
        let w = stored.width, h = stored.height
        guard !region.isWhole else { return Crop(x: 0, y: 0, width: w, height: h) }
        let rx = flipHorizontal ? 1 - region.x - region.width : region.x
        let ry = flipVertical ? 1 - region.y - region.height : region.y
        let x0 = min(max(Int((rx * Double(w)).rounded(.down)), 0), w - 1)
        let y0 = min(max(Int((ry * Double(h)).rounded(.down)), 0), h - 1)
        let x1 = min(max(Int(((rx + region.width) * Double(w)).rounded(.up)), x0 + 1), w)
        let y1 = min(max(Int(((ry + region.height) * Double(h)).rounded(.up)), y0 + 1), h)
        return Crop(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }

    static func fittedSize(crop: Crop, options: Options) -> PixelSize {
        var scale = min(Double(max(options.maxSize.width, 1)) / Double(crop.width),
                        Double(max(options.maxSize.height, 1)) / Double(crop.height))
        if !options.allowEnlarging { scale = min(scale, 1) }
        return PixelSize(width: max(1, Int((Double(crop.width) * scale).rounded())),
                         height: max(1, Int((Double(crop.height) * scale).rounded())))
    }

    /// Modality values of the crop at `size`, from the stored pixels.
    static func fitted(_ stored: GrayImage<Int32>, presentation p: GrayscalePresentation, crop: Crop, size: PixelSize,
                       detail: Float) -> GrayImage<Float> {
        let source = cropped(stored, crop)
        if size.width >= source.width || size.height >= source.height {
            let slope = Float(p.rescaleSlope), intercept = Float(p.rescaleIntercept)
            let modality = p.modalityLUT != nil ? ModalityTransform.apply(source, p) : source.map { Float($0) * slope + intercept }
            return enlarged(modality, to: size)
        }
        // The overview's own shrinking (a modality LUT before averaging, a linear rescale after).
        return DisplayPipeline.modalityValues(source, presentation: p, size: size, detail: detail)
    }

    /// Modality values of the crop at `size`, from the overview (already detail-kept).
    static func fitted(overview view: ViewOverview, crop: Crop, size: PixelSize) -> GrayImage<Float> {
        let s = view.scale
        let level = view.image
        let x0 = min(Int(Double(crop.x) * s), level.width - 1), y0 = min(Int(Double(crop.y) * s), level.height - 1)
        let x1 = min(max(Int((Double(crop.x + crop.width) * s).rounded(.up)), x0 + 1), level.width)
        let y1 = min(max(Int((Double(crop.y + crop.height) * s).rounded(.up)), y0 + 1), level.height)
        let source = cropped(level, Crop(x: x0, y: y0, width: x1 - x0, height: y1 - y0))
        if size.width >= source.width || size.height >= source.height { return enlarged(source, to: size) }
        return AreaDownsample.resize(source, to: size)
    }

    /// Each source pixel as a block (nearest neighbour), as a magnifier shows it.
    static func enlarged(_ source: GrayImage<Float>, to size: PixelSize) -> GrayImage<Float> {
        if source.size == size { return source }
        var out = [Float](repeating: 0, count: size.width * size.height)
        let columns = (0..<size.width).map { min($0 * source.width / size.width, source.width - 1) }
        for y in 0..<size.height {
            let sy = min(y * source.height / size.height, source.height - 1)
            for x in 0..<size.width { out[y * size.width + x] = source.pixels[sy * source.width + columns[x]] }
        }
        return GrayImage(width: size.width, height: size.height, pixels: out)
    }

    static func cropped<Pixel>(_ image: GrayImage<Pixel>, _ crop: Crop) -> GrayImage<Pixel> {
        if crop.x == 0 && crop.y == 0 && crop.width == image.width && crop.height == image.height { return image }
        var pixels: [Pixel] = []
        pixels.reserveCapacity(crop.width * crop.height)
        for y in crop.y..<(crop.y + crop.height) {
            let row = y * image.width
            pixels.append(contentsOf: image.pixels[(row + crop.x)..<(row + crop.x + crop.width)])
        }
        return GrayImage(width: crop.width, height: crop.height, pixels: pixels)
    }

    /// 1024 steps of display value to an 8-bit grey through the theme's gamma and the invert.
    static func greyCurve(gamma: Double, invert: Bool) -> [UInt8] {
        (0...1024).map { i in
            var v = min(Double(i) / 1023, 1)
            if gamma != 1 { v = Foundation.pow(v, 1 / gamma) }
            if invert { v = 1 - v }
            return UInt8(min(max(v * 255 + 0.5, 0), 255))
        }
    }

    /// A map covering the whole stored image (any resolution), drawn over the crop at the
    /// picture's size and orientation in `heatmap`'s style: ground truth and AI alike.
    static func drawMap(_ heat: GrayImage<Float>?, of view: ViewOverview, crop: Crop, on picture: inout ColorImage,
                        heatmap: HeatmapStyle) {
        let size = picture.size
        if let heat, heat.width > 0, heat.height > 0 {
            let fx = Double(heat.width) / Double(view.storedSize.width), fy = Double(heat.height) / Double(view.storedSize.height)
            let hx = min(Int(Double(crop.x) * fx), heat.width - 1), hy = min(Int(Double(crop.y) * fy), heat.height - 1)
            let hw = min(max(Int((Double(crop.width) * fx).rounded(.up)), 1), heat.width - hx)
            let hh = min(max(Int((Double(crop.height) * fy).rounded(.up)), 1), heat.height - hy)
            let heatCrop = cropped(heat, Crop(x: hx, y: hy, width: hw, height: hh))
            let shownHeat = OverlayCompositor.resample(heatCrop, to: size)
                .flipped(horizontal: view.flipHorizontal, vertical: view.flipVertical)
            OverlayCompositor.drawHeatmap(shownHeat, on: &picture, style: heatmap)
        }
    }
}
