// --graphics and --sixel-greys, shared by show, doctor and the workstation: how images are
// drawn, overriding the terminal probe and the config file.
import ArgumentParser
import TermGraphics

struct GraphicsOptions: ParsableArguments {
    @Option(help: "Graphics: auto, sixel, braille, blocks or ascii (default: auto; the workstation reads its config first).")
    var graphics: String?
    @Option(help: ArgumentHelp("Greys in the sixel palette, 2-101 (default: 34 (the workstation reads its config first): 3 % steps, fewer bytes than img2sixel at 47 dB; 101 is every grey sixel can name).",
                               valueName: "n"))
    var sixelGreys: Int?

    func validate() throws {
        if let graphics, GraphicsOverride(rawValue: graphics) == nil {
            throw ValidationError("--graphics must be one of: \(GraphicsOverride.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let sixelGreys, !(2...SixelPalette.maximumGreyLevels).contains(sixelGreys) {
            throw ValidationError("--sixel-greys must be between 2 and \(SixelPalette.maximumGreyLevels)")
        }
    }

    /// The override asked for, else the config's, else automatic.
    func override(config: GraphicsOverride? = nil) -> GraphicsOverride {
        graphics.flatMap(GraphicsOverride.init(rawValue:)) ?? config ?? .auto
    }
}
