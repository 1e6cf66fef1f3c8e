// In sixel mode the picture is an image placed over the frame: sent once, not again when only
// the panels or the status line change, taken down while help covers the screen, and sent
// again when its content changes.
import Foundation
import Testing
import TUI
import Workstation

@Suite("Sixel placement")
struct SixelPlacementTests {
    @Test func panelChangesDoNotResendThePicture() async throws {
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("Enter w ? x"), mode: .sixel)
        let area = ReadingScreen.layout(Size(width: 160, height: 50)).image
        let withImage = run.frames.enumerated().filter { !$0.element.images.isEmpty }
        let first = try #require(withImage.first)
        #expect(first.element.sentImages.count == 1, "the first picture is sent")
        #expect(first.element.images[0].origin == area.origin)
        #expect(first.element.images[0].image.cells == area.size)
        #expect(first.element.images[0].image.bytes.starts(with: [0x1B, 0x50]), "a sixel DCS string")
        #expect(!first.element.text.contains("Rendering…"))

        // "w": the metadata panel changes at once (same picture, not resent), then the new
        // picture arrives (sent).
        let afterW = run.frames[(first.offset + 1)...].filter { $0.text.contains("adjusted") }
        let panelOnly = try #require(afterW.first)
        #expect(panelOnly.images == first.element.images)
        #expect(panelOnly.sentImages.isEmpty, "a panel change must not resend the picture")
        #expect(panelOnly.changedCells > 0)
        let newPicture = try #require(afterW.first { $0.images != first.element.images && !$0.images.isEmpty })
        #expect(newPicture.sentImages.count == 1)

        // Help covers the screen: no image under it; closing help sends the picture again.
        let help = try #require(run.frames.last { $0.text.contains("Keys — reading") })
        #expect(help.images.isEmpty)
        let closed = try #require(run.frames.last)
        #expect(closed.images.count == 1 && closed.sentImages.count == 1)
    }

    @Test func movingTheFindingsCursorDoesNotResendWhenThePictureStays() async throws {
        // Opening the same study twice shows the cached picture: the second frame with it sends
        // it (new placement after the worklist), but status changes after that do not.
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("Enter l"), mode: .sixel)
        let last = try #require(run.frames.last)
        #expect(last.text.contains("Zoom in with + to pan"))
        #expect(last.images.count == 1)
        #expect(last.sentImages.isEmpty)
    }
}
