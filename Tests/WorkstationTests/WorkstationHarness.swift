// Runs the workstation against the test backend: a key script in, the screens out. Keys are
// handed over only once background work has landed (SettlingBackend), and the screen as the
// reader saw it just before each key is kept, so a test can check every step of a script.
import Foundation
import MammoCore
import Store
import TermGraphics
import TUI
import Workstation

struct WorkstationRun {
    var final: WorkstationState
    /// The screen just before each scripted event, in order.
    var before: [String]
    /// The screen after the last event.
    var screen: String
    var frames: [RecordedFrame]
}

enum WorkstationHarness {
    static func service(_ mode: GraphicsOverride = .braille, theme: Theme = .builtIn) throws -> ReadingService {
        ReadingService(library: try SampleLibrary.database(), graphics: SampleLibrary.graphics(mode), theme: theme)
    }

    /// One braille service for the tests that do not look at its caches: decoding each sample
    /// once per run instead of once per test keeps the suite quick in debug builds.
    static func sharedService() throws -> ReadingService { try SampleLibrary.once(shared) { try service() } }

    private static let shared = Locked<ReadingService?>(nil)

    /// Runs `events` from the worklist of the sample library and returns what was shown.
    /// `loadsReads`: the Read column from the library's decisions of reader "tester", as
    /// `mammoterm` starts (off by default: tests sharing the sample library may have decided).
    static func run(_ events: [Event], size: Size = Size(width: 160, height: 50), mode: GraphicsOverride = .braille,
                    service: ReadingService? = nil, entries: [WorklistEntry]? = nil,
                    session: ReadingSession = ReadingSession(), annotator: String? = nil,
                    environment: WorkstationEnvironment = WorkstationEnvironment(),
                    initialActions: [WorkstationAction] = [], loadsReads: Bool = false,
                    prepare: (inout WorkstationState) -> Void = { _ in }) async throws -> WorkstationRun {
        let service = try service ?? (mode == .braille ? sharedService() : self.service(mode))
        let entries = try entries ?? service.library.worklist()
        var state = WorkstationApp.initialState(entries: entries, size: size, theme: .builtIn, graphics: service.graphics.choice,
                                                readerID: "tester", libraryPath: "memory",
                                                readStages: loadsReads ? try service.library.readStages(reader: "tester", protocol: session.readingProtocol) : [:],
                                                session: session)
        state.settings.annotator = annotator
        prepare(&state)
        let test = TestBackend(size: size, events: events)
        let recorder = RecordingBackend(SettlingBackend(test), screen: { test.lastFrame?.text ?? "" })
        let final = try await WorkstationApp.make(state: state, service: service, environment: environment, initialActions: initialActions).runOnOwnThread(on: recorder)
        return WorkstationRun(final: final, before: recorder.screens, screen: test.lastFrame?.text ?? "", frames: test.frames)
    }

    /// Keys from the `--script` notation ("j j / SYN Enter").
    static func keys(_ script: String) throws -> [Event] {
        try KeyScript.parse(script).compactMap { step in
            if case .event(let e) = step { return e }
            return nil
        }
    }
}

extension String {
    /// The line holding `text`, for assertions with readable failures.
    func line(containing text: String) -> String? {
        split(separator: "\n", omittingEmptySubsequences: false).first { $0.contains(text) }.map(String.init)
    }
}
