// The study panel says where the finding in hand is, as `mammoterm findings` does (its size in
// mm, the clock from its CC–MLO pair, depth, distance from the nipple), and only for a finding
// the panel lists: nothing while a protocol hides the AI.
import MammoCore
import Store
import Testing
import TUI
import Workstation

@Suite struct FindingLocationPanelTests {
    @Test func theFindingInHandHasItsSizeAndPlace() async throws {
        let database = try ProtocolSessionTests.library()   // SYN-0003: an 80x80 px AI finding on RCC
        let service = ReadingService(library: database, graphics: SampleLibrary.graphics(.braille), theme: .builtIn)
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("n"), service: service,
                                                   initialActions: [.openStudy("SYN-0003")])
        let details = try #require(run.final.reading?.details)
        let finding = try #require(details.findings.first { $0.source == .ai })
        // The samples' spacing is 0.28 mm: 80 px is 22.4 mm.
        #expect(run.screen.contains("Finding  #1 RCC · 22.4 × 22.4 mm"), "\(run.screen)")
        let location = try #require(details.location(of: finding))
        #expect(location.side == .right && location.depth != nil && (location.nippleDistanceMM ?? 0) > 0)
        #expect(run.screen.contains("Where    " + location.text))
        // The same words `findings` prints (one finding, no pair: the view's aspect, no clock).
        let frames = details.frames
        let expected = LesionLocation.locate([try #require(details.ai?.findings.first)], frames: frames)
        #expect(expected == [location])
    }

    @Test func nothingWhileTheProtocolHidesTheAI() async throws {
        let database = try ProtocolSessionTests.library()
        let service = ReadingService(library: database, graphics: SampleLibrary.graphics(.braille), theme: .builtIn)
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("n"), service: service,
                                                   session: ReadingSession(readingProtocol: .secondLook, showsTruth: false),
                                                   initialActions: [.openStudy("SYN-0003")])
        #expect(!run.screen.contains("Finding  #"))
        #expect(!run.screen.contains("Where "))
    }
}
