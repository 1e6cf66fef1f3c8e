// The options the workstation and `read` share: library, theme, graphics, reader, config and
// the hidden key script.
import ArgumentParser
import Imaging
import MammoCore

struct WorkstationOptions: ParsableArguments {
    @OptionGroup var libraryOptions: LibraryOptions
    @Option(help: "Theme: reading-room, high-contrast, light, or a .toml file (default: config, else reading-room).")
    var theme: String?
    @OptionGroup var graphicsOptions: GraphicsOptions
    @Option(help: "Reader id recorded with reads (default: config).")
    var reader: String?
    @Option(help: "Config file (default: $XDG_CONFIG_HOME/mammoterm/config.toml).", completion: .file(extensions: ["toml"]))
    var config: String?
    @Option(help: "Reading layout: 2x2, 1x4, cc, mlo or single (RCC) (default: this reader's last, else config, else 2x2).")
    var layout: String?

    func validate() throws {
        if let layout, HangingLayout(name: layout) == nil {
            throw ValidationError("--layout \"\(PrintableText.clean(layout))\" is not a layout; use \(HangingLayout.names.joined(separator: ", "))")
        }
    }
    @Option(help: ArgumentHelp("Replay these keys once the screen settles (e.g. \"j Enter 1 + sleep:2000 q q\"); for demos and screenshots.",
                               visibility: .hidden))
    var script: String?
}
