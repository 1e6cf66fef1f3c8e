// The VOI functions of PS3.3 C.11.2.1.2, checked at the points the standard defines.
import Imaging
import MammoCore
import Testing

@Suite("VOI windowing")
struct VOITransformTests {
    @Test func linearFollowsTheStandard() {
        // C = 2048, W = 4096: below c - 0.5 - (w-1)/2 is black, above c - 0.5 + (w-1)/2 white.
        let c = 2048.0, w = 4096.0
        #expect(VOITransform.window(c - 0.5 - (w - 1) / 2, center: c, width: w, function: .linear) == 0)
        #expect(VOITransform.window(c - 0.5 + (w - 1) / 2 + 0.01, center: c, width: w, function: .linear) == 1)
        #expect(abs(VOITransform.window(c - 0.5, center: c, width: w, function: .linear) - 0.5) < 1e-9)
        // Width 1 is a threshold.
        #expect(VOITransform.window(99, center: 100, width: 1, function: .linear) == 0)
        #expect(VOITransform.window(100, center: 100, width: 1, function: .linear) == 1)
    }

    @Test func linearExactAndSigmoid() {
        #expect(VOITransform.window(100, center: 100, width: 50, function: .linearExact) == 0.5)
        #expect(VOITransform.window(75, center: 100, width: 50, function: .linearExact) == 0)
        #expect(VOITransform.window(125.5, center: 100, width: 50, function: .linearExact) == 1)
        #expect(VOITransform.window(100, center: 100, width: 50, function: .sigmoid) == 0.5)
        let s = VOITransform.window(125, center: 100, width: 50, function: .sigmoid)
        #expect(abs(s - 1 / (1 + exp(-2.0))) < 1e-12)
    }

    @Test func fastLinearPathMatchesTheFormula() {
        let values: [Float] = stride(from: -100, through: 5000, by: 7).map { Float($0) }
        let image = GrayImage(width: values.count, height: 1, pixels: values)
        let out = VOITransform.apply(image, mapping: .window(center: 1500, width: 2000, function: .linear), monochrome1: false)
        for (x, y) in zip(values, out.pixels) {
            let expected = VOITransform.window(Double(x), center: 1500, width: 2000, function: .linear)
            #expect(abs(Double(y) - expected) < 1e-4)
        }
    }

    @Test func monochrome1IsInverted() {
        let image = GrayImage<Float>(width: 3, height: 1, pixels: [0, 50, 100])
        let normal = VOITransform.apply(image, mapping: .window(center: 50, width: 100, function: .linearExact), monochrome1: false)
        let inverted = VOITransform.apply(image, mapping: .window(center: 50, width: 100, function: .linearExact), monochrome1: true)
        for (a, b) in zip(normal.pixels, inverted.pixels) { #expect(abs(a + b - 1) < 1e-6) }
        #expect(inverted.pixels[0] == 1)
    }

    @Test func voiLUT() {
        let lut = LookupTable(firstMapped: 10, bitsPerEntry: 8, entries: [0, 100, 255])
        let image = GrayImage<Float>(width: 5, height: 1, pixels: [0, 10, 11, 12, 500])
        let out = VOITransform.apply(image, mapping: .lut(lut), monochrome1: false)
        #expect(out.pixels.map { ($0 * 255).rounded() } == [0, 0, 100, 255, 255])
    }

    @Test func modalityRescaleAndLUT() {
        let stored = GrayImage<Int32>(width: 3, height: 1, pixels: [0, 10, -5])
        let rescaled = ModalityTransform.apply(stored, GrayscalePresentation(rescaleSlope: 2, rescaleIntercept: -1024))
        #expect(rescaled.pixels == [-1024, -1004, -1034])
        let lut = LookupTable(firstMapped: 0, bitsPerEntry: 12, entries: [7, 8, 9])
        let mapped = ModalityTransform.apply(stored, GrayscalePresentation(modalityLUT: lut))
        #expect(mapped.pixels == [7, 9, 7])
    }
}
