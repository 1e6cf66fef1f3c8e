// The committed sample exams (samples/) in an in-memory library, read once per test run, and
// a reading service over it: what the screen tests open studies from.
import DICOM
import Foundation
import MammoCore
import Store
import TermGraphics
import TUI
import Workstation

enum SampleLibrary {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let samples = root.appendingPathComponent("samples").path

    private static let shared = Locked<Database?>(nil)

    /// The samples in a new in-memory library of its own, for a test that writes to it.
    static func privateDatabase() throws -> Database {
        let database = try Database.inMemory()
        _ = try database.add(try summaries())
        return database
    }

    /// The samples' headers, to add to a library of a test's own.
    static func summaries() throws -> [ImageSummary] {
        let files = (FileManager.default.enumerator(atPath: samples)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".dcm") }.sorted().map { samples + "/" + $0 }
        return try files.map { (path: String) throws -> ImageSummary in try DicomHeaderReader.summary(path: path) }
    }

    /// The samples in an in-memory library (13 studies, 52 images).
    static func database() throws -> Database { try once(shared, make: privateDatabase) }

    /// The value in `cache`, made by `make` the first time (under the lock, so once per run).
    static func once<Value>(_ cache: Locked<Value?>, make: () throws -> Value) throws -> Value {
        var result: Value?
        var failure: Error?
        cache.update { cached in
            if let cached { result = cached; return }
            do {
                let made = try make()
                cached = made
                result = made
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        guard let result else { throw WorkstationError(reason: "no value made") }
        return result
    }

    /// A terminal that takes braille in 256 colours (or sixel), as the tests assume.
    static func graphics(_ mode: GraphicsOverride = .braille) -> TerminalPicture {
        var caps = TerminalCapabilities()
        caps.palette256 = true
        caps.answered = true
        caps.sixel = mode == .sixel
        caps.cellPixelSize = PixelSize(width: 10, height: 20)
        return TerminalPicture(choice: chooseGraphics(caps, override: mode), capabilities: caps)
    }
}
