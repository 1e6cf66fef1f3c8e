// The session's fixed settings that screens show: graphics mode, theme, reader, library, and
// the reader's layout.
import Imaging

/// What stays fixed for a session and is shown on screen: the graphics mode, theme, reader.
public struct WorkstationSettings: Equatable, Sendable {
    public var style: ScreenStyle
    public var themeName: String
    /// "braille, 256 colours: no sixel (...)": the graphics choice and why.
    public var graphics: String
    public var isSixel: Bool
    public var readerID: String
    public var libraryPath: String
    /// The protocol readers decide under, and the session's id in the records.
    public var session: ReadingSession
    /// `mammoterm annotate --annotator NAME`: every study opens in annotation mode, marks are this name's.
    public var annotator: String?
    /// The reader's layout (`--layout`, remembered per reader, config.toml's `layout`): each study
    /// opens in it, `0` comes back to it, `L` changes it.
    public var layout: HangingLayout = .grid
    /// Fit to breast (`f`), kept from study to study.
    public var fitToBreast = false
    /// config.toml's [monitor] (the M screen's alarm settings).
    public var monitor = MonitorSettings()
    /// The bundled model's validation reference for the monitor (the command line finds it).
    public var monitorReference: MonitorReferenceLocation?

    public init(style: ScreenStyle, themeName: String, graphics: String, isSixel: Bool, readerID: String, libraryPath: String,
                session: ReadingSession = ReadingSession()) {
        self.session = session
        self.style = style
        self.themeName = themeName
        self.graphics = graphics
        self.isSixel = isSixel
        self.readerID = readerID
        self.libraryPath = libraryPath
    }
}
