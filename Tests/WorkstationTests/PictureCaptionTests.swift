// The caption strip of a picture file: above the images, never over them, the text lit in it,
// control characters from DICOM text dropped.
import MammoCore
import Testing
import Workstation

@Suite struct PictureCaptionTests {
    @Test func linesGoAboveThePictureWhichIsUntouched() {
        var picture = ColorImage(width: 600, height: 300, repeating: RGBColor(grey: 90))
        picture[10, 10] = RGBColor(r: 200, g: 0, b: 0)
        let out = PictureCaption.adding(["SYN-0003 2025-04-26 RCC LCC / RMLO LMLO", "Research and demonstration only - not for diagnosis"],
                                        above: picture)
        let strip = out.height - picture.height
        #expect(out.width == 600 && strip > 20)
        for y in stride(from: 0, to: picture.height, by: 7) {
            for x in stride(from: 0, to: picture.width, by: 7) { #expect(out[x, y + strip] == picture[x, y]) }
        }
        #expect(out[10, 10 + strip] == RGBColor(r: 200, g: 0, b: 0))
        // Two lines of text lit in the strip: grey, then the amber disclaimer below it.
        let lit = (0..<strip).map { y in (0..<out.width).filter { out[$0, y] != RGBColor(grey: 0) }.count }
        #expect(lit.filter { $0 > 0 }.count > 10)
        let greyRows = (0..<strip).filter { y in (0..<out.width).contains { out[$0, y] == RGBColor(grey: 235) } }
        let amberRows = (0..<strip).filter { y in (0..<out.width).contains { out[$0, y] == RGBColor(r: 230, g: 159, b: 0) } }
        #expect(!greyRows.isEmpty && !amberRows.isEmpty && (greyRows.max() ?? 0) < (amberRows.min() ?? 0))
    }

    @Test func controlCharactersAndEmptyLinesAreDropped() {
        let picture = ColorImage(width: 300, height: 100, repeating: RGBColor(grey: 0))
        #expect(PictureCaption.adding([], above: picture).height == 100)
        #expect(PictureCaption.adding(["\u{1B}[2J\u{07}"], above: picture).height == PictureCaption.adding(["[2J"], above: picture).height)
    }
}
