// Built-in themes load; a bad theme names the file, the key and the line.
import Foundation
import MammoCore
import Testing
import Workstation

@Suite("Themes")
struct ThemeTests {
    @Test("built-in themes load", arguments: Theme.builtInNames)
    func builtIn(name: String) throws {
        let theme = try Theme.load(name)
        #expect(theme.name == name)
        #expect(theme.ui.foreground != theme.ui.background)
    }

    @Test func defaultIsReadingRoom() {
        #expect(Theme.builtIn.name == "reading-room")
    }

    static func reading(_ replace: String, with new: String) throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let url = root.appendingPathComponent("themes/reading-room.toml")
        return try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: replace, with: new)
    }

    @Test func badColourNamesKeyAndLine() throws {
        let text = try Self.reading("accent = \"#5aa0e6\"", with: "accent = \"blue\"")
        do {
            _ = try Theme.parse(text, path: "bad.toml")
            Issue.record("a bad colour was accepted")
        } catch {
            #expect(error.key == "ui.accent")
            #expect(error.line == 11)
            #expect(error.description.hasPrefix("bad.toml:11: ui.accent:"))
        }
    }

    @Test func unknownKeyWrongTypeAndRange() throws {
        let cases: [(String, String, String)] = [
            ("gamma = 1.0", "gamma = 1.0\ngama = 2", "image.gama"),
            ("invert = false", "invert = \"no\"", "image.invert"),
            ("opacity = 0.55", "opacity = 3", "overlay.opacity"),
            ("colormap = \"inferno\"", "colormap = \"jet\"", "overlay.colormap"),
            ("version = 1", "version = 9", "theme.version"),
        ]
        for (old, new, key) in cases {
            let text = try Self.reading(old, with: new)
            #expect(throws: WorkstationError.self) { try Theme.parse(text, path: "t.toml") }
            do { _ = try Theme.parse(text, path: "t.toml") } catch {
                #expect(error.key == key)
                #expect(error.line != nil)
            }
        }
    }

    @Test func syntaxErrorHasItsLine() {
        do {
            _ = try Theme.parse("[ui]\nbackground = \"#000000\"\nforeground = = 3\n", path: "broken.toml")
            Issue.record("broken TOML was accepted")
        } catch {
            #expect(error.line == 3)
        }
    }

    @Test func missingFileAndMissingKey() throws {
        #expect(throws: WorkstationError.self) { try Theme.load("/nonexistent/theme.toml") }
        let text = try Self.reading("dim = \"#6a6a6a\"\n", with: "")
        do { _ = try Theme.parse(text, path: "t.toml") } catch { #expect(error.key == "ui.dim") }
    }
}
