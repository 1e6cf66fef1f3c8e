// `mammoterm show STUDY_UID|FILE --png OUT.png`: a picture without a terminal. A study hangs
// in the 2x2 protocol; a single file is shown as stored (no flips), windowed for display.
import ArgumentParser
import DICOM
import Foundation
import Imaging
import MammoCore
import Store

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Render a study (four-view hanging protocol) or a single DICOM file.",
        discussion: "Decision support for research and demonstration only; not for diagnosis."
    )

    @Argument(help: "A Study Instance UID from the library, a DICOM file, or a folder holding one exam.")
    var target: String
    @Option(help: "Write the picture to this PNG file.") var png: String
    @Option(help: "Height of the picture in pixels.") var height: Int = 1600
    @Option(help: "Width of the picture (default: 3/4 of the height for a study, the image's aspect for a file).")
    var width: Int?
    @Option(help: "Window centre (default: the file's window, else chosen from the breast).") var windowCenter: Double?
    @Option(help: "Window width.") var windowWidth: Double?
    @Option(help: "Overlay: none, or truth (lesion outlines and a map from a synthetic set's ground-truth.json).")
    var overlay: String = "none"
    @OptionGroup var library: LibraryOptions

    var overlayChoice: HangingProtocolRenderer.Overlay { HangingProtocolRenderer.Overlay(rawValue: overlay) ?? .none }

    func validate() throws {
        guard height >= 16, height <= 16384, (width ?? 1000) >= 16, (width ?? 1000) <= 16384 else {
            throw ValidationError("--width and --height must be between 16 and 16384")
        }
        if (windowCenter == nil) != (windowWidth == nil) { throw ValidationError("give --window-center and --window-width together") }
        if let windowWidth, windowWidth <= 0 { throw ValidationError("--window-width must be positive") }
        if HangingProtocolRenderer.Overlay(rawValue: overlay) == nil {
            throw ValidationError("--overlay must be one of: \(HangingProtocolRenderer.Overlay.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory) {
            if isDirectory.boolValue { try showFolder() } else { try showFile() }
        } else {
            try showStudy()
        }
    }

    private func showFile() throws {
        let image = try DicomPixelReader.read(path: target)
        let override = windowCenter.flatMap { c in windowWidth.map { VOIWindow(center: c, width: $0) } }
        let maxWidth = width ?? Int(Double(height) * Double(image.width) / Double(max(image.height, 1)))
        let view = HangingProtocolRenderer.render(image, as: nil, maxWidth: maxWidth, maxHeight: height,
                                                  overlay: overlayChoice, style: OverlayStyle(), window: override)
        try PNGWriter.write(view.image, to: png)
        let label = image.header.viewKey?.label ?? "unknown view"
        let marks = view.marks.isEmpty ? "" : ", \(view.marks.count) marked"
        print("\(PrintableText.clean(png)): \(view.image.width)x\(view.image.height), \(label), as stored, \(Self.describe(view.rendering))\(marks)")
    }

    private func showStudy() throws {
        guard library.exists else {
            throw ValidationError("\(PrintableText.clean(target)) is not a file, and there is no library at \(library.path) to look up a study in")
        }
        let database = try library.open()
        let images = try database.images(studyInstanceUID: target)
        guard !images.isEmpty else {
            throw ValidationError("no study \(PrintableText.clean(target)) in the library \(library.path) (see `mammoterm worklist`)")
        }
        try hang(images.compactMap { summary in summary.viewKey.map { ($0, summary.path) } }, title: "study \(PrintableText.clean(target))")
    }

    private func showFolder() throws {
        let files = (FileManager.default.enumerator(atPath: target)?.allObjects as? [String] ?? [])
            .filter { !$0.hasPrefix(".") }.sorted().map { target + "/" + $0 }
        var views: [(ViewKey, String)] = []
        var studies = Set<String>()
        for file in files {
            guard let header = try? DicomHeaderReader.read(path: file), let key = header.viewKey else { continue }
            views.append((key, file))
            studies.insert(header.examGrouping.studyInstanceUID)
        }
        guard studies.count <= 1 else {
            throw ValidationError("\(PrintableText.clean(target)) holds \(studies.count) studies; import it and show one study UID")
        }
        try hang(views, title: PrintableText.clean(target))
    }

    private func hang(_ views: [(ViewKey, String)], title: String) throws {
        var files: [ViewKey: String] = [:]
        for (key, path) in views where files[key] == nil && ViewKey.screening.contains(key) { files[key] = path }
        guard !files.isEmpty else { throw ValidationError("\(title) has none of the views RCC, LCC, RMLO, LMLO") }
        let canvasWidth = width ?? height * 3 / 4
        let result = HangingProtocolRenderer.render(files: files, canvasWidth: canvasWidth, canvasHeight: height,
                                                    overlay: overlayChoice)
        for problem in result.problems { FileHandle.standardError.write(Data("warning: \(problem)\n".utf8)) }
        try PNGWriter.write(result.canvas, to: png)
        let missing = result.missingViews.isEmpty ? "" : ", missing \(result.missingViews.map(\.label).joined(separator: " "))"
        print("\(PrintableText.clean(png)): \(canvasWidth)x\(height), \(title), RCC | LCC over RMLO | LMLO\(missing)")
    }

    static func describe(_ rendering: DisplayRendering) -> String {
        switch rendering.mapping {
        case let .window(center, width, function):
            let source = rendering.windowIsAutomatic ? "automatic window" : "window"
            return "\(source) C \(String(format: "%.0f", center)) W \(String(format: "%.0f", width)) \(function.rawValue)"
        case .lut: return "VOI LUT from the file"
        }
    }
}
