// The decision form (issue 15, item 9): BI-RADS chosen by its digit from 0, 1, 2, 3, 4A–4C, 5;
// the suspicion in its own field; recall set from the BI-RADS (a contradiction cannot be
// entered, and y/n say why); nothing filled in for the reader.
import MammoCore
import Testing
import TUI
import Workstation

@Suite("Decision form")
struct DecisionFormTests {
    static func press(_ form: inout DecisionForm, _ keys: String) -> [DecisionForm.Outcome] {
        keys.map { form.handle(.character($0)) }
    }

    @Test func nothingIsFilledInAndEnterSaysWhatIsMissing() {
        var form = DecisionForm()
        #expect(form.value(.rightBIRADS) == "–" && form.value(.suspicion) == "– / 100" && form.recallText == "– (follows BI-RADS)")
        #expect(form.handle(.enter) == .refused("Not submitted: enter R BI-RADS, L BI-RADS, the suspicion (0–100) first"))
        #expect(!form.confirming)
        _ = Self.press(&form, "11")
        #expect(form.focus == .suspicion, "a chosen BI-RADS moves on: R, then L, then the suspicion")
        #expect(form.handle(.enter) == .refused("Not submitted: enter the suspicion (0–100) first"))
        _ = Self.press(&form, "42")
        #expect(form.handle(.enter) == .edited && form.confirming)
        guard case .submit(let decision) = form.handle(.character("y")) else {
            Issue.record("no submission")
            return
        }
        #expect(decision.right.birads == .category1 && decision.left.birads == .category1)
        #expect(decision.suspicion == 42 && !decision.recall)
        #expect(throws: Never.self) { try decision.validate() }
    }

    @Test func recallFollowsTheBIRADSAndCannotBeTypedAgainstIt() {
        var form = DecisionForm()
        _ = Self.press(&form, "11")
        #expect(form.recallText == "no (from BI-RADS)")
        #expect(form.handle(.character("y")) == .refused(DecisionForm.recallRefusal), "BI-RADS 1 both sides with recall yes is refused")
        #expect(form.draft.recall == false)
        // Back to the left breast: 0 recalls.
        _ = form.handle(.up)
        _ = Self.press(&form, "0")
        #expect(form.draft.left.birads == .category0 && form.recallText == "yes (from BI-RADS)")
        // 3 is not a screening recall; 5 is.
        _ = form.handle(.up)
        _ = Self.press(&form, "3")
        #expect(form.draft.recall == false)
        _ = form.handle(.up)
        _ = Self.press(&form, "5")
        #expect(form.draft.recall == true)
    }

    @Test func fourThenALetterOrFourAgainPicksTheSubcategory() {
        var form = DecisionForm()
        _ = Self.press(&form, "4")
        #expect(form.draft.right.birads == .category4A && form.focus == .rightBIRADS, "4 alone is 4A and waits for a b c")
        _ = Self.press(&form, "4")
        #expect(form.draft.right.birads == .category4B)
        _ = Self.press(&form, "44")
        #expect(form.draft.right.birads == .category4A, "4 steps 4A → 4B → 4C → 4A")
        _ = Self.press(&form, "c")
        #expect(form.draft.right.birads == .category4C && form.focus == .leftBIRADS)
        #expect(form.handle(.character("b")) == .refused("a b c choose 4A 4B 4C: press 4 first"))
        #expect(form.handle(.character("6")) == .refused("BI-RADS here is 0, 1, 2, 3, 4A–4C or 5"))
        #expect(form.draft.left.birads == nil)
    }

    @Test func theFormOffersNeitherFourNorSix() {
        var form = DecisionForm()
        var seen: [BIRADS?] = []
        for _ in 0..<9 {
            _ = form.handle(.right)
            seen.append(form.draft.right.birads)
        }
        #expect(seen == [.category0, .category1, .category2, .category3, .category4A, .category4B, .category4C, .category5, nil])
        #expect(BIRADS.allCases.contains(.category4) && BIRADS.allCases.contains(.category6), "both stay valid for imports")
    }

    @Test func aStudyOfOneBreastAsksForThatBreastOnly() {
        var form = DecisionForm(breasts: [.left])
        _ = form.handle(.down)
        _ = Self.press(&form, "2")
        _ = Self.press(&form, "7")
        #expect(form.handle(.enter) == .edited && form.confirming)
        guard case .submit(let decision) = form.handle(.enter) else {
            Issue.record("no submission")
            return
        }
        #expect(decision.right.birads == nil && decision.left.birads == .category2 && !decision.recall && decision.suspicion == 7)
    }

    @Test func marksAreRecordedWithTheSubmittedSuspicion() {
        let mark = ReaderMark(view: .rightCC, x: 10, y: 20, kind: .mass, suspicion: 0)
        var form = DecisionForm(draft: DecisionDraft(marks: [mark]))
        _ = Self.press(&form, "5180")
        _ = form.handle(.enter)
        guard case .submit(let decision) = form.handle(.character("y")) else {
            Issue.record("no submission")
            return
        }
        #expect(decision.marks.map(\.suspicion) == [80] && decision.recall)
    }

    /// On the reading screen: Enter on an empty form and y against the BI-RADS are refused with
    /// the reason on the status line, and the form stays open.
    @Test func theReadingScreenSaysWhyASubmitIsRefused() async throws {
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("Enter d Enter 1 1 y"), size: Size(width: 220, height: 50))
        #expect(run.before[3].contains("Not submitted: enter R BI-RADS, L BI-RADS, the suspicion (0–100) first"))
        #expect(run.screen.contains("Recall follows the BI-RADS"))
        #expect(run.screen.contains("Recall     no (from BI-RADS)"))
        #expect(run.final.reading?.form?.confirming == false && run.final.reading?.recorded == 0)
    }
}
