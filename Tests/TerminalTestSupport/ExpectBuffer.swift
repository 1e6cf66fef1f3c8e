// Whole-screen checks for widget and screen tests: a drawn buffer against the one expected,
// failing with both screens side by side and the differing rows marked.
import Testing
import TUI

/// Records an issue unless `actual` shows what `expected` does: the same size and characters,
/// and with `comparingStyles` the same colours and attributes in every cell.
public func expectBuffer(_ actual: CellBuffer, equals expected: CellBuffer, comparingStyles: Bool = false,
                         _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
    guard let difference = actual.difference(from: expected, comparingStyles: comparingStyles) else { return }
    let note = comment.map { "\($0.rawValue)\n" } ?? ""
    Issue.record(Comment(rawValue: note + difference), sourceLocation: sourceLocation)
}

/// The same, with the expected screen written as its lines (default style; short lines padded
/// to `actual`'s width, so trailing blanks need not be written, and a long line fails).
public func expectBuffer(_ actual: CellBuffer, equals lines: [String], _ comment: Comment? = nil,
                         sourceLocation: SourceLocation = #_sourceLocation) {
    expectBuffer(actual, equals: CellBuffer(lines: lines, width: max(actual.width, lines.map(\.terminalWidth).max() ?? 0)),
                 comment, sourceLocation: sourceLocation)
}
