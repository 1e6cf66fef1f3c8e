// `mammoterm doctor`: what the terminal reported, which graphics mode was chosen and why, and
// whether the pieces mammoterm needs are in place — the first thing to run when a picture
// looks wrong.
import ArgumentParser
import DICOM
import Foundation
import MammoCore
import TermGraphics

struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor", abstract: "Show what the terminal supports and which graphics mode mammoterm picks."
    )

    @OptionGroup var graphicsOptions: GraphicsOptions
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var library: LibraryOptions

    struct Report: Codable {
        var graphics: String
        var colours: String
        var reason: String
        var sixelGreys: Int
        var terminal: [String: String]
        var library: String
        var libraryExists: Bool
        var dicomDictionary: String
    }

    func validate() throws {
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let (caps, probe) = TerminalCapabilities.detect(environment: environment)
        let choice = chooseGraphics(caps, override: graphicsOptions.override(), sixelGreys: graphicsOptions.sixelGreys)
        func text(_ value: Any?) -> String { value.map { PrintableText.clean("\($0)") } ?? "-" }
        func size(_ s: PixelSize?) -> String { s.map { "\($0.width)x\($0.height) px" } ?? "not reported" }
        var facts: [(String, String)] = [
            ("TERM", text(caps.term)),
            ("terminal", text(caps.terminalName)),
            ("multiplexer", caps.multiplexer?.rawValue ?? "none"),
            ("probe", probe.skipped.map { "not sent: \($0)" }
                ?? (probe.answered ? "answered in \(probe.elapsedMilliseconds) ms" : "no answer within \(probe.elapsedMilliseconds) ms")),
            ("sixel", caps.sixel ? "yes" : "no"),
            ("colour registers", caps.colourRegisters.map(String.init) ?? "not reported"),
            ("sixel maximum", size(caps.sixelMaxSize)),
            ("cell size", size(caps.cellPixelSize)),
            ("window", caps.windowCells.map { "\($0.columns)x\($0.rows) cells" } ?? "unknown"),
            ("synchronized output", caps.synchronizedOutput ? "yes (mode 2026)" : "no"),
            ("truecolor", caps.truecolor ? "yes" : "no"),
            ("256 colours", caps.palette256 ? "yes" : "no"),
            ("NO_COLOR", caps.noColor ? "set" : "not set"),
            ("remote (SSH)", caps.remote ? "yes" : "no"),
        ]
        let dictionary = DicomDictionary.status
        facts.append(("DICOM dictionary", dictionary))
        facts.append(("library", "\(library.path)\(library.exists ? "" : " (not created yet)")"))
        if json {
            let report = Report(graphics: choice.mode.rawValue, colours: choice.depth.rawValue, reason: choice.reason,
                                sixelGreys: choice.sixelGreyLevels, terminal: Dictionary(uniqueKeysWithValues: facts), library: library.path,
                                libraryExists: library.exists, dicomDictionary: dictionary)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
            return
        }
        print("graphics: \(choice.mode.rawValue): \(choice.reason)")
        if choice.mode == .sixel { print("sixel palette: \(choice.sixelGreyLevels) greys (--sixel-greys 2-101)") }
        let width = facts.map(\.0.count).max() ?? 0
        for (key, value) in facts { print("  \(key.padding(toLength: width, withPad: " ", startingAt: 0))  \(value)") }
        print("Override with --graphics sixel|braille|blocks|ascii on `show` (and the workstation).")
    }
}
