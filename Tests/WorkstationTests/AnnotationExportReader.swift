// Reads the project's own annotation JSON (`mammoterm export annotations --format json`, format
// documented in Sources/Study/Annotations/AnnotationsJSON.swift) with plain JSONSerialization, as
// another tool would, for the end-to-end test's comparisons.
import Foundation
import MammoCore
import TerminalTestSupport

enum AnnotationExportReader {
    struct Mark {
        var sopInstanceUID: String
        var view: String
        var shape: AnnotationShape?
        var category: String
        var annotator: String
        var lesionID: String?
        var acceptedBy: String?
    }

    static func marks(_ url: URL) throws -> [Mark] {
        let root = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
        guard root["format"] as? String == "mammoterm-annotations", root["version"] as? Int == 1 else {
            throw TerminalTestError("\(url.lastPathComponent) is not mammoterm-annotations version 1")
        }
        return (root["annotations"] as? [[String: Any]] ?? []).map { a in
            let s = a["shape"] as? [String: Any] ?? [:]
            func n(_ key: String) -> Double? { (s[key] as? NSNumber)?.doubleValue }
            var shape: AnnotationShape?
            if let x = n("x"), let y = n("y") {
                switch s["type"] as? String {
                case "box": shape = n("width").flatMap { w in n("height").map { .box(PixelBox(x: x, y: y, width: w, height: $0)) } }
                case "ellipse": shape = n("width").flatMap { w in n("height").map { .ellipse(PixelBox(x: x, y: y, width: w, height: $0)) } }
                case "point": shape = .point(PixelPoint(x: x, y: y))
                default: break
                }
            }
            return Mark(sopInstanceUID: a["sopInstanceUID"] as? String ?? "", view: a["view"] as? String ?? "", shape: shape,
                        category: a["category"] as? String ?? "", annotator: a["annotator"] as? String ?? "",
                        lesionID: a["lesionID"] as? String, acceptedBy: a["acceptedBy"] as? String)
        }
    }
}
