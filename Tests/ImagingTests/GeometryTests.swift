// Downsampling, flips, the breast mask, the automatic window and the hanging canvas.
import Imaging
import MammoCore
import Testing

@Suite("Imaging geometry")
struct GeometryTests {
    @Test func areaDownsampleAveragesAndKeepsMean() {
        let image = GrayImage<Float>(width: 4, height: 2, pixels: [0, 2, 4, 6, 8, 10, 12, 14])
        let half = AreaDownsample.resize(image, to: PixelSize(width: 2, height: 1))
        #expect(half.pixels == [5, 9])
        // A non-integer factor keeps the overall mean.
        let big = GrayImage<Float>(width: 37, height: 23, pixels: (0..<(37 * 23)).map { Float($0 % 17) })
        let small = AreaDownsample.resize(big, to: PixelSize(width: 10, height: 7))
        let meanBig = big.pixels.reduce(0, +) / Float(big.pixels.count)
        let meanSmall = small.pixels.reduce(0, +) / Float(small.pixels.count)
        #expect(abs(meanBig - meanSmall) < 0.05)
        #expect(AreaDownsample.fittingSize(width: 2000, height: 4000, maxWidth: 600, maxHeight: 1000) == PixelSize(width: 500, height: 1000))
        #expect(AreaDownsample.fittingSize(width: 20, height: 40, maxWidth: 600, maxHeight: 1000) == PixelSize(width: 20, height: 40))
    }

    @Test func flips() {
        let image = GrayImage<Int>(width: 3, height: 2, pixels: [1, 2, 3, 4, 5, 6])
        #expect(image.flipped(horizontal: true, vertical: false).pixels == [3, 2, 1, 6, 5, 4])
        #expect(image.flipped(horizontal: false, vertical: true).pixels == [4, 5, 6, 1, 2, 3])
        #expect(image.flipped(horizontal: true, vertical: true).pixels == [6, 5, 4, 3, 2, 1])
    }

    /// A breast-like test image: air (value 100) on the left, tissue (1500...2500) on the right.
    static func phantom(tissueOnRight: Bool = true) -> GrayImage<Float> {
        let w = 200, h = 100
        var pixels = [Float](repeating: 100, count: w * h)
        for y in 0..<h {
            for x in 0..<w {
                let dx = tissueOnRight ? Double(w - x) : Double(x + 1)
                let dy = Double(y - h / 2)
                if dx * dx / 1.2 + dy * dy < 2500 { pixels[y * w + x] = 1500 + Float((x * 7 + y * 13) % 1001) }
            }
        }
        // A burned-in label: small and very bright, in the air.
        for y in 2..<6 { for x in 2..<12 { pixels[y * w + (tissueOnRight ? x : w - 1 - x)] = 65535 } }
        return GrayImage(width: w, height: h, pixels: pixels)
    }

    @Test func autoWindowComesFromTheBreast() {
        let window = AutoWindow.compute(Self.phantom())
        // Inside the tissue range, ignoring both the air and the label.
        #expect(window.center - window.width / 2 >= 1500)
        #expect(window.center + window.width / 2 <= 2501)
        #expect(window.width > 800)
    }

    @Test func chestWallEdge() {
        #expect(ChestWall.edge(of: Self.phantom(tissueOnRight: true)) == .right)
        #expect(ChestWall.edge(of: Self.phantom(tissueOnRight: false)) == .left)
    }

    @Test func hangingCanvasMirrorsTheBreasts() {
        // Each view is a 10x20 block whose chest-wall column is 255; the rest 100.
        func view(_ side: Side) -> GrayImage<UInt8> {
            var image = GrayImage<UInt8>(width: 10, height: 20, repeating: 100)
            for y in 0..<20 { image[side == .right ? 9 : 0, y] = 255 }
            return image
        }
        let views = Dictionary(uniqueKeysWithValues: ViewKey.screening.map { ($0, view($0.side)) })
        let canvas = HangingCanvas.compose(views, canvasWidth: 50, canvasHeight: 60, gap: 2, background: 0)
        // Tiles are 24 wide: the right view ends at x = 23, the left starts at x = 26.
        #expect(canvas[23, 10] == 255)
        #expect(canvas[26, 10] == 255)
        #expect(canvas[14, 10] == 100)
        #expect(canvas[13, 10] == 0)   // right view flushed right: nothing at its far side
        #expect(canvas[36, 10] == 0)
        #expect(canvas[23, 40] == 255)  // the MLO row too
    }

    @Test func displayPipelineUsesTheFileWindowFirst() {
        let stored = GrayImage<Int32>(width: 4, height: 1, pixels: [0, 1000, 2000, 4000])
        let p = GrayscalePresentation(windows: [VOIWindow(center: 2000, width: 2000)])
        let rendering = DisplayPipeline.render(stored: stored, presentation: p)
        #expect(!rendering.windowIsAutomatic)
        #expect(rendering.image.pixels[0] == 0 && rendering.image.pixels[3] == 255)
        #expect(abs(Int(rendering.image.pixels[2]) - 128) <= 1)
    }
}
