// Fuzz target `toml`: the theme reader (Theme.parse) and the config reader
// (WorkstationConfig.parse, [[pacs]] entries included) on the same text. Errors are expected;
// their messages are built too (each looks up the key's line in the text).
import Workstation

enum FuzzTOML {
    static func run(_ text: String) {
        do {
            let theme = try Theme.parse(text, path: "fuzz.toml")
            if !(0.2...5).contains(theme.image.gamma) { fatalError("gamma outside the range the reader checks") }
        } catch {
            _ = error.description
        }
        do {
            let config = try WorkstationConfig.parse(text, path: "config.toml")
            for node in config.pacs where !(1...65535).contains(node.port) { fatalError("port outside 1-65535") }
        } catch {
            _ = error.description
        }
    }
}
