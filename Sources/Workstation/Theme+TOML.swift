// Reading themes from TOML (format version 1). Every key is checked: an unknown key, a wrong
// type or a bad value fails with the file, the key and its line, so a typo never silently
// falls back to a default.
//
//   [theme]   name (string), version (integer, 1)
//   [ui]      background foreground dim accent border selection_background selection_foreground
//             status_background status_foreground warning error      — colours "#rrggbb"
//   [image]   background (colour), gamma (number 0.2–5), invert (bool)
//   [overlay] colormap ("inferno" | "turbo"), mode ("blend" | "contour"), opacity (0–1),
//             threshold (0–1), malignant benign ai reader cursor      — colours
// All keys are required; a file from a newer version is refused with a hint.
import Foundation
import Imaging
import MammoCore
import TOMLKit

extension Theme {
    public static let formatVersion = 1

    /// A built-in theme by name, or a theme file by path.
    public static func load(_ nameOrPath: String) throws(WorkstationError) -> Theme {
        if builtInNames.contains(nameOrPath) {
            guard let url = Bundle.module.url(forResource: "Themes/\(nameOrPath)", withExtension: "toml")
                ?? Bundle.module.url(forResource: nameOrPath, withExtension: "toml", subdirectory: "Themes"),
                let text = try? String(contentsOf: url, encoding: .utf8)
            else { throw WorkstationError(path: nameOrPath, reason: "built-in theme is missing from the installation") }
            return try parse(text, path: url.path)
        }
        guard FileManager.default.fileExists(atPath: nameOrPath) else {
            throw WorkstationError(path: nameOrPath, reason: "no such theme: give one of \(builtInNames.joined(separator: ", ")) or a .toml file")
        }
        guard let data = FileManager.default.contents(atPath: nameOrPath) else {
            throw WorkstationError(path: nameOrPath, reason: "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw WorkstationError(path: nameOrPath, reason: "not UTF-8 text") }
        return try parse(text, path: nameOrPath)
    }

    public static let builtIn: Theme = {
        // The default must always exist; a damaged installation still gets a usable screen.
        (try? load(defaultName)) ?? fallback
    }()

    public static func parse(_ text: String, path: String) throws(WorkstationError) -> Theme {
        let table = try TOMLPreflight.table(text, path: path)
        let reader = Reader(table: table, text: text, path: path)
        try reader.checkKeys([
            "theme": ["name", "version"],
            "ui": ["background", "foreground", "dim", "accent", "border", "selection_background", "selection_foreground",
                   "status_background", "status_foreground", "warning", "error"],
            "image": ["background", "gamma", "invert"],
            "overlay": ["colormap", "mode", "opacity", "threshold", "malignant", "benign", "ai", "reader", "cursor"],
        ])
        let version = try reader.int("theme", "version")
        guard version <= formatVersion else {
            throw reader.error("theme", "version", "version \(version) is newer than this mammoterm reads (\(formatVersion)); update mammoterm")
        }
        let colormapName = try reader.string("overlay", "colormap")
        guard let colormap = Colormap.named(colormapName) else {
            throw reader.error("overlay", "colormap", "unknown colormap \"\(PrintableText.clean(colormapName))\"; use inferno or turbo")
        }
        let modeName = try reader.string("overlay", "mode")
        guard let mode = HeatmapStyle.Mode(rawValue: modeName) else {
            throw reader.error("overlay", "mode", "unknown mode \"\(PrintableText.clean(modeName))\"; use blend or contour")
        }
        let c = { (s: String, k: String) throws(WorkstationError) -> RGBColor in try reader.color(s, k) }
        return Theme(
            name: try reader.string("theme", "name"),
            ui: UI(background: try c("ui", "background"), foreground: try c("ui", "foreground"), dim: try c("ui", "dim"),
                   accent: try c("ui", "accent"), border: try c("ui", "border"),
                   selectionBackground: try c("ui", "selection_background"), selectionForeground: try c("ui", "selection_foreground"),
                   statusBackground: try c("ui", "status_background"), statusForeground: try c("ui", "status_foreground"),
                   warning: try c("ui", "warning"), error: try c("ui", "error")),
            image: Image(background: try c("image", "background"), gamma: try reader.number("image", "gamma", in: 0.2...5),
                         invert: try reader.bool("image", "invert")),
            overlay: Overlay(
                heatmap: HeatmapStyle(mode: mode, colormap: colormap, opacity: Float(try reader.number("overlay", "opacity", in: 0...1)),
                                      threshold: Float(try reader.number("overlay", "threshold", in: 0...1))),
                malignant: try c("overlay", "malignant"), benign: try c("overlay", "benign"), ai: try c("overlay", "ai"),
                reader: try c("overlay", "reader"), cursor: try c("overlay", "cursor"))
        )
    }

    /// Used only if the installation lost its theme files.
    static let fallback = Theme(
        name: "fallback",
        ui: UI(background: RGBColor(grey: 0), foreground: RGBColor(grey: 190), dim: RGBColor(grey: 110), accent: RGBColor(r: 90, g: 160, b: 230),
               border: RGBColor(grey: 48), selectionBackground: RGBColor(r: 28, g: 51, b: 80), selectionForeground: RGBColor(grey: 255),
               statusBackground: RGBColor(grey: 12), statusForeground: RGBColor(grey: 154), warning: RGBColor(r: 224, g: 160, b: 48),
               error: RGBColor(r: 224, g: 80, b: 80)),
        image: Image(background: RGBColor(grey: 0), gamma: 1, invert: false),
        overlay: Overlay(heatmap: HeatmapStyle(), malignant: RGBColor(r: 213, g: 94, b: 0), benign: RGBColor(r: 86, g: 180, b: 233),
                         ai: RGBColor(r: 240, g: 228, b: 66), reader: RGBColor(r: 64, g: 160, b: 255), cursor: RGBColor(r: 0, g: 229, b: 255))
    )

    /// Typed access to the TOML table with errors that name the key and its line.
    struct Reader {
        var table: TOMLTable
        var text: String
        var path: String

        func error(_ section: String, _ key: String?, _ reason: String) -> WorkstationError {
            let name = key.map { "\(section).\($0)" } ?? section
            return WorkstationError(path: path, key: name, line: line(section, key), reason: reason)
        }

        /// The line of `key` inside `[section]` (or of the section header), by scanning the text:
        /// TOMLKit does not keep source positions of values.
        func line(_ section: String, _ key: String?) -> Int? {
            var current = ""
            for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = raw.trimmingCharacters(in: .whitespaces)
                if line.hasPrefix("[") {
                    current = line.trimmingCharacters(in: CharacterSet(charactersIn: "[] "))
                    if key == nil && current == section { return index + 1 }
                    continue
                }
                if current == section, let key,
                   line.split(separator: "=", maxSplits: 1).first?.trimmingCharacters(in: .whitespaces) == key {
                    return index + 1
                }
            }
            return nil
        }

        func checkKeys(_ schema: [String: [String]]) throws(WorkstationError) {
            for section in table.keys {
                guard let known = schema[section] else {
                    throw error(section, nil, "unknown section; expected one of \(schema.keys.sorted().joined(separator: ", "))")
                }
                guard let inner = table[section]?.table else { throw error(section, nil, "must be a table [\(section)]") }
                for key in inner.keys where !known.contains(key) {
                    throw error(section, key, "unknown key; [\(section)] takes \(known.joined(separator: ", "))")
                }
            }
            for (section, keys) in schema.sorted(by: { $0.key < $1.key }) {
                guard let inner = table[section]?.table else { throw error(section, nil, "section [\(section)] is missing") }
                for key in keys where inner[key] == nil { throw error(section, key, "missing") }
            }
        }

        func value(_ section: String, _ key: String) -> TOMLValueConvertible? { table[section]?.table?[key] }

        func string(_ section: String, _ key: String) throws(WorkstationError) -> String {
            guard let v = value(section, key)?.string else { throw error(section, key, "must be a string") }
            return v
        }

        func int(_ section: String, _ key: String) throws(WorkstationError) -> Int {
            guard let v = value(section, key)?.int else { throw error(section, key, "must be an integer") }
            return v
        }

        func bool(_ section: String, _ key: String) throws(WorkstationError) -> Bool {
            guard let v = value(section, key)?.bool else { throw error(section, key, "must be true or false") }
            return v
        }

        func number(_ section: String, _ key: String, in range: ClosedRange<Double>) throws(WorkstationError) -> Double {
            let raw = value(section, key)
            guard let v = raw?.double ?? raw?.int.map(Double.init) else { throw error(section, key, "must be a number") }
            guard range.contains(v) else { throw error(section, key, "must be between \(range.lowerBound) and \(range.upperBound), not \(v)") }
            return v
        }

        func color(_ section: String, _ key: String) throws(WorkstationError) -> RGBColor {
            let text = try string(section, key)
            guard let c = RGBColor(hex: text) else {
                throw error(section, key, "\"\(PrintableText.clean(text))\" is not a colour; write \"#rrggbb\"")
            }
            return c
        }
    }
}
