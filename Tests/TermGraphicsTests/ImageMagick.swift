// ImageMagick as the independent sixel decoder: file.six → PNG → raw RGB. The PNG step is
// needed: ImageMagick 6.9's sixel reader leaves direct rgb:/txt: output black.
import Foundation

enum ImageMagick {
    static let convert = "/usr/bin/convert"
    static var available: Bool { FileManager.default.isExecutableFile(atPath: convert) }

    /// RGB bytes (3 per pixel) of a sixel image, or nil when ImageMagick is absent or fails.
    static func decodeSixel(_ bytes: [UInt8]) throws -> (width: Int, height: Int, rgb: [UInt8])? {
        guard available else { return nil }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tg-im-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let six = dir.appendingPathComponent("in.six"), png = dir.appendingPathComponent("out.png")
        try Data(bytes).write(to: six)
        guard run([six.path, png.path]) != nil, let size = run([png.path, "-format", "%w %h", "info:"]),
              let rgb = run([png.path, "-depth", "8", "rgb:-"]) else { return nil }
        let parts = String(decoding: size, as: UTF8.self).split(separator: " ").compactMap { Int($0) }
        guard parts.count == 2 else { return nil }
        return (parts[0], parts[1], Array(rgb))
    }

    private static func run(_ arguments: [String]) -> Data? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: convert)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? data : nil
    }
}
