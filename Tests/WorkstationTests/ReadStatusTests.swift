// The worklist's Read column comes from the decisions the library holds for this reader and
// protocol: "½" after an initial call only, "read" after the final one, the same after a
// restart; opening a study alone changes nothing.
import Foundation
import MammoCore
import Store
import Testing
import Workstation

@Suite("Read status", .serialized)
struct ReadStatusTests {
    /// The worklist line of SYN-0003's current exam (the prior is the other SYN-0003 line).
    static func current(_ screen: String) throws -> String { try #require(screen.line(containing: "2025-04-26")) }

    @Test func theReadColumnFollowsRecordedDecisionsAcrossRestarts() async throws {
        let database = try ProtocolSessionTests.library()
        let service = ProtocolSessionTests.service(database)
        let session = ReadingSession(readingProtocol: .secondLook, showsTruth: false)
        let search = "/ 0003 Enter"
        let initial = " Enter d 1 1 7 0 Enter y"

        // First session: open SYN-0003's current exam and leave (nothing), then the initial call only.
        let first = try await WorkstationHarness.run(try WorkstationHarness.keys(search + " Enter q" + initial + " q"), service: service,
                                                     session: session, loadsReads: true)
        #expect(try Self.current(first.before[8]).contains("read") == false, "opened and left: not read")
        #expect(try database.reads().map(\.stage) == [.initial])
        #expect(try Self.current(first.screen).contains("½"), "initial call only: started")
        #expect(first.screen.contains("½ read: initial call recorded"))

        // A restart: the library says started; read it to the end this time.
        let second = try await WorkstationHarness.run(try WorkstationHarness.keys(search + initial + " d Enter y q"), service: service,
                                                      session: session, loadsReads: true)
        #expect(try Self.current(second.before[0]).contains("½"), "kept across the restart")
        #expect(try database.reads().map(\.stage) == [.initial, .initial, .final])
        #expect(try Self.current(second.screen).contains(" read "), "final decision: read")

        // Another restart: read, and the read filter finds it; another protocol's worklist does not.
        let third = try await WorkstationHarness.run(try WorkstationHarness.keys("f f"), service: service, session: session, loadsReads: true)
        #expect(try Self.current(third.before[0]).contains(" read "))
        #expect(third.before[1].contains("12 of 13 studies · unread"))
        #expect(third.screen.contains("1 of 13 studies · read"))
        let unaided = try await WorkstationHarness.run(try WorkstationHarness.keys("j"), service: service, session: ReadingSession(readingProtocol: .unaided, showsTruth: false),
                                                       loadsReads: true)
        #expect(try Self.current(unaided.before[0]).contains("read") == false, "read per protocol")
    }
}
