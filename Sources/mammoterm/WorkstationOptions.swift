// The options the workstation and `read` share: library, theme, graphics, reader, config and
// the hidden key script.
import ArgumentParser

struct WorkstationOptions: ParsableArguments {
    @OptionGroup var libraryOptions: LibraryOptions
    @Option(help: "Theme: reading-room, high-contrast, light, or a .toml file (default: config, else reading-room).")
    var theme: String?
    @OptionGroup var graphicsOptions: GraphicsOptions
    @Option(help: "Reader id recorded with reads (default: config).")
    var reader: String?
    @Option(help: "Config file (default: $XDG_CONFIG_HOME/mammoterm/config.toml).", completion: .file(extensions: ["toml"]))
    var config: String?
    @Option(help: ArgumentHelp("Replay these keys once the screen settles (e.g. \"j Enter 1 + sleep:2000 q q\"); for demos and screenshots.",
                               visibility: .hidden))
    var script: String?
}
