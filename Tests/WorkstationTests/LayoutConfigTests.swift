// The reading layout in the config: config.toml's `layout` (checked, named with its line when
// wrong) and each reader's last layout, kept beside it in readers.toml and written back whole.
import Foundation
import Imaging
import Testing
import Workstation

@Suite("Layout config")
struct LayoutConfigTests {
    @Test func configReadsTheLayout() throws {
        for (text, layout) in [("2x2", HangingLayout.grid), ("1x4", .row), ("cc", .ccPair), ("mlo", .mloPair), ("single", .single(.rightCC))] {
            let config = try WorkstationConfig.parse("version = 1\nlayout = \"\(text)\"\n", path: "config.toml")
            #expect(config.layout == layout)
        }
        #expect(try WorkstationConfig.parse("reader = \"r1\"\n", path: "config.toml").layout == nil)
    }

    @Test func aBadLayoutNamesTheKeyTheLineAndTheChoices() throws {
        do {
            _ = try WorkstationConfig.parse("reader = \"r1\"\n\nlayout = \"3x3\"\n", path: "config.toml")
            Issue.record("a bad layout was taken")
        } catch {
            #expect(error.key == "layout" && error.line == 3)
            #expect("\(error)".contains("\"3x3\" is not a layout; use 2x2, 1x4, cc, mlo, single"), "\(error)")
        }
        do {
            _ = try WorkstationConfig.parse("layout = 4\n", path: "config.toml")
            Issue.record("a number was taken")
        } catch {
            #expect(error.key == "layout")
        }
    }

    static func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("layout-config-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func eachReadersLayoutIsWrittenAndReadBack() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = ReaderSettings.path(besideConfig: folder + "/config.toml")
        #expect(path == folder + "/readers.toml")
        #expect(try ReaderSettings.load(path: path) == ReaderSettings())
        try ReaderSettings.remember(.row, reader: "dr-lee", path: path)
        try ReaderSettings.remember(.mloPair, reader: "r2 \"quoted\"", path: path)
        try ReaderSettings.remember(.ccPair, reader: "dr-lee", path: path)
        let back = try ReaderSettings.load(path: path)
        #expect(back.layouts == ["dr-lee": .ccPair, "r2 \"quoted\"": .mloPair])
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("# Written by mammoterm"))
        #expect(text.contains("layout = 'cc'") || text.contains("layout = \"cc\""), "\(text)")
        // A folder that is not there yet is made.
        let deeper = folder + "/a/b/readers.toml"
        try ReaderSettings.remember(.single(.rightCC), reader: "r1", path: deeper)
        #expect(try ReaderSettings.load(path: deeper).layouts == ["r1": .single(.rightCC)])
    }

    @Test func aBrokenReadersFileIsNamed() throws {
        for (text, key) in [("[readers.r1]\nlayout = \"4x4\"\n", "readers.r1.layout"), ("[readers.r1]\nzoom = 2\n", "readers.r1.zoom"),
                            ("colour = 1\n", "colour"), ("readers = 3\n", "readers")] {
            do {
                _ = try ReaderSettings.parse(text, path: "readers.toml")
                Issue.record("\(text) was taken")
            } catch {
                #expect(error.key == key, "\(error)")
                #expect(error.path == "readers.toml")
            }
        }
        do {
            _ = try ReaderSettings.parse("[readers\n", path: "readers.toml")
            Issue.record("bad TOML was taken")
        } catch {
            #expect(error.line == 1)
        }
    }
}
