// Decodes the four screening views of an exam and hangs them as one raster (DOMAIN.md):
// each view oriented (PatientOrientation, else the pixels decide), fitted and windowed.
import DICOM
import Dispatch
import Foundation
import Imaging
import MammoCore

enum HangingProtocolRenderer {
    struct Result {
        var canvas: GrayImage<UInt8>
        /// Files that could not be shown, with why.
        var problems: [String]
        var missingViews: [ViewKey]
    }

    /// `files` maps each screening view to a file; extra views are ignored.
    static func render(files: [ViewKey: String], canvasWidth: Int, canvasHeight: Int, gap: Int = 8) -> Result {
        let tile = HangingCanvas.tileSize(canvasWidth: canvasWidth, canvasHeight: canvasHeight, gap: gap)
        let keys = ViewKey.screening.filter { files[$0] != nil }
        let rendered = Locked([ViewKey: GrayImage<UInt8>]())
        let problems = Locked([String]())
        DispatchQueue.concurrentPerform(iterations: keys.count) { index in
            let key = keys[index]
            guard let path = files[key] else { return }
            do {
                let image = try DicomPixelReader.read(path: path)
                let view = oriented(image, as: key, maxWidth: tile.width, maxHeight: tile.height)
                rendered.update { $0[key] = view }
            } catch {
                problems.update { $0.append("\(error)") }
            }
        }
        let views = rendered.value
        let canvas = HangingCanvas.compose(views, canvasWidth: canvasWidth, canvasHeight: canvasHeight, gap: gap)
        return Result(canvas: canvas, problems: problems.value.sorted(),
                      missingViews: ViewKey.screening.filter { views[$0] == nil })
    }

    /// One view windowed, fitted into the tile and flipped so its chest wall faces the middle.
    static func oriented(_ image: DicomImage, as key: ViewKey, maxWidth: Int, maxHeight: Int) -> GrayImage<UInt8> {
        let header = image.header
        var flip = header.displayFlip
        let rendering = DisplayPipeline.render(stored: image.stored, presentation: header.grayscalePresentation,
                                               maxWidth: maxWidth, maxHeight: maxHeight)
        if !flip.fromOrientation {
            let edge = ChestWall.edge(of: rendering.image.map { Float($0) })
            flip.horizontal = (key.side == .right) != (edge == .right)
        }
        return rendering.image.flipped(horizontal: flip.horizontal, vertical: flip.vertical)
    }
}

/// A value shared between concurrent workers.
final class Locked<Value>: @unchecked Sendable {
    private var stored: Value
    private let lock = NSLock()
    init(_ value: Value) { stored = value }
    var value: Value { lock.withLock { stored } }
    func update(_ change: (inout Value) -> Void) { lock.withLock { change(&stored) } }
}
