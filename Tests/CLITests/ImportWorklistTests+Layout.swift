// `mammoterm show --layout` (and the workstation's --layout): the five layouts by name, a bad
// name refused with the choices, --view only with single; the PNG hangs the views as the reading
// screen does (1x4: four in a row, each pair's chest walls meeting), and fit to breast crops the air.
import Foundation
import Testing
import TerminalTestSupport

extension ImportWorklistTests {
    static let layoutExam = TerminalTools.repositoryRoot.appendingPathComponent("samples/SYN-0004/20251220").path

    /// Columns of a PNG holding picture (any bright pixel in every other row).
    static func litColumns(_ image: TerminalRGBImage) -> [Int] {
        (0..<image.width).filter { x in stride(from: 0, to: image.height, by: 2).contains { image.luma(x, $0) > 30 } }
    }

    @Test func showTakesEachLayoutAndRefusesABadOne() throws {
        defer { cleanUp() }
        let png = work.appendingPathComponent("layout.png").path
        for (layout, caption) in [("2x2", "RCC | LCC over RMLO | LMLO"), ("1x4", "RCC | LCC | RMLO | LMLO"), ("cc", "RCC | LCC"),
                                  ("mlo", "RMLO | LMLO"), ("single", "RCC")] {
            let shown = try run(["show", Self.layoutExam, "--png", png, "--height", "160", "--layout", layout])
            #expect(shown.status == 0, "\(layout): \(shown.stderr)")
            #expect(shown.stdout.hasSuffix(", \(caption)\n"), "\(layout): \(shown.stdout)")
        }
        let single = try run(["show", Self.layoutExam, "--png", png, "--height", "160", "--layout", "single", "--view", "LMLO"])
        #expect(single.status == 0 && single.stdout.hasSuffix(", LMLO\n"), "\(single.stdout) \(single.stderr)")
        let bad = try run(["show", Self.layoutExam, "--png", png, "--layout", "3x3"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("--layout \"3x3\" is not a layout; use 2x2, 1x4, cc, mlo, single"), "\(bad.stderr)")
        let both = try run(["show", Self.layoutExam, "--png", png, "--layout", "cc", "--view", "LCC"])
        #expect(both.status != 0 && both.stderr.contains("--view shows one view"), "\(both.stderr)")
        let workstation = try run(["--layout", "wide"])
        #expect(workstation.status != 0)
        #expect(workstation.stderr.contains("--layout \"wide\" is not a layout"), "\(workstation.stderr)")
    }

    @Test func theRowPNGHangsFourViewsWithEachPairsChestWallsMeeting() throws {
        defer { cleanUp() }
        let png = work.appendingPathComponent("row.png").path
        let shown = try run(["show", Self.layoutExam, "--png", png, "--width", "1200", "--height", "300", "--layout", "1x4"])
        #expect(shown.status == 0, "\(shown.stderr)")
        let image = try TerminalRGBImage(png: png)
        #expect(image.width == 1200 && image.height == 300)
        let lit = Self.litColumns(image)
        // Each quarter holds a view; the RCC|LCC and RMLO|LMLO chest walls meet at 1/4 and 3/4 (a
        // gap of about 1/120 of the width between them), the CC and MLO pairs part at the middle.
        for quarter in 0..<4 { #expect(lit.contains { $0 / 300 == quarter }, "a view in quarter \(quarter)") }
        for meeting in [300, 900] {
            #expect(lit.contains { $0 < meeting && $0 >= meeting - 12 } && lit.contains { $0 > meeting && $0 <= meeting + 12 },
                    "chest walls at \(meeting)")
        }
        let middle = lit.filter { abs($0 - 600) <= 40 }
        #expect(middle.count < 60, "the pairs part at the middle: \(middle.count) lit columns there")

        // Fit to breast: on a canvas where the row's views are as wide as their tiles, the same
        // canvas holds more breast.
        let whole = work.appendingPathComponent("whole.png").path, fitted = work.appendingPathComponent("fit.png").path
        #expect(try run(["show", Self.layoutExam, "--png", whole, "--width", "1200", "--height", "600", "--layout", "1x4"]).status == 0)
        let fit = try run(["show", Self.layoutExam, "--png", fitted, "--width", "1200", "--height", "600", "--layout", "1x4", "--fit-to-breast"])
        #expect(fit.status == 0 && fit.stdout.contains("fit to breast"), "\(fit.stdout) \(fit.stderr)")
        func bright(_ image: TerminalRGBImage) -> Int {
            var count = 0
            for y in stride(from: 0, to: image.height, by: 2) { for x in stride(from: 0, to: image.width, by: 2) where image.luma(x, y) > 30 { count += 1 } }
            return count
        }
        let fitImage = try TerminalRGBImage(png: fitted), wholeImage = try TerminalRGBImage(png: whole)
        #expect(bright(fitImage) > bright(wholeImage) * 3 / 2, "fit \(bright(fitImage)) bright pixels, whole \(bright(wholeImage))")
    }
}
