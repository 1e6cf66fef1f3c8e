// A finished picture for the image area: cells (braille, half blocks, ASCII) or a sixel image,
// with how long it took. A reference type compared by identity, so the app state that holds
// it compares in O(1) however large the picture.
import Imaging
import TUI

public final class RenderedPicture: Sendable, Equatable, CustomStringConvertible {
    public enum Content: Sendable {
        /// Text-mode pictures: exactly `key.cells` in size.
        case cells(CellBuffer)
        /// A sixel image covering `key.cells`.
        case image(TerminalImage)
    }

    public let key: PictureKey
    public let content: Content
    /// Files that could not be shown, with why.
    public let problems: [String]
    public let renderMilliseconds: Double
    /// Where the prior's views hang (beside or under the current ones); nil without them.
    public let priorPlace: HangingArrangement.PriorPlace?

    public init(key: PictureKey, content: Content, problems: [String] = [], renderMilliseconds: Double = 0,
                priorPlace: HangingArrangement.PriorPlace? = nil) {
        self.priorPlace = priorPlace
        self.key = key
        self.content = content
        self.problems = problems
        self.renderMilliseconds = renderMilliseconds
    }

    /// Bytes the picture weighs in memory (and, for sixel, on the wire).
    public var byteCount: Int {
        switch content {
        case .cells(let buffer): return buffer.cells.count * MemoryLayout<Cell>.stride
        case .image(let image): return image.bytes.count
        }
    }

    public static func == (a: RenderedPicture, b: RenderedPicture) -> Bool { a === b }

    public var description: String { "RenderedPicture(\(key.layout.label), \(key.cells), \(byteCount) bytes)" }
}
