// The smooth part of a view on the 0.28 mm model grid: signed distance to the skin line and the
// tissue density (gland, vessels, pectoral muscle). The renderer interpolates it to pixels.
import Foundation
import MammoCore

struct AnatomyModel: Sendable {
    let columns: Int
    let rows: Int
    /// mm from the skin line, positive inside the breast.
    var signedDistance: [Float]
    /// Projected dense tissue in units of (gland - fat) over the full thickness: 0 all fat, ~1 all gland.
    var density: [Float]
    /// Texture coordinates (texels) of each cell, so that pixels finer than a cell can sample
    /// the texture for detail the cells cannot hold.
    var textureU: [Float]
    var textureV: [Float]
    let fineTexture: GrayImage<Float>

    init(geometry: ViewGeometry, columns: Int, rows: Int, texture: BreastTexture? = nil) {
        self.columns = columns
        self.rows = rows
        let ms = DetectorSize.modelSpacingMM
        let count = columns * rows
        let anatomy = geometry.anatomy

        // Silhouette and exact distances to it, both ways, with half a cell for the boundary.
        var inside = [Bool](repeating: false, count: count)
        for y in 0..<rows {
            let ext = geometry.extent(atY: (Double(y) + 0.5) * ms)
            for x in 0..<columns where (Double(x) + 0.5) * ms < ext { inside[y * columns + x] = true }
        }
        let toAir = DistanceTransform.distance(toFeature: inside.map { !$0 }, width: columns, height: rows)
        let toBreast = DistanceTransform.distance(toFeature: inside, width: columns, height: rows)
        var sd = [Float](repeating: 0, count: count)
        for i in 0..<count {
            sd[i] = inside[i] ? Float((Double(toAir[i]) - 0.5) * ms) : Float(-(Double(min(toBreast[i], 1e6)) - 0.5) * ms)
        }
        signedDistance = sd

        // One texture per breast, shared by its CC and MLO: both are sampled around the nipple
        // by depth and angle, so dense tissue lies at about the same depth in both views.
        let shared = texture ?? BreastTexture(anatomy: anatomy)
        let layout = shared.layout, fine = shared.fine
        let viewShift = geometry.view == .mlo ? 37.0 : 0.0

        // Pass 1: texture samples in nipple-centred polar coordinates (radially stretched, so
        // structures run toward the nipple), fat-lobule cells, and the gland envelope.
        let fields = TissueFields(count: count)
        let tw = layout.width, th = layout.height
        let nx = geometry.nippleX - anatomy.nippleLengthMM, ny = geometry.nippleY
        let isMLO = geometry.view == .mlo
        let lobuleKey = SynthRandom.key(anatomy.textureSeed, "lobules-" + geometry.view.rawValue)
        let lobuleCell = anatomy.lobuleSizeMM
        layout.pixels.withUnsafeBufferPointer { layoutBuffer in
            fine.pixels.withUnsafeBufferPointer { fineBuffer in
                sd.withUnsafeBufferPointer { sdBuffer in
                    guard let lt = layoutBuffer.baseAddress, let ft = fineBuffer.baseAddress,
                          let sdp = sdBuffer.baseAddress else { return }
                    Parallel.forEachChunk(rows) { band in
                        for row in band {
                            let y = (Double(row) + 0.5) * ms
                            for col in 0..<columns {
                                let i = row * columns + col
                                let dist = Double(sdp[i])
                                guard dist > -1 else { continue }
                                let x = (Double(col) + 0.5) * ms
                                let dx = nx - x, dy = y - ny
                                let r = (dx * dx + dy * dy).squareRoot()
                                let theta = atan2(dy, dx)
                                let radial = r / MammogramRenderer.radialStretch
                                let arc = theta * (r + 25)
                                let u = radial / ms, v = arc / ms
                                fields.u[i] = Float(u)
                                fields.v[i] = Float(v)
                                fields.layout[i] = Float(SynthMath.samplePeriodic(lt, tw, th, u, v))
                                // The same scale-free field sampled with coordinates 3x
                                // larger shows 3x smaller features: strands inside the gland.
                                fields.fine[i] = Float(SynthMath.samplePeriodic(ft, tw, th, u * 3 + 200 + viewShift, v * 2.6 + 900))
                                // Zoomed-in samples of the same field vary slowly: they wobble
                                // the envelope's borders and the lobule cells so neither is a
                                // smooth curve or a straight-sided polygon.
                                let wobble1 = SynthMath.samplePeriodic(lt, tw, th, u / 4 + 300, v / 4 + 100)
                                let wobble2 = SynthMath.samplePeriodic(ft, tw, th, u / 3 + 50, v / 3 + 1500)
                                let warpU = SynthMath.samplePeriodic(ft, tw, th, u * 1.3 + 400, v * 1.3 + 300)
                                let warpV = SynthMath.samplePeriodic(lt, tw, th, u * 1.3 + 100, v * 1.3 + 700)
                                let cell = CellularNoise.sample(radial + 0.45 * lobuleCell * warpU, arc + 0.45 * lobuleCell * warpV,
                                                                cell: lobuleCell, key: lobuleKey)
                                fields.septa[i] = Float(exp(-pow((cell.f2 - cell.f1) / 0.5, 2)))
                                let lobuleShare = anatomy.fatLobuleShare
                                // A lobule fades out before its cell border, or neighbouring
                                // cells would meet in a hard step.
                                fields.hole[i] = cell.cellValue < lobuleShare
                                    ? Float(SynthMath.smoothstep(0.75 * lobuleCell, 0.1 * lobuleCell, cell.f1)
                                        * SynthMath.smoothstep(0, 0.3 * lobuleCell, cell.f2 - cell.f1)
                                        * (0.5 + 0.5 * cell.cellValue / max(lobuleShare, 1e-3)))
                                    : 0
                                let skin = SynthMath.smoothstep(anatomy.subcutaneousFatMM, anatomy.subcutaneousFatMM + 16, dist + 5 * wobble1)
                                var back = x
                                if isMLO { back = min(x, -geometry.pectoralDepth(x: x, y: y)) }
                                let retro = SynthMath.smoothstep(anatomy.retromammaryFatMM, anatomy.retromammaryFatMM + 24, back + 10 * wobble2 + 7 * warpU)
                                let angular = SynthMath.smoothstep(1.7, 0.5, abs(theta - anatomy.glandBias) + 0.2 * wobble2)
                                // Ducts converge behind the nipple: some density there even
                                // where the breast is too thin for the main gland envelope.
                                let ducts = 0.75 * exp(-pow(r / 38, 2)) * SynthMath.smoothstep(0.9, 0.25, abs(theta))
                                    * SynthMath.smoothstep(1, 5, dist)
                                fields.envelope[i] = Float(max(skin * retro * angular, ducts))
                            }
                        }
                    }
                }
            }
        }

        // Threshold so the dense share of the glandular region matches the density category,
        // whatever this particular random field happens to do.
        var candidates: [Float] = []
        candidates.reserveCapacity(count / 4)
        for i in stride(from: 0, to: count, by: 3) where fields.envelope[i] > 0.5 { candidates.append(fields.layout[i]) }
        candidates.sort()
        var threshold = 0.0
        if !candidates.isEmpty {
            let k = Int(Double(candidates.count - 1) * SynthMath.clamp(1 - anatomy.glandFraction, 0, 1))
            threshold = Double(candidates[k])
        }

        // Pass 2: density.
        var density = [Float](repeating: 0, count: count)
        let pectoralAxis: (Double, Double) = {
            let w = geometry.pectoralWidth, h = geometry.pectoralHeight
            let n = max(1e-6, (w * w + h * h).squareRoot())
            return (-w / n, h / n)
        }()
        density.withUnsafeMutableBufferPointer { densityBuffer in
            fine.pixels.withUnsafeBufferPointer { fineBuffer in
                guard let out = densityBuffer.baseAddress, let ft = fineBuffer.baseAddress else { return }
                Parallel.forEachChunk(rows) { band in
                    for row in band {
                        let y = (Double(row) + 0.5) * ms
                        for col in 0..<columns {
                            let i = row * columns + col
                            let dist = Double(sd[i])
                            guard dist > -1 else { continue }
                            let x = (Double(col) + 0.5) * ms
                            let w = Double(fields.envelope[i])
                            let n1 = Double(fields.layout[i]), n2 = Double(fields.fine[i])
                            // Soft threshold: outside the envelope the bar rises, so gland thins out.
                            let gland = SynthMath.sigmoid((n1 - threshold + 1.8 * (w - 1)) / 0.4)
                            // Dense tissue varies in how much of the path it fills, and fat lobules
                            // show through it as darker rounded holes.
                            let fill = (0.6 + 0.3 * tanh(0.9 * n2)) * (1 - 0.2 * Double(fields.hole[i]))
                            // Fat is crossed by thin connective-tissue septa and faint mottling.
                            let deep = SynthMath.smoothstep(2, 12, dist)
                            let fat = deep * (0.05 * Double(fields.septa[i]) + 0.03 * (n2 + 1))
                            var d = gland * fill + (1 - gland) * fat
                            if isMLO {
                                let pd = geometry.pectoralDepth(x: x, y: y)
                                // The muscle lies behind the gland: none of it shows inside.
                                d *= SynthMath.smoothstep(1, -3, pd)
                                if pd > -2 {
                                    let along = x * pectoralAxis.0 + y * pectoralAxis.1
                                    let across = -x * pectoralAxis.1 + y * pectoralAxis.0
                                    let fibres = SynthMath.samplePeriodic(ft, tw, th, along / ms / 6 + 50, across / ms + 1400)
                                    let muscle = SynthMath.smoothstep(-0.8, 0.8, pd)
                                        * (0.48 + 0.14 * SynthMath.smoothstep(0, 35, pd) + 0.06 * fibres)
                                    d = max(d, muscle)
                                }
                            }
                            out[i] = Float(max(0, d))
                        }
                    }
                }
            }
        }
        VesselTree.render(into: &density, geometry: geometry, columns: columns, rows: rows)
        self.density = density
        textureU = Array(UnsafeBufferPointer(start: fields.u, count: count))
        textureV = Array(UnsafeBufferPointer(start: fields.v, count: count))
        fineTexture = fine
    }
}
