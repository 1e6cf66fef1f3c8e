// Reads the project's own annotation JSON (`mammoterm export annotations --format json`) back into
// marks, for the end-to-end test's comparisons.
import Foundation
import MammoCore

enum AnnotationExportReader {
    struct File: Decodable {
        var format: String
        var version: Int
        var annotations: [Annotation]
    }

    static func marks(_ url: URL) throws -> [Annotation] {
        let file = try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
        guard file.format == "mammoterm-annotations", file.version == 1 else {
            throw TmuxDriver.Failure(message: "\(url.lastPathComponent): format \(file.format) v\(file.version)")
        }
        return file.annotations
    }
}
