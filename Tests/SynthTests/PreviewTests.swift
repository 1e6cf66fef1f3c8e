// Writes windowed PNG previews for people to look at; runs only when SYNTH_PREVIEW_DIR is set
// (e.g. SYNTH_PREVIEW_DIR=/tmp/synth swift test -c release --filter SynthTests.PreviewTests).
import Foundation
import Imaging
import MammoCore
import Testing
@testable import Synth

@Suite struct PreviewTests {
    static let directory = ProcessInfo.processInfo.environment["SYNTH_PREVIEW_DIR"]
    static var sizes: [DetectorSize] {
        (ProcessInfo.processInfo.environment["SYNTH_PREVIEW_SIZE"] ?? "small").split(separator: ",").compactMap { DetectorSize(rawValue: String($0)) }
    }

    @Test(.enabled(if: directory != nil))
    func densitiesWithLesions() throws {
        guard let dir = PreviewTests.directory else { return }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for size in PreviewTests.sizes {
            for (n, density) in BreastDensity.allCases.enumerated() {
                let seed = UInt64(100 + n)
                let lesions = [
                    LesionSpec(id: "m", shape: n % 2 == 0 ? .spiculated : .oval, pathology: .malignant, side: .right, diameterMM: 14,
                               depthMM: 45, lateralMM: 20, superiorMM: 10, detailSeed: seed),
                    LesionSpec(id: "c", shape: n % 2 == 0 ? .pleomorphic : .coarse, pathology: .malignant, side: .left, diameterMM: 8,
                               depthMM: 40, lateralMM: -15, superiorMM: 5, detailSeed: seed + 1),
                ]
                var views: [RenderedView] = []
                let start = Date()
                for key in ViewKey.screening {
                    let anatomy = BreastAnatomy(patientSeed: seed, side: key.side, density: density, fieldHeightMM: size.fieldHeightMM)
                    views.append(MammogramRenderer(size: size).render(anatomy: anatomy, view: key.view, lesions: lesions, noiseSeed: seed))
                }
                print("preview \(size) \(density): \(String(format: "%.2f", Date().timeIntervalSince(start))) s for 4 views")
                try PreviewTests.writeHanging(views, to: "\(dir)/\(size.rawValue)-density-\(density.rawValue).png", maxRows: 900)
                if size == .full {
                    try PreviewTests.writeCrop(views[0], to: "\(dir)/full-crop-\(density.rawValue).png")
                }
            }
        }
    }

    /// RCC | LCC over RMLO | LMLO, each windowed with its own window, area-downsampled.
    static func writeHanging(_ views: [RenderedView], to path: String, maxRows: Int) throws {
        guard let first = views.first else { return }
        let factor = max(1, (first.image.height + maxRows / 2 - 1) / (maxRows / 2))
        let w = first.image.width / factor, h = first.image.height / factor
        var canvas = GrayImage<UInt8>(width: 2 * w + 4, height: 2 * h + 4, repeating: 40)
        for (i, view) in views.prefix(4).enumerated() {
            let ox = (i % 2) * (w + 4), oy = (i / 2) * (h + 4)
            let low = view.windowCenter - view.windowWidth / 2
            for y in 0..<h {
                for x in 0..<w {
                    var sum = 0.0
                    for dy in 0..<factor { for dx in 0..<factor { sum += Double(view.image[x * factor + dx, y * factor + dy]) } }
                    let v = (sum / Double(factor * factor) - low) / view.windowWidth
                    canvas[ox + x, oy + y] = UInt8(max(0, min(255, (v * 255).rounded())))
                }
            }
        }
        try PNGWriter.write(canvas, to: path)
    }

    /// A 1:1 crop around the first lesion (or the centre) of a full-size view.
    static func writeCrop(_ view: RenderedView, to path: String) throws {
        let c = view.lesions.first?.box.center ?? PixelPoint(x: Double(view.image.width) / 2, y: Double(view.image.height) / 2)
        let side = 800
        let x0 = max(0, min(view.image.width - side, Int(c.x) - side / 2)), y0 = max(0, min(view.image.height - side, Int(c.y) - side / 2))
        var out = GrayImage<UInt8>(width: side, height: side, repeating: 0)
        let low = view.windowCenter - view.windowWidth / 2
        for y in 0..<side {
            for x in 0..<side {
                let v = (Double(view.image[x0 + x, y0 + y]) - low) / view.windowWidth
                out[x, y] = UInt8(max(0, min(255, (v * 255).rounded())))
            }
        }
        try PNGWriter.write(out, to: path)
    }
}
