// The annotation model: region IoU (boxes exact, ellipses sampled), containment, agreement pairing
// (greedy by IoU, each mark used once, same annotator never paired) and validation.
import MammoCore
import Testing

@Suite("Annotation model")
struct AnnotationModelTests {
    static func mark(_ id: String, _ shape: AnnotationShape, annotator: String = "a", sop: String = "1.2.1") -> Annotation {
        Annotation(id: id, studyInstanceUID: "1.2", sopInstanceUID: sop, view: "RCC", shape: shape, category: .mass,
                   annotator: annotator, createdAt: "2026-11-27T10:00:00Z")
    }

    @Test func boxIoUIsExact() {
        let a = PixelBox(x: 0, y: 0, width: 10, height: 10), b = PixelBox(x: 5, y: 0, width: 10, height: 10)
        // Overlap 5x10 = 50, union 150.
        #expect(AnnotationAgreement.iou(.box(a), .box(b)) == 50.0 / 150.0)
        #expect(AnnotationAgreement.iou(.box(a), .box(a)) == 1)
        #expect(AnnotationAgreement.iou(.box(a), .box(PixelBox(x: 10, y: 0, width: 5, height: 5))) == 0, "touching edges share no area")
    }

    @Test func anEllipseCoversAboutAQuarterPiOfItsBox() {
        let box = PixelBox(x: 100, y: 40, width: 60, height: 30)
        let iou = AnnotationAgreement.iou(.ellipse(box), .box(box))
        #expect(abs(iou - Double.pi / 4) < 0.01, "IoU \(iou)")
        #expect(abs(AnnotationShape.ellipse(box).area - Double.pi / 4 * 1800) < 1e-9)
        #expect(AnnotationAgreement.iou(.ellipse(box), .ellipse(box)) == 1)
    }

    @Test func polygonContainsByTheEvenOddRule() {
        // An L-shaped polygon: the notch at the top right is outside.
        let l = AnnotationShape.polygon([PixelPoint(x: 0, y: 0), PixelPoint(x: 4, y: 0), PixelPoint(x: 4, y: 2),
                                         PixelPoint(x: 8, y: 2), PixelPoint(x: 8, y: 6), PixelPoint(x: 0, y: 6)])
        #expect(l.contains(PixelPoint(x: 1, y: 1)))
        #expect(l.contains(PixelPoint(x: 6, y: 4)))
        #expect(!l.contains(PixelPoint(x: 6, y: 1)))
        #expect(!l.contains(PixelPoint(x: 9, y: 4)))
        #expect(l.area == 40)
        #expect(l.bounds == PixelBox(x: 0, y: 0, width: 8, height: 6))
        #expect(!AnnotationShape.point(PixelPoint(x: 1, y: 1)).contains(PixelPoint(x: 1, y: 1)))
    }

    @Test func pairingIsGreedyByIoUAndUsesEachMarkOnce() {
        // m1 likes t1 best (IoU 8/12) but m2 matches t1 exactly: greedy by IoU gives t1 to m2 and t2
        // to m1 (6/14), where pairing in list order would have given m1 t1 and left m2 the worse t2.
        let m1 = Self.mark("m1", .box(PixelBox(x: 0, y: 0, width: 10, height: 10)))
        let m2 = Self.mark("m2", .box(PixelBox(x: 2, y: 0, width: 10, height: 10)))
        let t1 = Self.mark("t1", .box(PixelBox(x: 2, y: 0, width: 10, height: 10)), annotator: "b")
        let t2 = Self.mark("t2", .box(PixelBox(x: -4, y: 0, width: 10, height: 10)), annotator: "b")
        let pairs = AnnotationAgreement.pairs([m1, m2], against: [t1, t2])
        #expect(pairs.map(\.mark.id) == ["m1", "m2"])
        #expect(pairs.map { $0.other?.id } == ["t2", "t1"])
        #expect(pairs[1].iou == 1)
        #expect(pairs[0].iou == 60.0 / 140.0)
        let s = AnnotationAgreement.summary(pairs)
        #expect(s.agreed == 1 && s.total == 2, "m1-t2 pairs below the 0.5 agreement threshold")
        #expect(s.meanIoU == (1 + 60.0 / 140.0) / 2)
    }

    @Test func marksOfTheSameAnnotatorOrAnotherImageNeverPair() {
        let a = Self.mark("a1", .box(PixelBox(x: 0, y: 0, width: 10, height: 10)))
        let same = Self.mark("a2", .box(PixelBox(x: 0, y: 0, width: 10, height: 10)))
        let elsewhere = Self.mark("b1", .box(PixelBox(x: 0, y: 0, width: 10, height: 10)), annotator: "b", sop: "1.2.2")
        let pairs = AnnotationAgreement.pairs([a], against: [same, elsewhere])
        #expect(pairs.count == 1 && pairs[0].other == nil && pairs[0].iou == nil)
        #expect(AnnotationAgreement.summary(pairs).agreed == 0)
    }

    @Test func pointsPairByDistanceWithinTheRadius() {
        let p = Self.mark("p", .point(PixelPoint(x: 10, y: 10)))
        let near = Self.mark("n", .point(PixelPoint(x: 13, y: 14)), annotator: "b")
        let far = Self.mark("f", .point(PixelPoint(x: 100, y: 10)), annotator: "c")
        let pairs = AnnotationAgreement.pairs([p], against: [far, near], pointRadius: 10)
        #expect(pairs[0].other?.id == "n" && pairs[0].distance == 5 && pairs[0].iou == nil)
    }

    @Test(arguments: [
        (AnnotationShape.box(PixelBox(x: 0, y: 0, width: 0, height: 5)), "positive width and height"),
        (.polygon([PixelPoint(x: 0, y: 0), PixelPoint(x: 1, y: 1)]), "at least 3 vertices"),
        (.box(PixelBox(x: 30, y: 0, width: 5, height: 5)), "outside the 32 x 24 image"),
        (.point(PixelPoint(x: .nan, y: 1)), "not a finite point"),
    ])
    func badShapesAreRefusedWithTheReason(shape: AnnotationShape, reason: String) {
        #expect(throws: AnnotationError.self) { try Self.mark("x", shape).validate(imageSize: PixelSize(width: 32, height: 24)) }
        do { try Self.mark("x", shape).validate(imageSize: PixelSize(width: 32, height: 24)) } catch {
            #expect(error.field == "shape" && error.reason.contains(reason), "\(error)")
        }
    }

    @Test func badFieldsAreRefusedWithTheField() {
        var m = Self.mark("x", .box(PixelBox(x: 0, y: 0, width: 5, height: 5)))
        #expect(throws: Never.self) { try m.validate(imageSize: PixelSize(width: 32, height: 24)) }
        // A view is a type: text that is not a label is refused where it is read.
        #expect(throws: AnnotationError(field: "view", reason: "\"XCC\" is not a view label such as RCC or LMLO")) { try Annotation.view("XCC") }
        #expect(throws: AnnotationError(field: "createdAt", reason: "\"t\" is not an ISO 8601 time such as 2026-03-14T09:30:00Z")) {
            try Annotation.time("t", field: "createdAt")
        }
        m.annotator = "eve\u{1B}[2J"
        #expect(throws: AnnotationError(field: "annotator", reason: "must be printable text, not empty")) { try m.validate() }
        m.annotator = "a"; m.note = "bell\u{07}"
        #expect((try? m.validate()) == nil)
        #expect(Annotation.cleanNote(" bell\u{07} \u{1B}[31mred ") == "bell [31mred")
        m.note = String(repeating: "n", count: Annotation.noteLimit + 1)
        #expect((try? m.validate()) == nil)
        m.note = ""; m.id = ""
        #expect(throws: AnnotationError(field: "id", reason: "is empty")) { try m.validate() }
    }

    @Test func categoriesAndPathologiesReadTheDatasetsNames() {
        #expect(FindingCategory(name: "Suspicious Calcification") == .calcificationCluster)
        #expect(FindingCategory(name: "CALCIFICATION") == .calcificationCluster)
        #expect(FindingCategory(name: "Focal Asymmetry") == .asymmetry)
        #expect(FindingCategory(name: "Skin Thickening") == nil)
        #expect(FindingCategory.allCases.map(\.vindrName) == ["Mass", "Suspicious Calcification", "Architectural Distortion", "Asymmetry"])
        #expect(Pathology(name: "BENIGN_WITHOUT_CALLBACK") == .benignWithoutCallback)
        #expect(Pathology(name: "MALIGNANT") == .malignant)
        #expect(Pathology(name: "unknown") == nil)
    }
}
