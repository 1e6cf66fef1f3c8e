// The reading protocols as state machines: what is visible before and after each decision,
// and which rows each submission writes.
import MammoCore
import Study
import Testing

@Suite struct ProtocolFlowTests {
    static let negative = ReaderDecision(recall: false, suspicion: 10)
    static let positive = ReaderDecision(recall: true, suspicion: 80)

    @Test func unaidedNeverShowsAIAndRecordsOneFinalRow() {
        var flow = ProtocolFlow(.unaided)
        #expect(flow.visibility == .none && !flow.showsFindings && !flow.showsTriageTag)
        let (entries, next) = flow.submit(Self.negative)
        #expect(next == .done && flow.isComplete)
        #expect(entries == [ProtocolFlow.Entry(stage: .final, visibility: .none, safetyNetAlert: false, decision: Self.negative)])
        #expect(flow.visibility == .none, "still nothing after the decision")
        #expect(flow.submit(Self.positive).entries.isEmpty, "a read exam records nothing more")
    }

    @Test func concurrentShowsAIFromTheStart() {
        var flow = ProtocolFlow(.concurrent)
        #expect(flow.visibility == .full && flow.showsFindings)
        #expect(flow.submit(Self.positive).entries.map(\.visibility) == [.full])
    }

    @Test func secondLookRevealsAfterTheInitialDecision() {
        var flow = ProtocolFlow(.secondLook)
        #expect(flow.stage == .initial && flow.visibility == .none)
        let first = flow.submit(Self.negative)
        #expect(first.next == .revealed && first.entries.map(\.stage) == [.initial] && first.entries[0].visibility == .none)
        #expect(flow.visibility == .full && flow.stage == .final && flow.initial == Self.negative)
        let second = flow.submit(Self.positive)
        #expect(second.next == .done && second.entries == [ProtocolFlow.Entry(stage: .final, visibility: .full, safetyNetAlert: false, decision: Self.positive)])
    }

    @Test func referralAlertFiresOnlyAfterANegativeCall() {
        var alerting = ProtocolFlow(.referral, triagedNormal: false, safetyNetWouldAlert: true)
        #expect(alerting.visibility == .triageTag && !alerting.showsFindings && alerting.showsTriageTag)
        let first = alerting.submit(Self.negative)
        #expect(first.next == .alert && first.entries.map(\.stage) == [.initial] && first.entries[0].visibility == .triageTag)
        #expect(alerting.alertFired && alerting.visibility == .safetyNetAlert && alerting.showsFindings)
        let final = alerting.submit(Self.positive)
        #expect(final.next == .done && final.entries == [ProtocolFlow.Entry(stage: .final, visibility: .safetyNetAlert, safetyNetAlert: true, decision: Self.positive)])

        // A positive call never sees the alert; the initial call stands as the final one.
        var recalled = ProtocolFlow(.referral, safetyNetWouldAlert: true)
        let rows = recalled.submit(Self.positive)
        #expect(rows.next == .done && rows.entries.map(\.stage) == [.initial, .final])
        #expect(rows.entries.allSatisfy { !$0.safetyNetAlert && $0.visibility == .triageTag })
        #expect(!recalled.alertFired && !recalled.showsFindings)

        // No alert when the AI score is under the safety-net threshold.
        var quiet = ProtocolFlow(.referral, triagedNormal: true, safetyNetWouldAlert: false)
        #expect(quiet.submit(Self.negative).next == .done && quiet.visibility == .triageTag)
    }
}
