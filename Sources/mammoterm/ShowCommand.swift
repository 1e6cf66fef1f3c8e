// `mammoterm show STUDY|FILE|FOLDER`: an exam in the terminal (sixel, braille, half
// blocks or ASCII, whatever the terminal takes) or, with --png, as a picture file. A study
// hangs in a --layout (2x2 by default, 1x4, a pair, or one --view), as the reading screen hangs
// it; a single file is shown as stored, windowed.
import ArgumentParser
import DICOM
import Foundation
import Imaging
import Ingest
import MammoCore
import Store
import Study
import TermGraphics
import Workstation

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a study (four-view hanging protocol) or a single DICOM file in the terminal or as PNG.",
        discussion: "Decision support for research and demonstration only; not for diagnosis."
    )

    @Argument(help: "A study in the library (its UID, the start or end of its UID, or a patient id: that patient's latest study), a DICOM file, or a folder holding one exam.")
    var target: String
    @Option(help: "Write a PNG file instead of drawing in the terminal.") var png: String?
    @Option(help: "Show one view of a study: RCC, LCC, RMLO or LMLO (the view of --layout single).") var view: String?
    @Option(help: "Layout of a study: 2x2 (default), 1x4 (all four in a row), cc (the CC pair), mlo (the MLO pair), single (--view, else RCC).")
    var layout: String?
    @Flag(help: "Fit to breast: crop each view to its breast (chest wall and nipple kept), all views at one scale.")
    var fitToBreast = false
    @Option(help: "Width: terminal cells (default: the window), or pixels with --png (default: 3/4 of the height for a study).")
    var width: Int?
    @Option(help: "Height: terminal cells (default: the window less 3 lines), or pixels with --png (default 1600).")
    var height: Int?
    @OptionGroup var graphicsOptions: GraphicsOptions
    @Option(help: "Window centre (default: the file's window, else chosen from the breast).") var windowCenter: Double?
    @Option(help: "Window width.") var windowWidth: Double?
    @Option(help: "Overlay: none, truth (lesion outlines and a map from a synthetic set's ground-truth.json), or ai (the study's stored AI result: map and lesion boxes).")
    var overlay: String = "none"
    @OptionGroup var library: LibraryOptions

    var overlayChoice: OverlayChoice { OverlayChoice(rawValue: overlay) ?? .none }
    var windowOverride: VOIWindow? { windowCenter.flatMap { c in windowWidth.map { VOIWindow(center: c, width: $0) } } }

    func validate() throws {
        for value in [width, height].compactMap({ $0 }) where value < 4 || value > 16384 {
            throw ValidationError("--width and --height must be between 4 and 16384")
        }
        if (windowCenter == nil) != (windowWidth == nil) { throw ValidationError("give --window-center and --window-width together") }
        if let windowWidth, windowWidth <= 0 { throw ValidationError("--window-width must be positive") }
        if OverlayChoice(rawValue: overlay) == nil {
            throw ValidationError("--overlay must be one of: \(OverlayChoice.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let view, !(ViewKey(label: view).map(ViewKey.screening.contains) ?? false) {
            throw ValidationError("--view must be one of: RCC, LCC, RMLO, LMLO")
        }
        if let layout {
            guard let chosen = HangingLayout(name: layout) else {
                throw ValidationError("--layout \"\(PrintableText.clean(layout))\" is not a layout; use \(HangingLayout.names.joined(separator: ", "))")
            }
            if view != nil, chosen.name != "single" {
                throw ValidationError("--view shows one view: give it alone or with --layout single, not with --layout \(chosen.name)")
            }
        }
    }

    /// The layout asked for: --layout (single: --view, else RCC), else one --view, else the 2x2.
    var hangingLayout: HangingLayout {
        let single = view.flatMap { ViewKey(label: $0) }
        if let chosen = layout.flatMap({ HangingLayout(name: $0, view: single ?? .rightCC) }) { return chosen }
        return single.map { .single($0) } ?? .grid
    }

    func run() throws {
        var isDirectory: ObjCBool = false
        let exists = FileName.isEscaped(target) ? FileName.exists(target)
            : FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory)
        if overlayChoice == .ai && exists {
            throw ValidationError("--overlay ai shows a stored AI result: give a Study Instance UID from the library (after `mammoterm analyze`)")
        }
        if exists, !isDirectory.boolValue {
            try showFile()
            return
        }
        if isDirectory.boolValue {
            try showExam(try folderViews(), study: nil)
        } else {
            let (study, views) = try studyViews()
            try showExam(views, study: study)
        }
    }

    // MARK: - What to show

    /// The study's AI result for `--overlay ai`, per view (empty for other overlays).
    private func aiOverlay(_ study: String?) throws -> [ViewKey: AIViewOverlay] {
        guard overlayChoice == .ai, let study else { return [:] }
        guard let analysis = try library.open().analysis(studyInstanceUID: study) else {
            throw ValidationError("study \(PrintableText.clean(study)) has no AI result: run `mammoterm analyze \(PrintableText.clean(study))` first")
        }
        return AIViewOverlay.split(analysis, bands: WorkstationCommand.scoreBands(for: analysis))
    }

    /// The study `target` names (StudyLookup's rule) and its views' files.
    private func studyViews() throws -> (study: String, views: [(ViewKey, String)]) {
        guard library.exists else {
            throw ValidationError("\(PrintableText.clean(target)) is not a file, and there is no library at \(library.path) to look up a study in")
        }
        let database = try library.open()
        let lookup = StudyLookup(target, in: try database.worklist())
        guard let study = lookup.entry?.studyInstanceUID else {
            throw ValidationError("\(lookup.problem(target) ?? "") (library \(library.path); see `mammoterm worklist`)")
        }
        let images = try database.images(studyInstanceUID: study)
        guard !images.isEmpty else {
            throw ValidationError("study \(PrintableText.clean(study)) has no images in the library \(library.path)")
        }
        let resolver = DuplicateResolver(database: database)
        return (study, images.compactMap { summary in summary.viewKey.map { ($0, resolver.fileThatDecodes(storedAt: summary.path)) } })
    }

    private func folderViews() throws -> [(ViewKey, String)] {
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
        return views
    }

    // MARK: - Drawing

    private func showFile() throws {
        // The checks import makes (header, values, pixel data layout) first: a file the library
        // would refuse is refused here with the same reason, not half drawn.
        let image = try DicomPixelReader.readChecked(path: target)
        let label = image.header.viewKey?.label ?? "unknown view"
        var truth: LesionTruthSet?
        if overlayChoice == .truth {
            do { truth = try TruthOverlay.set(coveringFiles: [target]) } catch { Self.warn("\(error)") }
        }
        if let png {
            let h = height ?? 1600
            let w = width ?? Int(Double(h) * Double(image.width) / Double(max(image.height, 1)))
            let shown = HangingProtocolRenderer.render(image, as: nil, maxWidth: w, maxHeight: h, overlay: overlayChoice,
                                                       style: OverlayStyle(), window: windowOverride, truth: truth)
            try PNGWriter.write(shown.image, to: png)
            let marks = shown.marks.isEmpty ? "" : ", \(shown.marks.count) marked"
            print("\(PrintableText.clean(png)): \(shown.image.width)x\(shown.image.height), \(label), as stored, \(Self.describe(shown))\(marks)")
            return
        }
        let terminal = TerminalPicture.detect(override: graphicsOptions.override(), sixelGreys: graphicsOptions.sixelGreys)
        let geometry = terminal.raster(for: terminal.cellArea(columns: width, rows: height, reservedRows: 3))
        let squareHeight = Int(Double(geometry.height) * geometry.pixelAspect)
        let shown = HangingProtocolRenderer.render(image, as: nil, maxWidth: geometry.width, maxHeight: squareHeight,
                                                   overlay: overlayChoice, style: OverlayStyle(), window: windowOverride, truth: truth)
        let picture = TerminalPicture.correctAspect(shown.image, aspect: geometry.pixelAspect,
                                                    height: Int((Double(shown.image.height) / geometry.pixelAspect).rounded()))
        let caption = [Self.patientCaption(image.header), label, "as stored", Self.describe(shown)]
        emit(caption: caption.joined(separator: "  ·  "), picture: picture, terminal: terminal)
    }

    /// `study`: the library's UID for a study, nil for a folder (named by `target`).
    private func showExam(_ found: [(ViewKey, String)], study: String?) throws {
        let name = PrintableText.clean(study ?? target)
        var files: [ViewKey: String] = [:]
        for (key, path) in found where files[key] == nil && ViewKey.screening.contains(key) { files[key] = path }
        guard !files.isEmpty else { throw ValidationError("\(name) has none of the views RCC, LCC, RMLO, LMLO") }
        let layout = hangingLayout
        if case .single(let single) = layout, files[single] == nil {
            throw ValidationError("\(name) has no \(single.label) view (it has \(ViewKey.screening.filter { files[$0] != nil }.map(\.label).joined(separator: " ")))")
        }
        let header = files.values.sorted().first.flatMap { try? DicomHeaderReader.read(path: $0) }

        if let png {
            let h = height ?? 1600
            let w = width ?? Self.defaultWidth(layout, height: h)
            // The file says whose exam and what for, above the images, as the screen's title bar.
            let views = layout.rows.map { $0.map(\.label).joined(separator: " ") }.joined(separator: " / ")
            let lines = [(header.map(Self.patientCaption) ?? name) + "   " + views, Self.disclaimer]
            let strip = PictureCaption.stripHeight(lines, width: w, maxStrip: h / 8)
            let (canvas, result) = try compose(files, layout: layout, width: w, height: max(h - strip, 16), study: study)
            for problem in result.notices + result.problems { Self.warn(problem) }
            try PNGWriter.write(PictureCaption.adding(lines, above: canvas, maxStrip: h / 8), to: png)
            print("\(PrintableText.clean(png)): \(w)x\(h), \(name), \(Self.layoutCaption(layout, result, fit: fitToBreast))")
            try Self.failIfUnshown(result)
            return
        }
        let terminal = TerminalPicture.detect(override: graphicsOptions.override(), sixelGreys: graphicsOptions.sixelGreys)
        let geometry = terminal.raster(for: terminal.cellArea(columns: width, rows: height, reservedRows: 3))
        let squareHeight = max(Int(Double(geometry.height) * geometry.pixelAspect), 8)
        let (canvas, result) = try compose(files, layout: layout, width: geometry.width, height: squareHeight, study: study)
        let picture = TerminalPicture.correctAspect(canvas, aspect: geometry.pixelAspect, height: geometry.height)
        var caption = [header.map(Self.patientCaption) ?? name, Self.layoutCaption(layout, result, fit: fitToBreast)]
        if overlayChoice != .none {
            let count = result.marks.values.reduce(0) { $0 + $1.count }
            caption.append("\(overlayChoice == .ai ? "AI" : "truth") overlay: \(count) mark\(count == 1 ? "" : "s")")
        }
        emit(caption: caption.joined(separator: "  ·  "), picture: picture, terminal: terminal)
        for problem in result.notices + result.problems { Self.warn(problem) }
        try Self.failIfUnshown(result)
    }

    static func warn(_ text: String) { FileHandle.standardError.write(Data("warning: \(text)\n".utf8)) }

    /// A view that could not be decoded is an error for scripts (exit 1), after the others are
    /// drawn; a view the study lacks is not.
    static func failIfUnshown(_ result: HangingProtocolRenderer.Result) throws {
        guard !result.problems.isEmpty else { return }
        FileHandle.standardError.write(Data("mammoterm: \(result.problems.count) view(s) could not be shown\n".utf8))
        throw ExitCode(1)
    }

    /// The layout's views hung in the area (one view fills it against its chest-wall edge).
    private func compose(_ files: [ViewKey: String], layout: HangingLayout, width: Int, height: Int, study: String?) throws
        -> (ColorImage, HangingProtocolRenderer.Result) {
        let gap: Int = if case .single = layout { 0 } else { max(2, width / 120) }
        let result = HangingProtocolRenderer.render(files: files, canvasWidth: width, canvasHeight: height, gap: gap, layout: layout,
                                                    fitToBreast: fitToBreast, overlay: overlayChoice, style: OverlayStyle(),
                                                    ai: try aiOverlay(study))
        return (result.canvas, result)
    }

    /// A PNG's width for `height` when --width is not given: the layout's views at about a
    /// mammogram's shape (4:5) side by side.
    static func defaultWidth(_ layout: HangingLayout, height h: Int) -> Int {
        switch layout {
        case .grid: h * 3 / 4
        case .row: h * 13 / 4
        case .ccPair, .mloPair: h * 13 / 8
        case .single: h * 5 / 8
        }
    }

    private func emit(caption: String, picture: ColorImage, terminal: TerminalPicture) {
        var out = Array((caption + "\n").utf8)
        out += terminal.encode(picture)
        out += Array("Research and demonstration only, not for diagnosis  ·  graphics: \(terminal.choice.reason)\n".utf8)
        FileHandle.standardOutput.write(Data(out))
    }

    static let disclaimer = "Research and demonstration only - not for diagnosis"

    static func patientCaption(_ header: DicomHeader) -> String {
        let exam = header.examGrouping
        let date = header.studyDate.count == 8
            ? "\(header.studyDate.prefix(4))-\(header.studyDate.dropFirst(4).prefix(2))-\(header.studyDate.suffix(2))" : "no date"
        return "\(PrintableText.clean(exam.patientID))  ·  \(date)"
    }

    static func layoutCaption(_ layout: HangingLayout, _ result: HangingProtocolRenderer.Result, fit: Bool = false) -> String {
        let fitted = fit ? ", fit to breast" : ""
        if case .single(let view) = layout { return view.label + fitted }
        let missing = result.missingViews.isEmpty ? "" : " (missing \(result.missingViews.map(\.label).joined(separator: " ")))"
        let hung = layout.rows.map { $0.map(\.label).joined(separator: " | ") }.joined(separator: " over ")
        return "\(hung)\(missing)\(fitted)"
    }

    static func describe(_ shown: HangingProtocolRenderer.View) -> String {
        switch shown.mapping {
        case let .window(center, width, function):
            let source = shown.windowIsAutomatic ? "automatic window" : "window"
            return "\(source) C \(String(format: "%.0f", center)) W \(String(format: "%.0f", width)) \(function.rawValue)"
        case .lut: return "VOI LUT from the file"
        }
    }
}
