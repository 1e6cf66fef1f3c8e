// Renders one view of a synthetic breast: silhouette with a soft skin line, thickness fall-off,
// power-law glandular texture converging on the nipple, vessels, pectoral muscle (MLO), lesions,
// detector noise and the acquisition profile's processing; then 12-bit values and a window.
import Foundation
import MammoCore

public struct MammogramRenderer: Sendable {
    public var size: DetectorSize

    public init(size: DetectorSize) { self.size = size }

    // Display model, in display units (0 black ... 1 white) before quantisation to 12 bits.
    // These play the part of a vendor's "for presentation" processing: tissue composition shown
    // fairly directly, the periphery only partly equalised.
    static let background = 0.012
    static let fatLevel = 0.27
    static let glandGain = 0.5
    static let edgeGamma = 0.55
    static let skinMM = 1.6
    static let skinDensity = 0.55
    /// Texture is stretched along rays from the nipple: ducts and septa run toward it.
    static let radialStretch = 1.9
    /// About the span from fat to dense gland at full thickness, in stored values.
    static let minimumWindowWidth = 2000.0

    /// `texture`: the breast's fields when the caller already made them (see `BreastTexture`).
    /// `profile`: the system that acquires the view; the anatomy, lesions and their positions do
    /// not depend on it.
    public func render(anatomy: BreastAnatomy, view: ViewPosition, positioning: Positioning = .standard,
                       lesions: [LesionSpec] = [], noiseSeed: UInt64, texture: BreastTexture? = nil,
                       profile: AcquisitionProfile = .default) -> RenderedView {
        let geometry = ViewGeometry(anatomy: anatomy, view: view, fieldWidthMM: size.fieldWidthMM,
                                    fieldHeightMM: size.fieldHeightMM, positioning: positioning)
        let model = AnatomyModel(geometry: geometry, columns: size.columns / size.modelFactor,
                                 rows: size.rows / size.modelFactor, texture: texture)
        let footprints = lesions.filter { $0.side == anatomy.side }.map { LesionFootprint(spec: $0, geometry: geometry) }
        let width = size.columns, height = size.rows, s = size.pixelSpacingMM
        var lesionDensity: [Float] = []
        if !footprints.isEmpty {
            lesionDensity = [Float](repeating: 0, count: width * height)
            for f in footprints { f.render(into: &lesionDensity, width: width, height: height, spacingMM: s) }
        }
        var pixels = [UInt16](repeating: 0, count: width * height)
        composePixels(into: &pixels, model: model, lesionDensity: lesionDensity, geometry: geometry,
                      thicknessMM: anatomy.thicknessMM, noiseKey: SynthRandom.key(noiseSeed, "detector-noise"), profile: profile)
        let window = MammogramRenderer.window(pixels: pixels, width: width, height: height, model: model, factor: size.modelFactor)
        let mirror = anatomy.side == .right
        if mirror {
            pixels.withUnsafeMutableBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                // Chunks own disjoint rows; reversing a row in place touches only that row.
                Parallel.forEachChunk(height) { rows in
                    for y in rows {
                        var row = UnsafeMutableBufferPointer(start: base + y * width, count: width)
                        row.reverse()
                    }
                }
            }
        }
        let annotations = footprints.map { f -> LesionViewAnnotation in
            let outline = f.outline().map { p in
                PixelPoint(x: mirror ? Double(width) - p.0 / s : p.0 / s, y: p.1 / s)
            }
            let box = PixelBox(bounding: outline) ?? PixelBox(x: 0, y: 0, width: 0, height: 0)
            return LesionViewAnnotation(lesionID: f.spec.id, box: box, outline: outline)
        }
        return RenderedView(viewKey: ViewKey(side: anatomy.side, view: view),
                            image: GrayImage(width: width, height: height, pixels: pixels),
                            pixelSpacingMM: s, windowCenter: window.center, windowWidth: window.width,
                            lesions: annotations)
    }

    /// Share of the full compressed thickness at `sd` mm inside the skin line: the compressed
    /// breast's free edge is roughly a half-cylinder of radius thickness/2.
    @inline(__always)
    static func thicknessShare(_ sd: Double, radius: Double) -> Double {
        guard sd > 0 else { return 0 }
        let u = 1 - min(sd, radius) / radius
        return (1 - u * u).squareRoot()
    }

    private func composePixels(into pixels: inout [UInt16], model: AnatomyModel, lesionDensity: [Float],
                               geometry: ViewGeometry, thicknessMM: Double, noiseKey: UInt64, profile: AcquisitionProfile) {
        let width = size.columns, height = size.rows, s = size.pixelSpacingMM
        let ms = DetectorSize.modelSpacingMM
        let radius = thicknessMM / 2
        // Per-pixel noise grows as pixels shrink (fewer quanta each); sqrt of the area ratio is
        // tempered because detector blur correlates neighbouring pixels.
        let noiseScale = pow(ms / s, 0.65)
        let tissueNoise = 0.0017 * noiseScale, airNoise = 0.00018 * noiseScale
        // Pixels finer than the model grid get the texture's finer scales sampled directly: the
        // scale-free field, sampled with stretched coordinates, has the same look at 1/5 size.
        let addGrain = size.modelFactor > 1
        let mw = model.columns, mh = model.rows
        let tw = model.fineTexture.width, th = model.fineTexture.height
        let sdGrid = ReadOnlyGrid(model.signedDistance), dGrid = ReadOnlyGrid(model.density)
        let uGrid = ReadOnlyGrid(model.textureU), vGrid = ReadOnlyGrid(model.textureV)
        let grainTexture = ReadOnlyGrid(model.fineTexture.pixels)
        let lesionGrid = lesionDensity.isEmpty ? nil : ReadOnlyGrid(lesionDensity)
        // Another profile needs the whole noise-free signal first (blur, correlated noise); the
        // default system keeps its one pass, bit for bit.
        let deferred = profile.altersDetector
        var signal = [Double](repeating: 0, count: deferred ? width * height : 0)
        var noiseSigma = [Double](repeating: 0, count: deferred ? width * height : 0)
        signal.withUnsafeMutableBufferPointer { signalBuffer in
        noiseSigma.withUnsafeMutableBufferPointer { sigmaBuffer in
        let signalOut = signalBuffer.baseAddress, sigmaOut = sigmaBuffer.baseAddress
        pixels.withUnsafeMutableBufferPointer { outBuffer in
            guard let out = outBuffer.baseAddress else { return }
            Parallel.forEachChunk(height) { rows in
                for py in rows {
                    let y = (Double(py) + 0.5) * s
                    let ext = geometry.extent(atY: y)
                    let slope = (geometry.extent(atY: y + 0.3) - geometry.extent(atY: y - 0.3)) / 0.6
                    let analytic = ext > 0 && abs(slope) < 3
                    let cosine = 1 / (1 + slope * slope).squareRoot()
                    let my = y / ms - 0.5
                    for px in 0..<width {
                        let x = (Double(px) + 0.5) * s
                        let mx = x / ms - 0.5
                        var sd = SynthMath.sampleClamped(sdGrid.base, mw, mh, mx, my)
                        // Near the skin the model grid is too coarse for a crisp edge at
                        // 0.07 mm: use the silhouette itself there.
                        if analytic && abs(sd) < 2.5 { sd = (ext - x) * cosine }
                        let index = py * width + px
                        var v = MammogramRenderer.background
                        var coverage = 0.0
                        if sd > -s {
                            coverage = SynthMath.clamp(sd / s + 0.5, 0, 1)
                            let inner = max(sd, 0.25 * s)
                            let t = MammogramRenderer.thicknessShare(inner, radius: radius)
                            let skin = t - MammogramRenderer.thicknessShare(inner - MammogramRenderer.skinMM, radius: radius)
                            var d = SynthMath.sampleClamped(dGrid.base, mw, mh, mx, my)
                            if addGrain && sd > 1 {
                                let u = SynthMath.sampleClamped(uGrid.base, mw, mh, mx, my)
                                let w = SynthMath.sampleClamped(vGrid.base, mw, mh, mx, my)
                                let grain = SynthMath.samplePeriodic(grainTexture.base, tw, th, u * 5.3 + 77, w * 4.7 + 33)
                                d += 0.06 * grain * (0.3 + min(d, 1))
                            }
                            // A lesion replaces the tissue in its path: in dense tissue it adds
                            // less than in fat (masking).
                            if let lg = lesionGrid { d += Double(lg.base[index]) * (1 - 0.6 * min(1, max(0, d))) }
                            d += MammogramRenderer.skinDensity * skin
                            let gain = pow(t, MammogramRenderer.edgeGamma) * coverage
                            v += gain * (MammogramRenderer.fatLevel + MammogramRenderer.glandGain * d)
                        }
                        let sigma = airNoise + (tissueNoise - airNoise) * coverage
                        if deferred, let signalOut, let sigmaOut {
                            signalOut[index] = v
                            sigmaOut[index] = sigma
                            continue
                        }
                        v += sigma * SynthRandom.normal(key: noiseKey, counter: UInt64(index))
                        // Soft shoulder instead of hard clipping for calcifications.
                        if v > 0.82 { v = 0.82 + 0.18 * tanh((v - 0.82) / 0.18) }
                        out[index] = UInt16(SynthMath.clamp((v * 4095).rounded(), 0, 4095))
                    }
                }
            }
        }
        }
        }
        if deferred {
            pixels = profile.expose(signal: signal, noiseSigma: noiseSigma, width: width, height: height, spacingMM: s,
                                    background: MammogramRenderer.background, noiseKey: noiseKey)
        }
    }

    /// Window from the 1st and 99.8th percentiles of pixels at least 1 mm inside the skin line:
    /// the darker periphery sets the low end, so fat shows as dark grey rather than black.
    static func window(pixels: [UInt16], width: Int, height: Int, model: AnatomyModel, factor: Int) -> (center: Double, width: Double) {
        var histogram = [Int](repeating: 0, count: 4096)
        var total = 0
        for y in 0..<height {
            let my = min(model.rows - 1, y / factor)
            for x in 0..<width {
                let mx = min(model.columns - 1, x / factor)
                guard model.signedDistance[my * model.columns + mx] > 1 else { continue }
                histogram[Int(min(pixels[y * width + x], 4095))] += 1
                total += 1
            }
        }
        guard total > 0 else { return (2048, 4096) }
        func percentile(_ p: Double) -> Double {
            let target = Int((Double(total) * p).rounded(.down))
            var running = 0
            for (value, count) in histogram.enumerated() {
                running += count
                if running > target { return Double(value) }
            }
            return 4095
        }
        let low = percentile(0.01), high = percentile(0.998)
        // Not narrower than fat-to-gland: in a fatty breast the few dense pixels would otherwise
        // stretch a lesion or the pectoral muscle to flat white.
        // The low end stays where it is, so fat keeps its grey.
        let w = max(minimumWindowWidth, high - low).rounded()
        return ((low + w / 2).rounded(), w)
    }
}
