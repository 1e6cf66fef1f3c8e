// config.toml: every key optional, values checked, and a bad file names the key and its line.
import Foundation
import TermGraphics
import Testing
import Workstation

@Suite("Config file")
struct ConfigTests {
    @Test func readsEveryKey() throws {
        let config = try WorkstationConfig.parse("""
            # mammoterm
            version = 1
            library = "~/mammo/library.sqlite"
            theme = "light"
            graphics = "braille"
            sixel_greys = 101
            reader = "r1"
            """, path: "config.toml")
        #expect(config == WorkstationConfig(library: "~/mammo/library.sqlite", theme: "light", graphics: .braille, reader: "r1",
                                            sixelGreys: 101))
    }

    @Test func emptyAndMissingFilesAreDefaults() throws {
        #expect(try WorkstationConfig.parse("", path: "config.toml") == WorkstationConfig())
        #expect(try WorkstationConfig.load(path: "/nonexistent/mammoterm/config.toml") == WorkstationConfig())
    }

    static func failure(_ text: String) -> WorkstationError? {
        do {
            _ = try WorkstationConfig.parse(text, path: "config.toml")
            return nil
        } catch {
            return error
        }
    }

    @Test func unknownKeyNamesKeyAndLine() throws {
        let error = try #require(Self.failure("theme = \"light\"\n\ngrafics = \"sixel\"\n"))
        #expect(error.key == "grafics")
        #expect(error.line == 3)
        #expect(error.description.hasPrefix("config.toml:3: grafics: unknown key"))
    }

    @Test func sectionsAreRefusedWithAHint() throws {
        let error = try #require(Self.failure("[workstation]\ntheme = \"light\"\n"))
        #expect(error.key == "workstation")
        #expect(error.line == 1)
        #expect(error.reason.contains("no sections"))
    }

    @Test func badValuesNameKeyAndLine() throws {
        let graphics = try #require(Self.failure("library = \"a\"\ngraphics = \"kitty\"\n"))
        #expect(graphics.key == "graphics" && graphics.line == 2)
        #expect(graphics.reason.contains("auto, sixel, braille, blocks, ascii"))
        let type = try #require(Self.failure("theme = 3\n"))
        #expect(type.key == "theme" && type.line == 1 && type.reason.contains("string"))
        let reader = try #require(Self.failure("reader = \"a\\u001b[2Jb\"\n"))
        #expect(reader.key == "reader")
        let greys = try #require(Self.failure("theme = \"light\"\nsixel_greys = 300\n"))
        #expect(greys.key == "sixel_greys" && greys.line == 2 && greys.reason.contains("2 to 101"))
        let empty = try #require(Self.failure("library = \"\"\n"))
        #expect(empty.key == "library" && empty.reason.contains("empty"))
    }

    @Test func newerVersionAsksForAnUpdate() throws {
        let error = try #require(Self.failure("version = 2\n"))
        #expect(error.key == "version" && error.reason.contains("update mammoterm"))
    }

    @Test func syntaxErrorsGiveTheLine() throws {
        let error = try #require(Self.failure("theme = \"light\"\nlibrary = \n"))
        #expect(error.line == 2)
    }
}
