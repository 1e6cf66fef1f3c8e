// The small parts the screens rely on: the byte-bounded cache, zoom regions, window steps,
// key scripts and the status of the findings for the truth marks.
import Foundation
import MammoCore
import Testing
import TUI
import Workstation

@Suite("Workstation building blocks")
struct BuildingBlockTests {
    @Test func cacheEvictsTheLeastRecentlyUsedByBytes() {
        let cache = ByteBudgetCache<String, Int>(budget: 100)
        cache.insert(1, bytes: 40, for: "a")
        cache.insert(2, bytes: 40, for: "b")
        #expect(cache.value(for: "a") == 1)  // "a" is now the most recent
        cache.insert(3, bytes: 40, for: "c")
        #expect(cache.contains("a") && cache.contains("c") && !cache.contains("b"))
        #expect(cache.usedBytes == 80)
        cache.insert(4, bytes: 500, for: "huge")
        #expect(!cache.contains("huge"), "a value over the budget is not kept")
        var made = 0
        let v = cache.value(for: "d", bytes: { _ in 10 }) { made += 1; return 9 }
        let again = cache.value(for: "d", bytes: { _ in 10 }) { made += 1; return 9 }
        #expect(v == 9 && again == 9 && made == 1)
    }

    @Test func zoomRegionsStayInsideTheView() {
        var zoom = ZoomState()
        #expect(zoom.region.isWhole)
        zoom.pan(dx: 1, dy: 0)
        #expect(zoom.region.isWhole)
        zoom.zoomIn()
        zoom.zoomIn()
        #expect(zoom.factor == 2)
        for _ in 0..<20 { zoom.pan(dx: -1, dy: -1) }
        #expect(zoom.region.x >= 0 && zoom.region.y >= 0)
        #expect(abs(zoom.region.width - 0.5) < 1e-9)
        for _ in 0..<20 { zoom.pan(dx: 1, dy: 1) }
        #expect(zoom.region.x + zoom.region.width <= 1.0001)
        zoom.zoomOut()
        zoom.zoomOut()
        #expect(zoom == ZoomState())
    }

    @Test func windowStepsAreRelativeToEachViewsBase() {
        let base = VOIWindow(center: 2000, width: 1000)
        #expect(WindowAdjustment().applied(to: base) == base)
        let w = WindowAdjustment(widthSteps: -1, centerSteps: 2).applied(to: base)
        #expect(w.width == 800 && w.center == 2100)
        #expect(WindowAdjustment(widthSteps: -100).applied(to: base).width >= 1)
    }

    @Test func keyScriptsNameKeys() throws {
        let steps = try KeyScript.parse("j Enter / SYN-1 Esc C-c sleep:250 Space F2 PgDn")
        let expected: [ScriptStep] = [.event(.press("j")), .event(.press(.enter)), .event(.press("/"))]
            + "SYN-1".map { .event(.press($0)) }
            + [.event(.press(.escape)), .event(.press(.ctrl("c"))), .pause(.milliseconds(250)), .event(.press(" ")),
               .event(.press(.function(2))), .event(.press(.pageDown))]
        #expect(steps == expected)
        #expect(throws: WorkstationError.self) { try KeyScript.parse("sleep:soon") }
    }

    @Test func findingsReadTruthMarks() {
        let mark = LesionMark(id: "L1", label: "M1 spiculated malignant", source: .truth, kind: .mass, malignant: true,
                              box: PixelBox(x: 10, y: 20, width: 30, height: 40), outline: [])
        let finding = Finding(number: 1, mark: mark, view: .rightMLO)
        #expect(finding.typeLabel == "mass" && finding.shape == "spiculated" && finding.pathologyLabel == "malignant")
        #expect(finding.positionLabel == "25,40")
        #expect(finding.score == nil && finding.confidence == nil)
        let calc = Finding(number: 2, mark: LesionMark(id: "L2", label: "C2 pleomorphic benign", source: .truth,
                                                       kind: .calcificationCluster, malignant: false,
                                                       box: PixelBox(x: 0, y: 0, width: 1, height: 1), outline: []), view: .leftCC)
        #expect(calc.typeLabel == "calc" && calc.pathologyLabel == "benign")
    }
}
