// MonitorError says what was being computed and strips terminal control from its reason.
import Testing
@testable import Monitor

@Suite("Monitor errors") struct MonitorErrorTests {
    @Test func namesTheFigureAndCleansTheReason() {
        let error = MonitorError(context: "population stability index", reason: "empty reference\u{1B}[2J")
        #expect(error.description.hasPrefix("population stability index: empty reference"))
        #expect(!error.description.contains("\u{1B}"))
    }
}
