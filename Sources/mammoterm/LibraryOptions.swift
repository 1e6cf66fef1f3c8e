// `--library PATH|postgres://USER@HOST:PORT/DB`: which library a command reads and writes, shared
// by every command. Order: the option, then $MAMMOTERM_LIBRARY, then (through ConfigFile) the
// config's `library`, then $XDG_DATA_HOME/mammoterm/library.sqlite. A postgres:// address is the
// shared library of a study (Store/Postgres); it never holds a password (~/.pgpass does).
import ArgumentParser
import Foundation
import Store

struct LibraryOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The library: a SQLite file, or a shared PostgreSQL library postgres://USER@HOST:PORT/DB.",
            discussion: "Default: $MAMMOTERM_LIBRARY, else $XDG_DATA_HOME/mammoterm/library.sqlite, else ~/.local/share/mammoterm/library.sqlite. A PostgreSQL password comes from ~/.pgpass (chmod 600), never the address.",
            valueName: "path|url"),
        completion: .file(extensions: ["sqlite"]))
    var library: String?

    /// The absolute path of the library file these options name.
    var path: String {
        Self.resolve(option: library, environment: ProcessInfo.processInfo.environment,
                     home: FileManager.default.homeDirectoryForCurrentUser.path)
    }

    /// Whether the library exists yet (reading commands say "empty" instead of creating it); a
    /// PostgreSQL library is taken to exist (connecting says otherwise).
    var exists: Bool { Self.exists(path) }

    static func exists(_ location: String) -> Bool {
        PostgresLocation.isPostgres(location) || FileManager.default.fileExists(atPath: location)
    }

    /// Opens (and creates when missing) the library.
    func open() throws(StoreError) -> Database {
        try Database.open(path)
    }

    /// Pure resolution, so tests can check each fallback without touching the environment.
    static func resolve(option: String?, environment: [String: String], home: String) -> String {
        func absolute(_ path: String) -> String {
            if PostgresLocation.isPostgres(path) { return path }
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
