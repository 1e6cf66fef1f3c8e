// Progress from decisions alone: the next case in plan order, resume after an initial-only
// record, revisions counted once, washout gating from the last final decision, records outside
// the design ignored, and the status table and JSON.
import Foundation
import MammoCore
import Testing
@testable import Study

@Suite struct ReaderStudyProgressTests {
    // Plan of the fixture (seed 42), see ReaderStudyPlanTests:
    //   a: unaided then second-look; unaided 1.2.1 1.2.3 1.2.5 ..., second-look 1.2.1 1.2.3 1.2.5 1.2.7 ...
    //   b: second-look then unaided; second-look 1.2.8 1.2.1 1.2.2 ...
    static let t: Timestamp = "2026-03-02T10:00:00Z"

    static func at(_ seconds: Double) -> Timestamp { Timestamp(t.date.addingTimeInterval(seconds)) }

    @Test func freshStudyServesEachReadersFirstCase() throws {
        let plan = try ReaderStudyPlan(ReaderStudyFixture.design())
        let progress = ReaderStudyProgress(plan: plan, reads: [], now: Self.t)
        #expect(progress.reader("a")?.next == .case("1.2.1", arm: .unaided))
        #expect(progress.reader("b")?.next == .case("1.2.8", arm: .secondLook))
        let a = try #require(progress.reader("a"))
        #expect(a.arms.map(\.arm) == [.unaided, .secondLook] && a.arms.map(\.position) == [1, 2])
        #expect(a.arms.allSatisfy { $0.done == 0 && $0.total == 8 && $0.state == .notStarted && $0.startedAt == nil && $0.finishedAt == nil })
        #expect(try progress.next(for: "c") == .case("1.2.3", arm: .unaided))  // python3 as in ReaderStudyPlanTests, reader 2
        #expect(throws: StudyError(context: "reader study ai-2026", reason: "A is not one of its readers (a, b, c, d)")) { try progress.next(for: "A") }
    }

    @Test func initialOnlyRecordKeepsTheCaseNext() throws {
        let plan = try ReaderStudyPlan(ReaderStudyFixture.design())
        var reads = ReaderStudyFixture.Reads()
        try reads.add("b", "1.2.8", .secondLook, stage: .initial, at: Self.t)
        var progress = ReaderStudyProgress(plan: plan, reads: reads.records, now: Self.at(3600))
        var b = try #require(progress.reader("b"))
        #expect(b.next == .case("1.2.8", arm: .secondLook))
        #expect(b.arms[0].done == 0 && b.arms[0].state == .reading && b.arms[0].startedAt == Self.at(-60))
        try reads.add("b", "1.2.8", .secondLook, at: Self.at(30))
        progress = ReaderStudyProgress(plan: plan, reads: reads.records, now: Self.at(3600))
        b = try #require(progress.reader("b"))
        #expect(b.next == .case("1.2.1", arm: .secondLook))
        #expect(b.arms[0].done == 1)
    }

    @Test func nextIsTheFirstOpenCaseInPlanOrderAndRevisionsCountOnce() throws {
        let plan = try ReaderStudyPlan(ReaderStudyFixture.design())
        var reads = ReaderStudyFixture.Reads()
        // Out of order: 1.2.3 (second in a's plan) is read before 1.2.1.
        let first = try reads.add("a", "1.2.3", .unaided, at: Self.t, suspicion: 20)
        try reads.add("a", "1.2.3", .unaided, at: Self.at(60), suspicion: 70, revises: first)
        let progress = ReaderStudyProgress(plan: plan, reads: reads.records, now: Self.at(120))
        let a = try #require(progress.reader("a"))
        #expect(a.next == .case("1.2.1", arm: .unaided))
        #expect(a.arms[0].done == 1 && a.arms[0].state == .reading)
        #expect(progress.reader("b")?.arms.map(\.done) == [0, 0])
    }

    @Test func recordsOutsideTheDesignAreIgnored() throws {
        let plan = try ReaderStudyPlan(ReaderStudyFixture.design())
        var reads = ReaderStudyFixture.Reads()
        try reads.add("z", "1.2.1", .unaided, at: Self.t)          // not a reader of the study
        try reads.add("a", "9.9.9", .unaided, at: Self.t)          // not a case of the study
        try reads.add("a", "1.2.1", .concurrent, at: Self.t)       // not an arm of the study
        let progress = ReaderStudyProgress(plan: plan, reads: reads.records, now: Self.t)
        #expect(progress.readers.map(\.reader) == ["a", "b", "c", "d"])
        let a = try #require(progress.reader("a"))
        #expect(a.next == .case("1.2.1", arm: .unaided) && a.arms[0].done == 0 && a.arms[0].state == .notStarted)
    }

    @Test func washoutOpensTheNextArmAfterTheLastFinalDecision() throws {
        let plan = try ReaderStudyPlan(ReaderStudyFixture.design())
        let a = try #require(plan.reader("a"))
        var reads = ReaderStudyFixture.Reads()
        try reads.finish("a", .unaided, order: a.cases(in: .unaided), end: Self.t)
        let until: Timestamp = "2026-03-30T10:00:00.000Z"  // t + 28 days
        for now in [Self.at(1), Self.at(28 * 86_400 - 0.001)] {
            let progress = ReaderStudyProgress(plan: plan, reads: reads.records, now: now)
            let state = try #require(progress.reader("a"))
            #expect(state.next == .washout(until: until, arm: .secondLook))
            #expect(state.arms[0].done == 8 && state.arms[0].state == .done)
            #expect(state.arms[0].finishedAt == Timestamp(Self.t.date) && state.arms[0].startedAt == Self.at(-8 * 60))
            #expect(state.arms[1].state == .washout(until: until))
        }
        let open = ReaderStudyProgress(plan: plan, reads: reads.records, now: until)
        #expect(open.reader("a")?.next == .case("1.2.1", arm: .secondLook))
        #expect(open.reader("a")?.arms[1].state == .notStarted)

        // A revision of an arm-1 decision a day later restarts the washout from it.
        let revised = try #require(reads.records.first { $0.studyInstanceUID == "1.2.5" }?.id)
        try reads.add("a", "1.2.5", .unaided, at: Self.at(86_400), suspicion: 90, revises: revised)
        let later = ReaderStudyProgress(plan: plan, reads: reads.records, now: until)
        #expect(later.reader("a")?.next == .washout(until: "2026-03-31T10:00:00.000Z", arm: .secondLook))
        #expect(later.reader("a")?.arms[0].done == 8)
    }

    @Test func zeroWashoutAndFinishedReader() throws {
        let plan = try ReaderStudyPlan(ReaderStudyFixture.design(readers: ["a", "b"], washout: 0))
        let b = try #require(plan.reader("b"))
        var reads = ReaderStudyFixture.Reads()
        try reads.finish("b", .secondLook, order: b.cases(in: .secondLook), end: Self.t)
        var progress = ReaderStudyProgress(plan: plan, reads: reads.records, now: Self.t)
        #expect(progress.reader("b")?.next == .case(b.cases(in: .unaided)[0], arm: .unaided))
        try reads.finish("b", .unaided, order: b.cases(in: .unaided), end: Self.at(3600))
        progress = ReaderStudyProgress(plan: plan, reads: reads.records, now: Self.at(7200))
        let state = try #require(progress.reader("b"))
        #expect(state.next == .finished)
        #expect(state.arms.map(\.state) == [.done, .done] && state.arms.map(\.done) == [8, 8])
        #expect(state.arms[1].finishedAt == Self.at(3600))
        #expect(progress.reader("a")?.next == .case("1.2.1", arm: .unaided))
    }

    @Test func statusTableIsAlignedAndSanitised() throws {
        let evil = "\u{1B}]0;owned\u{07}eve"
        let plan = try ReaderStudyPlan(ReaderStudyFixture.design(readers: ["a", evil]))
        let a = try #require(plan.reader("a"))
        var reads = ReaderStudyFixture.Reads()
        try reads.finish("a", .unaided, order: a.cases(in: .unaided), end: Self.t)
        try reads.add(evil, "1.2.8", .secondLook, at: Self.t)
        let table = ReaderStudyProgress(plan: plan, reads: reads.records, now: Self.at(3600)).table()
        #expect(table == """
            Reader study ai-2026: 2 reader(s), 8 case(s), washout 28d; at 2026-03-02 11:00 UTC
            reader       arm          done/total  percent  state
            a            unaided             8/8   100.0%  done
            a            second-look         0/8     0.0%  washout until 2026-03-30 10:00 UTC
            ]0;ownedeve  second-look         1/8    12.5%  reading
            ]0;ownedeve  unaided             0/8     0.0%  not started
            0 of 2 reader(s) finished.
            """)
        #expect(!table.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    @Test func jsonHasStableFields() throws {
        let plan = try ReaderStudyPlan(ReaderStudyFixture.design(readers: ["a"], cases: ["1.2.1", "1.2.2"], washout: 3600))
        let a = try #require(plan.reader("a"))
        var reads = ReaderStudyFixture.Reads()
        try reads.finish("a", .unaided, order: a.cases(in: .unaided), end: Self.t)
        let json = try ReaderStudyProgress(plan: plan, reads: reads.records, now: Self.at(60)).json()
        #expect(json == #"{"cases":2,"format":"mammoterm-reader-study-progress","now":"2026-03-02T10:01:00.000Z","readers":[{"arms":[{"arm":"unaided","done":2,"finishedAt":"2026-03-02T10:00:00.000Z","position":1,"startedAt":"2026-03-02T09:58:00.000Z","state":"done","total":2,"washoutUntil":null},{"arm":"second-look","done":0,"finishedAt":null,"position":2,"startedAt":null,"state":"washout","total":2,"washoutUntil":"2026-03-02T11:00:00.000Z"}],"next":{"arm":"second-look","case":null,"kind":"washout","until":"2026-03-02T11:00:00.000Z"},"reader":"a"}],"study":"ai-2026","version":1,"washoutSeconds":3600}"#)
        let open = try ReaderStudyProgress(plan: plan, reads: reads.records, now: "2026-03-02T11:00:00Z").json()
        #expect(open.contains(#""next":{"arm":"second-look","case":"\#(a.cases(in: .secondLook)[0])","kind":"case","until":null}"#))
    }
}
