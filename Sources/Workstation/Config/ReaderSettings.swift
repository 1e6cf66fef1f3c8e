// What the workstation remembers for each reader between sessions: the layout chosen with `L`.
// config.toml holds the user's own defaults and is never rewritten (its comments stay theirs);
// these choices live beside it in readers.toml, one table per reader id:
//
//   # Written by mammoterm: each reader's last reading layout (L on the reading screen).
//   [readers."dr-lee"]
//   layout = "1x4"
//
// A layout there wins over config.toml's `layout`; `--layout` wins over both.
import Foundation
import Imaging
import MammoCore
import TOMLKit

public struct ReaderSettings: Equatable, Sendable {
    /// Each reader's layout, by reader id.
    public var layouts: [String: HangingLayout] = [:]

    public init(layouts: [String: HangingLayout] = [:]) { self.layouts = layouts }

    /// readers.toml in the folder of `configPath`.
    public static func path(besideConfig configPath: String) -> String {
        (configPath as NSString).deletingLastPathComponent + "/readers.toml"
    }

    /// The settings at `path`; a missing file has none.
    public static func load(path: String) throws(WorkstationError) -> ReaderSettings {
        guard FileManager.default.fileExists(atPath: path) else { return ReaderSettings() }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw WorkstationError(path: path, reason: "cannot read the file as UTF-8 text")
        }
        return try parse(text, path: path)
    }

    public static func parse(_ text: String, path: String) throws(WorkstationError) -> ReaderSettings {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw WorkstationError(path: path, line: error.source.begin.line, reason: error.description)
        } catch {
            throw WorkstationError(path: path, reason: "not valid TOML: \(error)")
        }
        for key in table.keys where key != "readers" {
            throw WorkstationError(path: path, key: key, reason: "unknown key; readers.toml holds only [readers.\"ID\"] tables")
        }
        var settings = ReaderSettings()
        guard let readers = table["readers"] else { return settings }
        guard let byReader = readers.table else {
            throw WorkstationError(path: path, key: "readers", reason: "must be tables: [readers.\"ID\"]")
        }
        for reader in byReader.keys {
            let name = "readers.\(PrintableText.clean(reader))"
            guard let entry = byReader[reader]?.table else { throw WorkstationError(path: path, key: name, reason: "must be a table") }
            for key in entry.keys where key != "layout" {
                throw WorkstationError(path: path, key: "\(name).\(PrintableText.clean(key))", reason: "unknown key; a reader's table takes layout")
            }
            guard let value = entry["layout"] else { continue }
            guard let text = value.string, let layout = HangingLayout(name: text) else {
                throw WorkstationError(path: path, key: "\(name).layout",
                                       reason: "must be one of \(HangingLayout.names.joined(separator: ", "))")
            }
            settings.layouts[reader] = layout
        }
        return settings
    }

    /// The file's text.
    public var text: String {
        let root = TOMLTable()
        let readers = TOMLTable()
        for (reader, layout) in layouts { readers[reader] = TOMLTable(["layout": layout.name]) }
        root["readers"] = readers
        return "# Written by mammoterm: each reader's last reading layout (L on the reading screen).\n" + root.convert(to: .toml) + "\n"
    }

    /// Keeps `layout` for `reader` in the file at `path` (the folder made if need be), written
    /// whole to a temporary file and moved into place, so a crash leaves the old file.
    public static func remember(_ layout: HangingLayout, reader: String, path: String) throws(WorkstationError) {
        var settings = try load(path: path)
        settings.layouts[reader] = layout
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data(settings.text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw WorkstationError(path: path, reason: "cannot write it: \(error.localizedDescription)")
        }
    }
}
