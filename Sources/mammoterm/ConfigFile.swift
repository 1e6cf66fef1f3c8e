// Where the workstation's config file lives and how its defaults combine with flags and the
// environment. Order for each setting: command-line flag, then (for the library) the
// MAMMOTERM_LIBRARY variable, then config.toml, then the built-in default. The file's schema
// is documented in Sources/Workstation/Config/WorkstationConfig.swift.
import Foundation
import Ingest
import Store
import Workstation

enum ConfigFile {
    /// `$XDG_CONFIG_HOME/mammoterm/config.toml`, else `~/.config/mammoterm/config.toml`.
    static func defaultPath(environment: [String: String], home: String) -> String {
        // XDG Base Directory: a relative XDG_CONFIG_HOME is invalid and must be ignored.
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            return xdg + "/mammoterm/config.toml"
        }
        let base = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home
        return base + "/.config/mammoterm/config.toml"
    }

    /// The config from `explicit` (which must exist) or the default place (which may not).
    static func load(explicit: String?, environment: [String: String], home: String) throws(WorkstationError) -> WorkstationConfig {
        if let explicit {
            guard FileManager.default.fileExists(atPath: explicit) else {
                throw WorkstationError(path: explicit, reason: "no such config file")
            }
            return try WorkstationConfig.load(path: explicit)
        }
        return try WorkstationConfig.load(path: defaultPath(environment: environment, home: home))
    }

    /// The `--library` option for LibraryOptions.resolve: the flag, else nothing when the
    /// environment names a library, else the config's.
    static func libraryOption(flag: String?, config: WorkstationConfig, environment: [String: String]) -> String? {
        if let flag, !flag.isEmpty { return flag }
        if let fromEnvironment = environment["MAMMOTERM_LIBRARY"], !fromEnvironment.isEmpty { return nil }
        return config.library
    }

    /// Where retrieved studies are kept: `flag`, else config.toml's `storage` (~ allowed), else
    /// the folder `storage` beside the library.
    static func storage(flag: String?, config: WorkstationConfig, libraryPath: String, home: String) -> ManagedStorage {
        if let folder = flag ?? config.storage {
            let expanded = folder == "~" || folder.hasPrefix("~/") ? home + folder.dropFirst() : folder
            return ManagedStorage(root: expanded)
        }
        // A shared library's files are this machine's: kept where a local library keeps them.
        if PostgresLocation.isPostgres(libraryPath) {
            return ManagedStorage.beside(library: LibraryOptions.resolve(option: nil, environment: [:], home: home))
        }
        return ManagedStorage.beside(library: libraryPath)
    }
}
