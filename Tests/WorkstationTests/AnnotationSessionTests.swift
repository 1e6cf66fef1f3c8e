// The annotation screen on the test backend: drawing with the keyboard, labels, move / resize,
// undo / redo, CC–MLO links, the review with agreement and acceptance, and every edit in the
// library as soon as it is made.
import Foundation
import MammoCore
import Store
import TermGraphics
import Testing
import TUI
import Workstation

@Suite("Annotation screen", .serialized)
struct AnnotationSessionTests {
    static func service(_ database: Database) -> ReadingService {
        ReadingService(library: database, graphics: SampleLibrary.graphics(.braille), theme: .builtIn)
    }

    static func run(_ keys: String, database: Database, annotator: String = "alice", study: String = "SYN-0003") async throws -> WorkstationRun {
        try await WorkstationHarness.run(try WorkstationHarness.keys(keys), service: service(database), annotator: annotator,
                                         initialActions: [.openStudy(study)])
    }

    static func marks(_ database: Database, study: String = "SYN-0003") throws -> [Annotation] {
        let uid = try #require(try database.worklist().filter { $0.patientID == study }.max { $0.studyDate < $1.studyDate }).studyInstanceUID
        return try database.annotations(studyInstanceUID: uid)
    }

    @Test func aBoxDrawnWithTheKeyboardIsLabelledAndSavedInStoredPixels() async throws {
        let database = try SampleLibrary.privateDatabase()
        // Corner, 3 coarse steps right and 2 down, corner; the form: calcification cluster, BI-RADS 4A (none, 0, 1, 2, 3, 4, 4A),
        // malignant, a note.
        let run = try await Self.run("Space Right Right Right Down Down Space Right Down Right Right Right Right Right Right Down Right " +
                                     "Down t r i a l Enter", database: database)
        let screen = run.screen
        let session = try #require(run.final.reading?.annotation)
        #expect(session.form == nil)
        let marks = try Self.marks(database)
        let mark = try #require(marks.first)
        #expect(marks.count == 1)
        #expect(mark.annotator == "alice" && mark.view == "RCC" && mark.category == .calcificationCluster)
        #expect(mark.birads == .category4A && mark.pathology == .malignant && mark.note == "trial")
        guard case .box(let box) = mark.shape else { Issue.record("not a box: \(mark.shape)"); return }
        // 832 x 1024 stored pixels: the cursor starts at the middle; a coarse step is 1/40 of the width shown.
        #expect(box.x == 416 || box.maxX == 416, "one corner where the cursor started: \(box)")
        #expect(box.y == 512 && box.width == 3 * 21 && box.height == 2 * 21, "\(box)")
        #expect(mark.sopInstanceUID.hasPrefix("2.25.") && mark.studyInstanceUID.hasPrefix("2.25."))
        #expect(screen.contains("Annotations · alice") && screen.contains("C1") && screen.contains("box"), "\(screen)")
        #expect(run.before.contains { $0.contains("Labels") && $0.contains("Finding") }, "the label form opened on the new mark")
    }

    @Test func undoRedoMoveAndDeleteReachTheLibrary() async throws {
        let database = try SampleLibrary.privateDatabase()
        // A point, labelled as it is; a box; undo the box; redo it; move it 2 steps left; delete the point.
        let keys = ". Space Enter b Space Right Down Space Enter u U m Left Left m Tab x"
        let run = try await Self.run(keys, database: database)
        let marks = try Self.marks(database)
        #expect(marks.count == 1, "\(marks.map(\.shape))")
        guard let box = marks.first, case .box(let b) = box.shape else { Issue.record("the box is gone: \(marks)"); return }
        let flipped = try #require(run.final.reading?.details?.views[.rightCC]).flipHorizontal
        // Moved two coarse steps left on screen: stored x down 42 (up 42 on a mirrored view).
        #expect(b.x == (flipped ? 416 + 42 - 21 : 416 - 42), "\(b) flipped \(flipped)")
        let session = try #require(run.final.reading?.annotation)
        #expect(session.undo.map(\.label) == ["add point", "add box", "move", "delete"], "\(session.undo.map(\.label))")
    }

    @Test func polygonEllipseAndAMarkLinkedAcrossViews() async throws {
        let database = try SampleLibrary.privateDatabase()
        // Polygon on RCC (3 vertices, Enter closes, Enter saves labels), L: the view changes to RMLO; an ellipse there, labelled;
        // L links it to the polygon.
        let keys = "p Space Right Right Space Down Down Space Enter Enter L e Space Right Right Down Down Space Enter L"
        let run = try await Self.run(keys, database: database)
        let marks = try Self.marks(database)
        #expect(marks.count == 2)
        let polygon = try #require(marks.first { $0.shape.kind == "polygon" }), ellipse = try #require(marks.first { $0.shape.kind == "ellipse" })
        #expect(polygon.view == "RCC" && ellipse.view == "RMLO")
        #expect(polygon.lesionID != nil && polygon.lesionID == ellipse.lesionID)
        #expect(run.screen.contains("Linked RCC and RMLO"), "\(run.screen)")
        if case .polygon(let points) = polygon.shape { #expect(points.count == 3) }
    }

    @Test func theReviewShowsAgreementAndAcceptsGroundTruth() async throws {
        let database = try SampleLibrary.privateDatabase()
        // alice and bob draw nearly the same box; bob's is one coarse step wider.
        _ = try await Self.run("Space Right Right Right Down Down Down Space Enter", database: database, annotator: "alice")
        let review = try await Self.run("Space Right Right Right Right Down Down Down Space Enter V Tab g", database: database, annotator: "bob")
        let screen = review.screen
        #expect(screen.contains("Review · every annotator"), "\(screen)")
        #expect(screen.contains("alice") && screen.contains("bob"))
        // IoU of a 63x63 box with a 84x63 box sharing a corner: 0.75.
        #expect(screen.contains("0.75"), "\(screen)")
        #expect(screen.contains("Mean IoU  0.75") && screen.contains("2 of 2 marks at IoU ≥ 0.50"))
        let marks = try Self.marks(database)
        #expect(marks.filter(\.isAccepted).count == 1)
        #expect(marks.first(where: \.isAccepted)?.acceptedBy == "bob")
    }

    @Test func aMouseDragDrawsABoxAtTheCellsStoredPixels() async throws {
        let database = try SampleLibrary.privateDatabase()
        let size = Size(width: 160, height: 50)
        let area = ReadingScreen.layout(size).image
        let a = Point(x: area.x + area.width - 30, y: area.y + area.height / 2 - 4), b = Point(x: a.x + 8, y: a.y + 6)
        let events: [Event] = [
            .mouse(MouseEvent(.press(.left), at: a)), .mouse(MouseEvent(.move(.left), at: b)), .mouse(MouseEvent(.release(.left), at: b)),
            .key(.enter), .mouse(MouseEvent(.wheelUp, at: b)),
        ]
        let run = try await WorkstationHarness.run(events, size: size, service: Self.service(database), annotator: "alice",
                                                   initialActions: [.openStudy("SYN-0003")])
        let reading = try #require(run.final.reading)
        let facts = try #require(reading.details?.views[.rightCC])
        let placement = ViewPlacement.single(view: .rightCC, facts: facts, zoom: ZoomState(), cells: area.size,
                                             geometry: Self.service(database).graphics.raster(for: CellArea(columns: area.width, rows: area.height)))
        func stored(_ p: Point) -> PixelPoint {
            let s = placement.storedPoint(atCell: Point(x: p.x - area.x, y: p.y - area.y))
            return PixelPoint(x: s.x.rounded(), y: s.y.rounded())
        }
        let mark = try #require(try Self.marks(database).first)
        #expect(mark.shape == .box(try #require(PixelBox(bounding: [stored(a), stored(b)]))), "\(mark.shape)")
        // The wheel zooms in at the pointer.
        #expect(reading.zoom.step == 1 && reading.annotation?.cursor == stored(b))
    }

    @Test func undoShowsTheMarkItChangesOnItsOwnView() async throws {
        let database = try SampleLibrary.privateDatabase()
        // A box on RCC, moved one step; on LCC, u puts it back and shows RCC with the box selected.
        let run = try await Self.run("Space Right Down Space Enter m Left m 2 u", database: database)
        let reading = try #require(run.final.reading)
        let mark = try #require(try Self.marks(database).first)
        #expect(reading.layout == .single(.rightCC))
        #expect(reading.annotation?.selectedID == mark.id && reading.annotation?.redo.map(\.label) == ["move"])
    }

    @Test func theNoteTakesLettersAfterASpace() {
        var form = AnnotationForm(mark: Annotation(id: "a", studyInstanceUID: "s", sopInstanceUID: "i", view: "RCC",
                                                   shape: .point(PixelPoint(x: 1, y: 1)), category: .mass, annotator: "x", createdAt: "2026-01-02T03:04:05Z"))
        for key: Key in [.down, .down, .down, .character(" "), .character("a"), .character(" "), .character(" "), .character("b"),
                         .character("\u{1B}"), .character("c")] {
            _ = form.handle(key)
        }
        #expect(form.note == " a  bc")
        #expect(form.applied(to: Annotation(id: "a", studyInstanceUID: "s", sopInstanceUID: "i", view: "RCC", shape: .point(PixelPoint(x: 1, y: 1)),
                                            category: .mass, annotator: "x", createdAt: "2026-01-02T03:04:05Z")).note == "a bc")
    }

    @Test func inSixelACursorStepSendsNoImageAndRulersShowTheCursor() async throws {
        let database = try SampleLibrary.privateDatabase()
        let service = ReadingService(library: database, graphics: SampleLibrary.graphics(.sixel), theme: .builtIn)
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("Right Right l j"), mode: .sixel, service: service,
                                                   annotator: "alice", initialActions: [.openStudy("SYN-0003")])
        let cursor = try #require(run.final.reading?.annotation?.cursor)
        #expect(cursor != PixelPoint(x: 416, y: 512), "the cursor moved")
        #expect(run.final.reading?.picture?.key.annotations?.cursor == nil, "the cursor is not drawn into a sixel picture")
        // The four cursor steps: no image sent, only the rulers and the panel's text.
        #expect(run.frames.dropLast(4).contains { !$0.sentImages.isEmpty }, "the picture itself was sent before the steps")
        let steps = run.frames.suffix(4)
        #expect(steps.count == 4 && steps.allSatisfy { $0.sentImages.isEmpty }, "\(steps.map(\.sentImages.count))")
        #expect(run.screen.contains("▼") && run.screen.contains("◀"))
    }

    @Test func aReaderStudySessionCannotAnnotate() async throws {
        let database = try SampleLibrary.privateDatabase()
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("/ 0003 Enter Enter A"), service: Self.service(database),
                                                   session: ReadingSession(readingProtocol: .unaided, showsTruth: false))
        #expect(run.final.reading?.annotation == nil)
        #expect(run.screen.contains("Annotation is off in a reading session"))
    }

    @Test func everyAnnotationKeyIsInHelp() {
        let help = AnnotationKeymap.helpSections.flatMap(\.hints).map(\.keys).joined(separator: " ")
        for binding in AnnotationKeymap.bindings {
            #expect(help.contains(binding.label), "\(binding.label) missing from help")
            #expect(binding.keys.count == binding.commands.count, "\(binding.label): keys and commands differ in number")
        }
    }
}
