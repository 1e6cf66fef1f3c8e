// `mammoterm` (or `mammoterm workstation`): the interactive reading workstation on the
// library, in this terminal: the worklist, then the four-view reading screen. Probes the
// terminal once before curses takes it, then runs the UI loop on its own thread.
import ArgumentParser
import Foundation
import Imaging
import Inference
import MammoCore
import Store
import TermGraphics
import TUI
import Workstation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct WorkstationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workstation",
        abstract: "The interactive reading workstation: worklist and four-view reading screen (the default).",
        discussion: """
            Keys: ? shows every key of the screen. Defaults come from \
            $XDG_CONFIG_HOME/mammoterm/config.toml (library, theme, graphics, reader); flags win. \
            Decision support for research and demonstration only; not for diagnosis.
            """)

    @OptionGroup var options: WorkstationOptions

    func run() async throws {
        // The plain workstation: AI shown as soon as it exists, ground truth available (demonstration).
        try await Self.launch(options) { _, _ in ReadingSession(readingProtocol: .concurrent, showsTruth: true) }
    }

    /// Opens the workstation; `session` chooses the reading session once the library is open.
    /// `caseOrder`: the worklist is these studies, in this order (a reader study's arm).
    static func launch(_ options: WorkstationOptions, annotating: Bool = false, annotator: String? = nil, openStudy: String? = nil,
                       caseOrder: [String]? = nil,
                       session: (Database, WorkstationConfig) throws -> ReadingSession) async throws {
        let graphicsOptions = options.graphicsOptions
        let config = options.config, theme = options.theme, script = options.script, reader = options.reader
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            Self.complain("""
                mammoterm: the workstation needs a terminal, and standard input or output is not one.
                In scripts use `mammoterm worklist`, `mammoterm show STUDY_UID --png FILE` or `mammoterm info`.
                """)
            throw ExitCode(1)
        }
        let environment = ProcessInfo.processInfo.environment
        let home = FileManager.default.homeDirectoryForCurrentUser.path
        let (settings, libraryPath) = try configAndLibrary(options)
        guard LibraryOptions.exists(libraryPath) else {
            Self.complain("""
                mammoterm: there is no library at \(PrintableText.clean(libraryPath)).
                Import exams first: mammoterm import FOLDER --library \(PrintableText.clean(libraryPath))   (make demo does this for the samples)
                """)
            throw ExitCode(1)
        }
        let chosenTheme = try Theme.load(theme ?? settings.theme ?? Theme.defaultName)
        let override = graphicsOptions.override(config: settings.graphics)
        let steps = try script.map { (text: String) throws(WorkstationError) in try KeyScript.parse(text) } ?? []
        let database = try Database.open(libraryPath)
        // The archives' answers to earlier queries are worklist rows too (where = the archive).
        let archive = ArchiveService(nodes: settings.pacs, database: database,
                                     storage: ConfigFile.storage(flag: nil, config: settings, libraryPath: libraryPath, home: home),
                                     priors: settings.retrievePriors ?? WorkstationConfig.defaultRetrievePriors)
        var entries = try archive.worklist()
        if let caseOrder {
            let byStudy = Dictionary(entries.map { ($0.studyInstanceUID, $0) }, uniquingKeysWith: { first, _ in first })
            entries = caseOrder.compactMap { byStudy[$0] }
        }
        let readingSession: ReadingSession
        do {
            readingSession = try session(database, settings)
        } catch {
            Self.complain("mammoterm: \(error)")
            throw ExitCode(1)
        }

        // Probe before curses owns the terminal: the replies would otherwise arrive as keys.
        let picture = TerminalPicture.detect(override: override, sixelGreys: graphicsOptions.sixelGreys ?? settings.sixelGreys)
        let terminal = try NcursesBackend()
        let service = ReadingService(library: database, graphics: picture, theme: chosenTheme, archive: archive,
                                     lesionThresholds: Self.lesionThresholds(), highScores: Self.highScores())
        // The reader id: the flag, the config, else the login name (flags and reads are per reader).
        // On a shared library it is the PostgreSQL role, which row-level security holds them to.
        let readerID = try Self.readerID(flag: reader, config: settings, database: database)
        var state = WorkstationApp.initialState(entries: entries, size: terminal.size, theme: chosenTheme, graphics: picture.choice,
                                                readerID: readerID, libraryPath: libraryPath,
                                                flagged: try database.flaggedStudies(reader: readerID),
                                                readStages: try database.readStages(reader: readerID, protocol: readingSession.readingProtocol),
                                                session: readingSession)
        // The monitor screen (M): config.toml's [monitor] and the bundled model's validation reference.
        state.settings.monitor = settings.monitor
        state.settings.monitorReference = MonitorCommand.bundledReference
        // Annotating: the name given, else the reader id (flag, config, login name).
        state.settings.annotator = annotating ? (annotator ?? readerID) : nil
        // The layout: the flag, else this reader's last (readers.toml), else config.toml's.
        let readersPath = ReaderSettings.path(besideConfig: config ?? ConfigFile.defaultPath(environment: environment, home: home))
        let remembered = try ReaderSettings.load(path: readersPath).layouts[readerID]
        state.settings.layout = options.layout.flatMap { HangingLayout(name: $0) } ?? remembered ?? settings.layout ?? .grid
        let keeper = WorkstationEnvironment(rememberLayout: { reader, layout in
            do { try ReaderSettings.remember(layout, reader: reader, path: readersPath); return nil } catch { return "\(error)" }
        })
        // Polled reads: a resize is seen even when its signal reaches another thread.
        let polled = PollingBackend(terminal)
        let backend: Backend = steps.isEmpty ? polled : SettlingBackend(polled, script: steps, settlesInnerInput: false)
        do {
            try await WorkstationApp.make(state: state, service: service, environment: keeper, initialActions: openStudy.map { [.openStudy($0)] } ?? [])
                .runOnOwnThread(on: backend)
        } catch {
            terminal.shutdown()
            throw error
        }
        terminal.shutdown()
    }

    /// The bundled model's lesion operating point for the findings list: its card's 0.5
    /// false-positive-per-image threshold. `analyze` keeps candidates down to the 1 per image
    /// one (for FROC), which lists about one faint candidate per view. A build without the card
    /// lists every candidate.
    static func lesionThresholds() -> [String: Double] {
        guard let card = try? LesionModelCard.bundled() else { return [:] }
        return ["\(card.modelID) \(card.modelVersion)": card.thresholds.lesion05]
    }

    /// The bundled model's high band for its marks: the raw exam score at its card's recall
    /// operating point (90 % sensitivity on validation), which one lesion's peak reaches only when
    /// it calls the exam by itself. Other models: half the scale (AIScoreBands).
    static func highScores() -> [String: Double] {
        guard let card = try? LesionModelCard.bundled() else { return [:] }
        return ["\(card.modelID) \(card.modelVersion)": card.thresholds.examRaw]
    }

    /// The score bands `show` and `findings` use for `ai`: the same the workstation's marks have.
    static func scoreBands(for ai: AIAnalysis) -> AIScoreBands {
        AIScoreBands(for: ai, listing: lesionThresholds(), high: highScores())
    }

    /// config.toml (or `--config`) and the library it and the flags name (flag, environment, config).
    static func configAndLibrary(_ options: WorkstationOptions) throws -> (WorkstationConfig, String) {
        let environment = ProcessInfo.processInfo.environment
        let home = FileManager.default.homeDirectoryForCurrentUser.path
        let settings = try ConfigFile.load(explicit: options.config, environment: environment, home: home)
        let library = LibraryOptions.resolve(
            option: ConfigFile.libraryOption(flag: options.libraryOptions.library, config: settings, environment: environment),
            environment: environment, home: home)
        return (settings, library)
    }

    /// Who reads: on a shared library its role (a different --reader is refused: the database
    /// would refuse that reader's rows anyway); else the flag, the config, else the login name,
    /// where config.toml's `reader_flag = false` refuses a flag naming anyone else.
    static func readerID(flag: String?, config: WorkstationConfig, database: Database) throws -> String {
        if let role = database.role {
            if let flag, flag != role {
                complain("mammoterm: on a shared library the reader is the PostgreSQL role \(role); to read as \(PrintableText.clean(flag)), connect as \(PrintableText.clean(flag))@… in --library")
                throw ExitCode(1)
            }
            return role
        }
        let own = config.reader ?? PrintableText.clean(NSUserName())
        if let flag, flag != own, !config.readerFlag {
            complain("mammoterm: this workstation reads as \(PrintableText.clean(own)) (config.toml: reader_flag = false); --reader \(PrintableText.clean(flag)) is refused")
            throw ExitCode(1)
        }
        return flag ?? own
    }

    static func complain(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}
