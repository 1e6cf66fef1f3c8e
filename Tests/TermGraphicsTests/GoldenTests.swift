// Golden snapshots: the 16x12 test raster in every encoding, byte for byte. A change in
// output shows up here; check it by eye (xterm-shot, tmux-drive), then re-record with
// MAMMOTERM_RECORD_GOLDEN=1.
import Foundation
import Testing
@testable import TermGraphics

@Suite("Golden snapshots")
struct GoldenTests {
    static let raster = TestRasters.small

    static func text(_ lines: [String]) -> [UInt8] { Array((lines.joined(separator: "\n") + "\n").utf8) }

    @Test func sixel() throws {
        try Fixtures.expectGolden(SixelEncoder().encode(Self.raster), "small.six")
        try Fixtures.expectGolden(SixelEncoder(palette: .standard(registers: 16)).encode(Self.raster), "small-16-registers.six")
        try Fixtures.expectGolden(SixelEncoder(palette: .withCube()).encode(Self.raster), "small-cube.six")
        try Fixtures.expectGolden(SixelEncoder(palette: .withCube(), dithering: .ordered).encode(Self.raster), "small-cube-dithered.six")
    }

    @Test(arguments: ColourDepth.allCases)
    func cells(depth: ColourDepth) throws {
        try Fixtures.expectGolden(Self.text(BrailleEncoder(depth: depth).encode(Self.raster).sgrLines()), "small-braille-\(depth.rawValue).ans")
        try Fixtures.expectGolden(Self.text(HalfBlockEncoder(depth: depth).encode(Self.raster).sgrLines()), "small-blocks-\(depth.rawValue).ans")
    }

    @Test func ascii() throws {
        try Fixtures.expectGolden(Self.text(AsciiEncoder().encode(Self.raster)), "small-ascii.txt")
        try Fixtures.expectGolden(Self.text(AsciiEncoder(dither: true).encode(Self.raster)), "small-ascii-dithered.txt")
    }
}
