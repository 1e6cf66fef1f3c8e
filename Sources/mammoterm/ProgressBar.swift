// A one-line progress bar on stderr (items done / total, rate, elapsed, time left), drawn only
// when stderr is a terminal: piped or redirected output stays free of carriage returns and escapes.
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

final class ProgressBar {
    let total: Int
    let label: String
    let unit: String
    let isEnabled: Bool
    private let started = Date()
    private var lastDrawn = Date.distantPast
    private var drewSomething = false

    init(total: Int, label: String, unit: String = "files", enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.total = total
        self.label = label
        self.unit = unit
        self.isEnabled = enabled && total > 0
    }

    /// Redraws with `done` files finished; at most ten times a second unless `force`.
    func update(done: Int, force: Bool = false) {
        guard isEnabled else { return }
        let now = Date()
        guard force || now.timeIntervalSince(lastDrawn) >= 0.1 else { return }
        lastDrawn = now
        let line = Self.render(label: label, done: done, total: total,
                               elapsed: now.timeIntervalSince(started), width: Self.terminalColumns(), unit: unit)
        // CR, erase line, draw: the cursor stays on the bar's line.
        Self.write("\r\u{1B}[K" + line)
        drewSomething = true
    }

    /// Erases the bar so the summary prints on a clean line.
    func finish() {
        guard isEnabled, drewSomething else { return }
        Self.write("\r\u{1B}[K")
        drewSomething = false
    }

    /// "label [#######.......]  42/100 files  12.3 files/s  0:03  eta 0:05", fitted to `width` columns.
    static func render(label: String, done: Int, total: Int, elapsed: TimeInterval, width: Int, unit: String = "files") -> String {
        let done = min(max(done, 0), total)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        func clock(_ interval: TimeInterval) -> String {
            let seconds = Int(interval.rounded(.down))
            return seconds >= 3600
                ? String(format: "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String(format: "%d:%02d", seconds / 60, seconds % 60)
        }
        let eta = rate > 0 && done < total ? "  eta \(clock(Double(total - done) / rate))" : ""
        let counts = "\(done)/\(total) \(unit)  \(String(format: "%.1f", rate)) \(unit)/s  \(clock(elapsed))\(eta)"
        // Size the bar for the widest the counts can get, so it does not shrink as they grow.
        // Leave the last column free: writing into it makes some terminals wrap.
        let widestCounts = "\(total)/\(total) \(unit)  99999.9 \(unit)/s  00:00:00  eta 00:00:00".count
        let barWidth = min(40, width - 1 - label.count - max(counts.count, widestCounts) - 5)
        guard barWidth >= 5 else { return String("\(label) \(counts)".prefix(max(width - 1, 0))) }
        let filled = total > 0 ? barWidth * done / total : 0
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: barWidth - filled)
        return "\(label) [\(bar)]  \(counts)"
    }

    static func terminalColumns() -> Int {
        var size = winsize()
        if ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }

    private static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
