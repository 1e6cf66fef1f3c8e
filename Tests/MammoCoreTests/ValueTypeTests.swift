// The domain value types parse what files and users write, and order as readers expect.
import MammoCore
import Testing

@Suite("MammoCore value types")
struct ValueTypeTests {
    @Test func viewKeys() {
        #expect(ViewKey(label: "RCC") == .rightCC)
        #expect(ViewKey(label: "l-mlo") == .leftMLO)
        #expect(ViewKey(label: "R MLO") == .rightMLO)
        #expect(ViewKey(label: "XCC") == nil)
        #expect(ViewKey.screening.map(\.label) == ["RCC", "LCC", "RMLO", "LMLO"])
        #expect([ViewKey.leftMLO, .rightCC, ViewKey(side: .left, view: .xccl), .leftCC].sorted().map(\.label)
                == ["RCC", "LCC", "LMLO", "LXCCL"])
    }

    @Test func sidesAndViews() {
        #expect(Side(dicomCode: " r ") == .right)
        #expect(Side(dicomCode: "B") == nil)
        #expect(ViewPosition(dicomCode: "MLO") == .mlo)
        #expect(ViewPosition(dicomCode: "L XCCL") == .xccl)
        #expect(ViewPosition.cc.snomed.code == "399162004")
    }

    @Test func biradsOrderAndText() {
        #expect(BIRADS(text: "BI-RADS 4a") == .category4A)
        #expect(BIRADS(text: "birads 5") == .category5)
        #expect(BIRADS(text: "7") == nil)
        #expect(BIRADS.category4C > .category4B && .category3 < .category4A)
    }

    /// Recall as the BI-RADS calls for it: 0 and every suspicious category, not 1–3 (3 is
    /// follow-up, not a screening recall); 4 and 6 from imports count as recalls.
    @Test func recallFollowsTheBIRADS() {
        #expect(BIRADS.allCases.filter(\.recallsInScreening) == [.category0, .category4, .category4A, .category4B, .category4C, .category5, .category6])
        #expect(BIRADS.readable == BIRADS.allCases.filter { $0 != .category4 && $0 != .category6 })
        func recall(_ r: BIRADS?, _ l: BIRADS?) -> Bool? {
            ReaderDecision(right: BreastAssessment(birads: r), left: BreastAssessment(birads: l), recall: false, suspicion: 0).recallFromBIRADS
        }
        #expect(recall(nil, nil) == nil && recall(.category1, .category1) == false && recall(.category3, nil) == false)
        #expect(recall(.category1, .category4A) == true && recall(nil, .category0) == true)
    }

    @Test func printableTextStripsEscapes() {
        #expect(PrintableText.clean("\u{1B}]0;owned\u{07}NAME") == "]0;ownedNAME")
        #expect(PrintableText.clean("  a   b  ") == "a b")
        #expect(PrintableText.clean("plain") == "plain")
        // A table line keeps its alignment; controls still go.
        #expect(PrintableText.keepingSpaces("  NT     SN\u{1B}[2J  \u{202E}x\t ") == "  NT     SN[2J  x")
        #expect(" \0x y\0 ".trimmedSpaces == "x y")
    }

    @Test func colours() {
        #expect(RGBColor(hex: "#ff8000") == RGBColor(r: 255, g: 128, b: 0))
        #expect(RGBColor(hex: "orange") == nil)
        #expect(RGBColor(r: 1, g: 2, b: 255).hex == "#0102ff")
        #expect(RGBColor(grey: 200).blended(over: RGBColor(grey: 0), alpha: 0.5) == RGBColor(grey: 100))
    }
}
