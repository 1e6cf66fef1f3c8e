// `monitor --png`'s picture: written, read back by an independent decoder (Pillow from the
// project venv), the size asked for, and red (alarms) exactly in the drifting site's band.
import Foundation
import MammoCore
import TerminalTestSupport
import Testing
import Workstation

@Suite("Monitor charts as PNG")
struct MonitorChartPNGTests {
    static func isRed(_ c: RGBColor) -> Bool { c.r > 180 && c.g < 90 && c.b < 90 }
    static func isLine(_ c: RGBColor) -> Bool { c.b > 150 && c.r < 120 }

    /// The venv's Python (make venv), else the one on PATH.
    static var python: String {
        let venv = TerminalTools.repositoryRoot.appendingPathComponent(".venv/bin/python3").path
        return FileManager.default.isExecutableFile(atPath: venv) ? venv : "python3"
    }

    /// Pillow's reading of `path`: "WIDTH HEIGHT MODE" then per band "RED LINE" pixel counts.
    static func decode(_ path: String, bands: [Range<Int>]) throws -> [String] {
        let script = """
        import sys
        from PIL import Image
        im = Image.open(sys.argv[1]); im.load()
        print(im.width, im.height, im.mode)
        px = im.convert("RGB").load()
        for band in sys.argv[2:]:
            top, bottom = map(int, band.split(":"))
            red = line = 0
            for y in range(top, bottom):
                for x in range(im.width):
                    r, g, b = px[x, y]
                    red += r > 180 and g < 90 and b < 90
                    line += b > 150 and r < 120
            print(red, line)
        """
        let result = try TerminalTools.run(python, ["-c", script, path] + bands.map { "\($0.lowerBound):\($0.upperBound)" })
        guard result.status == 0 else {
            throw WorkstationError(reason: "Pillow could not read the PNG (make venv): \(result.output)")
        }
        return String(decoding: result.stdout, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    @Test func thePNGDecodesAtItsSizeWithRedOnlyWhereTheSiteDrifts() throws {
        let overview = MonitorScreenTests.overview()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("monitor-png-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("monitor.png").path
        try MonitorChartPNG.write(overview, to: path, width: 1200, height: 640)

        let bands = (0..<3).map { MonitorChartPNG.band($0, of: 3, height: 640) }
        #expect(bands[0].upperBound <= bands[1].lowerBound && bands[2].upperBound <= 640)
        let lines = try Self.decode(path, bands: bands)
        #expect(lines.first == "1200 640 RGB", "\(lines)")
        let counts = lines.dropFirst().map { $0.split(separator: " ").compactMap { Int($0) } }
        try #require(counts.count == 3 && counts.allSatisfy { $0.count == 2 }, "\(lines)")
        for (index, count) in counts.enumerated() {
            if index == MonitorScreenTests.drifting {
                #expect(count[0] > 200, "the drifting site's alarmed windows are red: \(count)")
            } else {
                #expect(count[0] == 0, "no red in a stable site's band \(index): \(count)")
            }
            #expect(count[1] > 300, "every band has its charts' lines: \(count)")
        }
        // The same counts from the raster in memory: what was written is what was drawn.
        let image = MonitorChartPNG.render(overview, width: 1200, height: 640)
        for (index, band) in bands.enumerated() {
            let red = band.reduce(0) { sum, y in sum + (0..<image.width).filter { Self.isRed(image[$0, y]) }.count }
            #expect(red == counts[index][0])
        }
        // Red stays inside the drifting site's charts, at its alarmed windows (right of centre:
        // windows 7 to 12 of 12), apart from the stratum's name line at the band's top.
        let c = bands[MonitorScreenTests.drifting]
        let redXs = (c.lowerBound + 30..<c.upperBound).flatMap { y in (0..<image.width).filter { Self.isRed(image[$0, y]) } }
        let chartWidth = (1200 - 24) / 4
        let firstHalf = redXs.filter { (($0 - 12) % chartWidth) < chartWidth * 4 / 10 }
        #expect(!redXs.isEmpty && firstHalf.isEmpty, "no alarm marks over windows 1–6: \(firstHalf.prefix(5))")
    }

    @Test func theDarkPaletteAndAFailureNamingTheFile() throws {
        let image = MonitorChartPNG.render(MonitorScreenTests.overview(), width: 400, height: 300, palette: .dark)
        #expect(image.width == 400 && image.height == 300)
        #expect(image[0, 0] == MonitorChartPNG.Palette.dark.background && image[0, 0].r < 60)
        // A picture too small for charts still renders (title only), without trapping.
        let tiny = MonitorChartPNG.render(MonitorScreenTests.overview(), width: 20, height: 10)
        #expect(tiny.width == 20 && tiny.height == 10)
        #expect(throws: WorkstationError.self) {
            try MonitorChartPNG.write(MonitorScreenTests.overview(), to: "/nonexistent-folder/monitor.png")
        }
        do {
            try MonitorChartPNG.write(MonitorScreenTests.overview(), to: "/nonexistent-folder/monitor.png")
        } catch {
            #expect(error.description.contains("/nonexistent-folder/monitor.png"), "\(error)")
        }
    }
}
