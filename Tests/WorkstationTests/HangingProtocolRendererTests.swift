// `show`'s composer over the shared pipeline: a file as stored keeps its pixels where they are
// and reports the window it used (the one given, else the file's, else chosen), and one view alone
// lies against its chest-wall edge, oriented as the workstation orients it.
import DICOM
import Foundation
import Imaging
import MammoCore
import Testing
import Workstation

@Suite("Hanging protocol renderer")
struct HangingProtocolRendererTests {
    static let exam = SampleLibrary.samples + "/SYN-0004/20251220"

    /// Columns holding any pixel brighter than a dark background.
    static func litColumns(_ image: ColorImage) -> [Int] {
        (0..<image.width).filter { x in (0..<image.height).contains { y in image[x, y].g > 40 } }
    }

    @Test func aFileAsStoredReportsItsWindow() throws {
        let image = try DicomPixelReader.readChecked(path: Self.exam + "/RCC.dcm")
        let given = HangingProtocolRenderer.render(image, as: nil, maxWidth: 200, maxHeight: 300, overlay: .none, style: OverlayStyle(),
                                                   window: VOIWindow(center: 2000, width: 1000), markers: false)
        guard case let .window(center, width, _) = given.mapping else { Issue.record("no window: \(given.mapping)"); return }
        #expect(center == 2000 && width == 1000 && !given.windowIsAutomatic)
        let own = HangingProtocolRenderer.render(image, as: nil, maxWidth: 200, maxHeight: 300, overlay: .none, style: OverlayStyle(), markers: false)
        #expect(own.image.size == given.image.size && own.image.width <= 200 && own.image.height <= 300)
        #expect(own.image.pixels != given.image.pixels)
        // As stored: the same picture as the RCC slot, mirrored or not as the slot decides.
        let hung = HangingProtocolRenderer.render(image, as: .rightCC, maxWidth: 200, maxHeight: 300, overlay: .none, style: OverlayStyle(),
                                                  markers: false)
        let decoded = try DecodedView.decode(path: Self.exam + "/RCC.dcm", as: .rightCC, detail: OverlayStyle().detail)
        #expect(hung.image.pixels == (decoded.overview.flipHorizontal ? own.image.flipped(horizontal: true, vertical: false) : own.image).pixels)
    }

    @Test(arguments: [ViewKey.rightCC, .leftMLO])
    func oneViewLiesAgainstItsChestWall(view: ViewKey) throws {
        let result = HangingProtocolRenderer.render(files: [view: Self.exam + "/\(view.label).dcm"], canvasWidth: 300, canvasHeight: 400,
                                                    gap: 0, layout: .single(view), markers: false)
        #expect(result.problems.isEmpty && result.canvas.width == 300 && result.canvas.height == 400)
        let lit = Self.litColumns(result.canvas)
        let first = try #require(lit.first), last = try #require(lit.last)
        // The chest wall touches its side of the canvas; the nipple points into the room left on the other.
        if view.side == .right { #expect(last >= 298 && first > 10, "\(first)...\(last)") } else { #expect(first <= 1 && last < 289, "\(first)...\(last)") }
    }
}
