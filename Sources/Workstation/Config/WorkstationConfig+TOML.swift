// Reading config.toml (format in WorkstationConfig.swift): TOMLKit parses, every key is
// checked here with its line, as the theme loader does.
import Foundation
import Imaging
import MammoCore
import TermGraphics
import TOMLKit

extension WorkstationConfig {
    static let keys = ["version", "library", "theme", "graphics", "sixel_greys", "reader", "reader_flag", "protocol", "storage", "retrieve_priors", "pacs", "layout", "monitor"]

    /// The config at `path`; a missing file is the empty config (all defaults).
    public static func load(path: String) throws(WorkstationError) -> WorkstationConfig {
        guard FileManager.default.fileExists(atPath: path) else { return WorkstationConfig() }
        guard let data = FileManager.default.contents(atPath: path) else { throw WorkstationError(path: path, reason: "cannot read the file") }
        guard let text = String(data: data, encoding: .utf8) else { throw WorkstationError(path: path, reason: "not UTF-8 text") }
        return try parse(text, path: path)
    }

    public static func parse(_ text: String, path: String) throws(WorkstationError) -> WorkstationConfig {
        let table = try TOMLPreflight.table(text, path: path)
        func fail(_ key: String, _ reason: String) -> WorkstationError {
            WorkstationError(path: path, key: key, line: line(of: key, in: text), reason: reason)
        }
        for key in table.keys where !keys.contains(key) {
            let hint = table[key]?.table != nil ? " (config.toml's only sections are [[pacs]] entries and [monitor])" : ""
            throw fail(key, "unknown key\(hint); config.toml takes \(keys.joined(separator: ", "))")
        }
        func string(_ key: String) throws(WorkstationError) -> String? {
            guard let value = table[key] else { return nil }
            guard let s = value.string else { throw fail(key, "must be a string (in quotes)") }
            guard !s.isEmpty else { throw fail(key, "must not be empty") }
            return s
        }
        if let version = table["version"] {
            guard let v = version.int else { throw fail("version", "must be an integer") }
            guard v <= formatVersion else {
                throw fail("version", "version \(v) is newer than this mammoterm reads (\(formatVersion)); update mammoterm")
            }
        }
        var config = WorkstationConfig()
        config.library = try string("library")
        config.theme = try string("theme")
        if let graphics = try string("graphics") {
            guard let choice = GraphicsOverride(rawValue: graphics) else {
                throw fail("graphics", "\"\(PrintableText.clean(graphics))\" is not a graphics mode; use \(GraphicsOverride.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            config.graphics = choice
        }
        if let greys = table["sixel_greys"] {
            guard let n = greys.int, (2...SixelPalette.maximumGreyLevels).contains(n) else {
                throw fail("sixel_greys", "must be an integer from 2 to \(SixelPalette.maximumGreyLevels)")
            }
            config.sixelGreys = n
        }
        if let text = try string("protocol") {
            guard let chosen = ReadingProtocol(rawValue: text) else {
                throw fail("protocol", "\"\(PrintableText.clean(text))\" is not a protocol; use \(ReadingProtocol.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            config.readingProtocol = chosen
        }
        config.storage = try string("storage")
        if let text = try string("layout") {
            guard let chosen = HangingLayout(name: text) else {
                throw fail("layout", "\"\(PrintableText.clean(text))\" is not a layout; use \(HangingLayout.names.joined(separator: ", "))")
            }
            config.layout = chosen
        }
        if let flag = table["reader_flag"] {
            guard let allowed = flag.bool else { throw fail("reader_flag", "must be true or false") }
            config.readerFlag = allowed
        }
        if let priors = table["retrieve_priors"] {
            guard let n = priors.int, (0...20).contains(n) else { throw fail("retrieve_priors", "must be an integer from 0 to 20") }
            config.retrievePriors = n
        }
        if let pacs = table["pacs"] { config.pacs = try parsePacs(pacs, text: text, path: path) }
        if let monitor = table["monitor"] { config.monitor = try parseMonitor(monitor, text: text, path: path) }
        if let reader = try string("reader") {
            guard reader.count <= 64, PrintableText.clean(reader) == reader else {
                throw fail("reader", "must be printable text of at most 64 characters")
            }
            config.reader = reader
        }
        return config
    }

    /// The line where top-level `key` is set; TOMLKit does not keep source positions.
    static func line(of key: String, in text: String) -> Int? {
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") && line.trimmingCharacters(in: CharacterSet(charactersIn: "[] ")) == key { return index + 1 }
            let name = line.split(separator: "=", maxSplits: 1).first?.trimmingCharacters(in: .whitespaces)
            if name == key || name == "\"\(key)\"" { return index + 1 }
        }
        return nil
    }
}
