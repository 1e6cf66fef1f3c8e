// The options every `pacs` command shares: library, config and storage, and how a node name
// becomes the [[pacs]] entry it names.
import Archive
import ArgumentParser
import Foundation
import Ingest
import MammoCore
import Store
import Workstation

struct PacsOptions: ParsableArguments {
    @OptionGroup var libraryOptions: LibraryOptions

    @Option(help: "Config file (default: $XDG_CONFIG_HOME/mammoterm/config.toml).", completion: .file(extensions: ["toml"]))
    var config: String?

    @Option(help: ArgumentHelp("Where retrieved and received studies are kept (default: config's storage, else the folder storage beside the library).",
                               valueName: "folder"),
            completion: .directory)
    var storage: String?

    var environment: [String: String] { ProcessInfo.processInfo.environment }
    var home: String { FileManager.default.homeDirectoryForCurrentUser.path }

    func settings() throws -> WorkstationConfig {
        try ConfigFile.load(explicit: config, environment: environment, home: home)
    }

    var configPath: String { config ?? ConfigFile.defaultPath(environment: environment, home: home) }

    func libraryPath(_ settings: WorkstationConfig) -> String {
        LibraryOptions.resolve(option: ConfigFile.libraryOption(flag: libraryOptions.library, config: settings, environment: environment),
                               environment: environment, home: home)
    }

    func managedStorage(_ settings: WorkstationConfig, libraryPath: String) -> ManagedStorage {
        ConfigFile.storage(flag: storage, config: settings, libraryPath: libraryPath, home: home)
    }

    /// The [[pacs]] entry called `name`, or a one-line error saying which names there are.
    func node(_ name: String, in settings: WorkstationConfig) throws -> PacsNode {
        if let node = settings.pacs.first(where: { $0.name == name }) { return node }
        let file = PrintableText.clean(configPath)
        if settings.pacs.isEmpty {
            PacsCommand.complain("no archives in \(file): add a [[pacs]] entry (name, host, port, aet); see README, \"Reading from a PACS\"")
        } else {
            PacsCommand.complain("no archive named \"\(PrintableText.clean(name))\" in \(file); it has: \(settings.pacs.map(\.name).joined(separator: ", "))")
        }
        throw ExitCode(2)
    }
}

/// Sets a cancellation flag on the first Ctrl-C (SIGINT) or SIGTERM, so a transfer stops at the
/// next instance and says so; a second Ctrl-C ends the process at once.
final class InterruptCancels: @unchecked Sendable {
    let flag = CancellationFlag()
    private var sources: [DispatchSourceSignal] = []

    init() {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [flag] in
                if flag.isCancelled { _exit(130) }
                flag.cancel()
            }
            source.resume()
            sources.append(source)
        }
    }

    deinit {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
