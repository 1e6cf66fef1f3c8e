// The reading screen's state: the study, what opening it found, how it is shown (layout,
// window, invert, overlay, zoom), the findings cursor, and the picture on screen and the one
// on its way. The picture is made from this state off the UI loop.
import Foundation
import MammoCore
import Store
import Study
import TUI

public struct ReadingState: Equatable, Sendable {
    public var entry: WorklistEntry
    /// nil while the study is being opened.
    public var details: StudyDetails?
    public var layout: ReadingLayout = .four
    public var window = WindowAdjustment()
    public var invert = false
    /// AI and truth overlays (each on its own key) and how the AI map is drawn.
    public var overlay = OverlaySelection.none
    public var zoom = ZoomState()
    /// Fit to breast (`f`): the background cropped away, the views still at one scale.
    public var fitToBreast = false
    /// The cursor, magnifier, pixel probe and measure (g G v m).
    public var tools = ReadingTools()
    public var findings = TableState()
    /// The finding `n`/`N` last jumped to (an index into `shownFindings`).
    public var focusedFinding: Int?
    /// The picture shown (possibly an older one while its successor is made).
    public var picture: RenderedPicture?
    /// The picture being made now; one at a time, the newest state wins when it comes back.
    public var pending: PictureKey?
    /// Why the study or its picture could not be shown.
    public var failure: String?
    /// Whether the next study has been prefetched for this one.
    public var prefetched = false
    /// The protocol's state for this exam: what the AI may show, which decision comes next.
    public var flow: ProtocolFlow
    /// The AI result while the protocol keeps it from the reader (never drawn from here).
    public var withheldAI: AIAnalysis?
    /// The decision form while it is open.
    public var form: DecisionForm?
    /// The decision so far (kept when the form closes), and the marks placed with x; empty
    /// fields until the reader fills them.
    public var draft = DecisionDraft()
    /// When the exam was opened: reading time runs from here to each submission.
    public var openedAt: Date
    /// Rows recorded for this exam in this session.
    public var recorded = 0
    /// Annotation mode (mammoterm annotate, or A on the reading screen): nil while reading.
    public var annotation: AnnotationSession?
    /// The study's marks are being read to start annotating.
    public var loadingAnnotations = false
    /// Annotation mode starts as soon as the study is open.
    public var startsAnnotating = false
    /// While the study is being retrieved from an archive: how far it is.
    public var retrieval: RetrievalProgress?
    /// Why decisions cannot be written to the library now (full disk, read-only), from the last
    /// check; nil when they can or before the first check came back. Decision entry is refused
    /// while it is set.
    public var writeProblem: String?

    public init(entry: WorklistEntry, flow: ProtocolFlow = ProtocolFlow(.concurrent), openedAt: Date) {
        self.entry = entry
        self.flow = flow
        self.openedAt = openedAt
    }

    /// The key of the picture this state should show in an image area of `cells`. `cursorInPicture` false
    /// (sixel): the annotation cursor and the shape following it stay out of the picture, so moving the cursor
    /// resends no image (rulers at the image's edges show it instead).
    public func pictureKey(cells: Size, cursorInPicture: Bool = true) -> PictureKey {
        var key = PictureKey(studyUID: entry.studyInstanceUID, layout: layout, cells: cells, window: window, invert: invert,
                             overlay: overlay, zoom: zoom,
                             annotations: annotation.map { $0.overlay(for: layout.primaryView, cursorInPicture: cursorInPicture) },
                             views: details?.files.count ?? 0)
            .fitting(toBreast: fitToBreast && annotation == nil)
        key.tools = toolOverlay(cursorInPicture: cursorInPicture)
        return key
    }

    /// The window shown for the layout's primary view, once its base window is known.
    public var shownWindow: (window: VOIWindow, automatic: Bool)? {
        guard let facts = details?.views[layout.primaryView] ?? details?.views.values.first else { return nil }
        return (window.applied(base: facts.baseWindow, windows: facts.breastWindows), facts.windowIsAutomatic)
    }

    /// The findings panel's rows (and what `n` steps through): the AI's where the protocol shows
    /// them (the details hold them only then), the ground truth's only while its overlay is on, so
    /// the plain workstation says "malignant" only after `o`.
    public var shownFindings: [Finding] {
        guard let details else { return [] }
        return overlay.truth ? details.findings : details.findings.filter { $0.source != .truth }
    }

    /// Puts the findings table back at its top, sized for the rows shown now.
    public mutating func showFindingsFromTheTop() {
        findings = TableState(rowCount: shownFindings.count)
        focusedFinding = nil
    }

    /// What the panel says while the protocol keeps the AI from the reader; nil when it may be shown.
    public var aiHiddenNotice: String? {
        guard !flow.showsFindings else { return nil }
        switch flow.readingProtocol {
        case .secondLook: return "AI hidden until your first decision"
        case .referral: return "AI hidden unless the safety net fires"
        case .unaided, .concurrent: return "No AI output in unaided reading"
        }
    }

    /// The breasts this study shows (each needs its BI-RADS); both while the views are not known.
    public var presentBreasts: Set<Side> {
        let sides = Set(presentViews.map(\.side))
        return sides.isEmpty ? Set(Side.allCases) : sides
    }

    /// Views present in this study, in hanging order.
    public var presentViews: [ViewKey] {
        guard let details else { return ViewKey.screening.filter { entry.views.contains($0) } }
        return ViewKey.screening.filter { details.files[$0] != nil }
    }
}
