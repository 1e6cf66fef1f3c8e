// `mammoterm-bench graphics FILE OUTDIR`: our terminal encoders on a real mammogram, the Swift
// half of scripts/bench-graphics.sh. Builds one 1.4 Mpx display raster (a CBIS-DDSM view
// windowed by the display pipeline, a heat blob and an outline drawn by OverlayCompositor),
// times the sixel encoder on it, and writes the raster (PNG, PPM) and our sixel files to OUTDIR
// so the script can run img2sixel and chafa on the same pixels and measure PSNR with
// ImageMagick. Also bytes per cell of braille and half blocks on a 160x50 screen.
import DICOM
import Foundation
import Imaging
import MammoCore
import TermGraphics

enum GraphicsBenchmark {
    /// Raster height: about 1.4 Mpx for a 2592x4688 view (a sixel image on a tall screen).
    static let rasterHeight = 1560
    static let screen = CellArea(columns: 160, rows: 50)
    /// Best of many: the machine is shared, and one encode takes milliseconds.
    static let repeats = 25

    static func run(_ arguments: [String]) {
        guard arguments.count >= 2 else { BenchmarkMain.usage() }
        let path = arguments[0], out = arguments[1]
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            let image = try DicomPixelReader.read(path: path)
            var lines: [String] = []

            // The sixel raster: width and height multiples of 8, so chafa (8x8 cells when not on
            // a terminal) can be asked for exactly the same size.
            let large = picture(image, maxWidth: .max, maxHeight: rasterHeight)
            let composed = crop(large, width: large.width / 8 * 8, height: large.height / 8 * 8)
            try PNGWriter.write(composed, to: out + "/raster.png")
            try writePPM(composed, to: out + "/raster.ppm")
            let (conversion, raster) = best { DisplayRaster(composed) }
            let overlayPixels = raster.overlay.map { $0.reduce(0) { $0 + ($1 == nil ? 0 : 1) } } ?? 0
            lines.append(#"{"measure": "raster", "width": \#(raster.width), "height": \#(raster.height), "overlayPixels": \#(overlayPixels), "conversionSeconds": \#(conversion)}"#)

            // The grey ramps a terminal can be sent: the full 101 and coarser ones, to see where bytes
            // and PSNR trade (the default is chosen from these figures).
            let ramps = [("full", SixelPalette.maximumGreyLevels), ("51", 51), ("41", 41), ("compact", SixelPalette.compactGreyLevels)]
            for (name, greys) in ramps {
                let encoder = SixelEncoder(palette: .standard(registers: 256, greyLevels: greys))
                let (seconds, bytes) = best { encoder.encode(raster) }
                let file = "\(out)/ours-\(name).six"
                try Data(bytes).write(to: URL(fileURLWithPath: file))
                lines.append(#"{"measure": "sixel", "palette": "\#(name)", "greys": \#(greys), "dithering": \#(encoder.isDithering), "seconds": \#(seconds), "bytes": \#(bytes.count), "file": "\#(file)"}"#)
            }

            // Text modes on a full 160x50 screen: the view fitted to the screen (as `show --view`
            // draws it, mostly black around a portrait breast) and zoomed so every cell is image.
            for mode in [GraphicsMode.braille, .blocks] {
                let geometry = mode.rasterGeometry(cells: screen, cellPixels: nil)
                let fitted = centred(picture(image, maxWidth: geometry.width, maxHeight: geometry.height),
                                     width: geometry.width, height: geometry.height)
                let zoomedSource = picture(image, maxWidth: geometry.width, maxHeight: .max)
                let zoomed = crop(zoomedSource, width: geometry.width, height: geometry.height,
                                  top: max(0, (zoomedSource.height - geometry.height) / 2))
                for (layout, screenImage) in [("fitted", fitted), ("zoomed", zoomed)] {
                    let cells = DisplayRaster(screenImage)
                    for depth in [ColourDepth.truecolor, .palette256] {
                        let (seconds, text) = best { () -> [UInt8] in
                            let grid = mode == .braille ? BrailleEncoder(depth: depth).encode(cells) : HalfBlockEncoder(depth: depth).encode(cells)
                            return Array(grid.sgrLines().joined(separator: "\n").utf8)
                        }
                        let count = screen.columns * screen.rows
                        lines.append(#"{"measure": "cells", "mode": "\#(mode.rawValue)", "layout": "\#(layout)", "depth": "\#(depth.rawValue)", "cells": \#(count), "bytes": \#(text.count), "bytesPerCell": \#(Double(text.count) / Double(count)), "seconds": \#(seconds)}"#)
                    }
                }
            }
            print(lines.joined(separator: "\n"))
        } catch {
            FileHandle.standardError.write(Data("mammoterm-bench graphics: \(error)\n".utf8))
            exit(1)
        }
    }

    /// Best time of `repeats` runs, and the last result.
    static func best<T>(_ body: () -> T) -> (Double, T) {
        var fastest = Double.infinity
        var result = body()  // warm up: first-touch page faults are not the encoder's
        for _ in 0..<repeats {
            let start = DispatchTime.now().uptimeNanoseconds
            result = body()
            fastest = min(fastest, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return (fastest, result)
    }

    /// The view windowed by the display pipeline (the file's window, else the automatic one),
    /// with a heat blob over the breast's centre of mass blended by OverlayCompositor and an
    /// outline round it: what `show --overlay` puts over a view.
    static func picture(_ image: DicomImage, maxWidth: Int, maxHeight: Int) -> ColorImage {
        let rendering = DisplayPipeline.render(stored: image.stored, presentation: image.header.grayscalePresentation,
                                               maxWidth: maxWidth, maxHeight: maxHeight)
        let grey = rendering.image
        var sumX = 0.0, sumY = 0.0, count = 0.0
        for y in 0..<grey.height {
            for x in 0..<grey.width where grey[x, y] > 40 { sumX += Double(x); sumY += Double(y); count += 1 }
        }
        let cx = count > 0 ? sumX / count / Double(grey.width) : 0.5
        let cy = count > 0 ? sumY / count / Double(grey.height) : 0.5
        // The map at 1/8 of a 1560-high view, as a detector's output would be; sigma 6 % of the width.
        let mapWidth = 108, mapHeight = max(Int(Double(mapWidth) * Double(grey.height) / Double(max(grey.width, 1))), 1)
        var heat = GrayImage<Float>(width: mapWidth, height: mapHeight, repeating: 0)
        let sigma = 0.06
        for y in 0..<mapHeight {
            for x in 0..<mapWidth {
                let dx = (Double(x) + 0.5) / Double(mapWidth) - cx
                let dy = ((Double(y) + 0.5) / Double(mapHeight) - cy) * Double(mapHeight) / Double(mapWidth)
                heat[x, y] = Float(exp(-(dx * dx + dy * dy) / (2 * sigma * sigma)))
            }
        }
        var composed = OverlayCompositor.colorize(grey)
        OverlayCompositor.drawHeatmap(heat, on: &composed, style: HeatmapStyle())
        let radius = 2.2 * sigma * Double(grey.width)
        let outline = (0..<48).map { i in
            let a = Double(i) / 48 * 2 * Double.pi
            return PixelPoint(x: cx * Double(grey.width) + radius * cos(a), y: cy * Double(grey.height) + radius * sin(a))
        }
        OverlayCompositor.drawPolygon(outline, on: &composed, color: RGBColor(r: 255, g: 64, b: 64), thickness: max(1, grey.width / 400))
        return composed
    }

    static func crop(_ image: ColorImage, width: Int, height: Int, top: Int = 0) -> ColorImage {
        var out = ColorImage(width: width, height: height, repeating: RGBColor(grey: 0))
        for y in 0..<min(height, image.height - top) {
            for x in 0..<min(width, image.width) { out[x, y] = image[x, y + top] }
        }
        return out
    }

    /// `image` in the middle of a black `width` x `height` screen.
    static func centred(_ image: ColorImage, width: Int, height: Int) -> ColorImage {
        var out = ColorImage(width: width, height: height, repeating: RGBColor(grey: 0))
        let x0 = (width - image.width) / 2, y0 = (height - image.height) / 2
        for y in 0..<image.height where y + y0 >= 0 && y + y0 < height {
            for x in 0..<image.width where x + x0 >= 0 && x + x0 < width { out[x + x0, y + y0] = image[x, y] }
        }
        return out
    }

    /// Binary PPM (P6): what img2sixel reads without a PNG decoder's work.
    static func writePPM(_ image: ColorImage, to path: String) throws {
        var bytes = Array("P6\n\(image.width) \(image.height)\n255\n".utf8)
        bytes.reserveCapacity(bytes.count + image.pixels.count * 3)
        for p in image.pixels { bytes += [p.r, p.g, p.b] }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }
}
