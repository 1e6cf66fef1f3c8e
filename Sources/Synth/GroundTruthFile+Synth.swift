// The generator's side of Study's GroundTruthFile: a rendered view's lesion outline in the
// file's rounding.
import MammoCore
import Study

extension GroundTruthFile.LesionView {
    /// Rounds to 1/100 pixel: enough for truth, and keeps the file small and stable.
    init(annotation: LesionViewAnnotation) {
        func r(_ v: Double) -> Double { (v * 100).rounded() / 100 }
        let points = annotation.outline.map { [r($0.x), r($0.y)] }
        let b = annotation.box
        self.init(box: PixelBox(x: r(b.x), y: r(b.y), width: r(b.width), height: r(b.height)), outline: points)
    }
}
