// `--library PATH`: which library file a command reads and writes, shared by import, worklist, show.
// Order: the option, then $MAMMOTERM_LIBRARY, then $XDG_DATA_HOME/mammoterm/library.sqlite.
import ArgumentParser
import Foundation
import Store

struct LibraryOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The library file (SQLite).",
            discussion: "Default: $MAMMOTERM_LIBRARY, else $XDG_DATA_HOME/mammoterm/library.sqlite, else ~/.local/share/mammoterm/library.sqlite.",
            valueName: "path"),
        completion: .file(extensions: ["sqlite"]))
    var library: String?

    /// The absolute path of the library file these options name.
    var path: String {
        Self.resolve(option: library, environment: ProcessInfo.processInfo.environment,
                     home: FileManager.default.homeDirectoryForCurrentUser.path)
    }

    /// Whether the library file exists yet (reading commands say "empty" instead of creating it).
    var exists: Bool { FileManager.default.fileExists(atPath: path) }

    /// Opens (and creates when missing) the library.
    func open() throws(StoreError) -> Database {
        try Database(path: path)
    }

    /// Pure resolution, so tests can check each fallback without touching the environment.
    static func resolve(option: String?, environment: [String: String], home: String) -> String {
        func absolute(_ path: String) -> String {
            var expanded = path
            if expanded == "~" || expanded.hasPrefix("~/") { expanded = home + expanded.dropFirst() }
            return URL(fileURLWithPath: expanded).standardizedFileURL.path
        }
        if let option, !option.isEmpty { return absolute(option) }
        if let fromEnvironment = environment["MAMMOTERM_LIBRARY"], !fromEnvironment.isEmpty {
            return absolute(fromEnvironment)
        }
        // XDG Base Directory: a relative XDG_DATA_HOME is invalid and must be ignored.
        let dataHome: String
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            dataHome = xdg
        } else {
            dataHome = (environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home) + "/.local/share"
        }
        return absolute(dataHome + "/mammoterm/library.sqlite")
    }
}
