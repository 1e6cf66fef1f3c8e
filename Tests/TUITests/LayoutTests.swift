// Layout: rectangles, splits by fixed sizes, fractions and minimums, insets, centring.
import Testing
@testable import TUI

@Suite struct LayoutTests {
    @Test func splitsByFixedAndFill() {
        let r = Rect(x: 0, y: 0, width: 80, height: 24)
        let parts = r.rows([.fixed(1), .fill, .fixed(1)])
        #expect(parts == [Rect(x: 0, y: 0, width: 80, height: 1), Rect(x: 0, y: 1, width: 80, height: 22), Rect(x: 0, y: 23, width: 80, height: 1)])
    }

    @Test func fractionsCoverTheWhole() {
        #expect(LayoutConstraint.sizes([.fraction(1.0 / 3), .fraction(1.0 / 3), .fraction(1.0 / 3)], length: 100) == [34, 33, 33])
        #expect(LayoutConstraint.sizes([.fraction(0.25), .fill], length: 81) == [20, 61])
    }

    @Test func minimumsGrowWithLeftoverByWeight() {
        #expect(LayoutConstraint.sizes([.min(10), .fill(2), .fixed(5)], length: 50) == [22, 23, 5])
        #expect(LayoutConstraint.sizes([.fill(1), .fill(3)], length: 8) == [2, 6])
        #expect(LayoutConstraint.sizes([.fill(1), .fill(1), .fill(1)], length: 10) == [4, 3, 3])
    }

    @Test func overconstrainedShrinksFromTheEnd() {
        #expect(LayoutConstraint.sizes([.fixed(10), .min(8), .fixed(6)], length: 20) == [10, 8, 2])
        #expect(LayoutConstraint.sizes([.fixed(10), .fixed(10)], length: 4) == [4, 0])
        #expect(LayoutConstraint.sizes([.fixed(3)], length: 0) == [0])
    }

    @Test func spacingBetweenColumns() {
        let cols = Rect(x: 2, y: 1, width: 21, height: 5).columns([.fixed(5), .fill, .fixed(5)], spacing: 1)
        #expect(cols.map(\.x) == [2, 8, 18])
        #expect(cols.map(\.width) == [5, 9, 5])
    }

    @Test func insetsAndEmptyRects() {
        let r = Rect(x: 0, y: 0, width: 10, height: 4)
        #expect(r.inset(by: 1) == Rect(x: 1, y: 1, width: 8, height: 2))
        #expect(r.inset(by: Insets(top: 1, left: 2)) == Rect(x: 2, y: 1, width: 8, height: 3))
        #expect(r.inset(by: 3).isEmpty)
        #expect(Rect(x: 0, y: 0, width: -5, height: 2).width == 0)
        #expect(r.intersection(Rect(x: 20, y: 20, width: 3, height: 3)).isEmpty)
    }

    @Test func centresAModal() {
        let screen = Rect(x: 0, y: 0, width: 80, height: 24)
        #expect(screen.centered(Size(width: 40, height: 10)) == Rect(x: 20, y: 7, width: 40, height: 10))
        #expect(screen.centered(Size(width: 41, height: 11)) == Rect(x: 19, y: 6, width: 41, height: 11))
        // Bigger than the screen: clamped to it.
        #expect(screen.centered(Size(width: 100, height: 30)) == screen)
        let inner = Rect(x: 10, y: 5, width: 20, height: 10)
        #expect(inner.centered(Size(width: 10, height: 4)) == Rect(x: 15, y: 8, width: 10, height: 4))
    }
}
