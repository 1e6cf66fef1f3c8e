// `mammoterm annotate [STUDY] --annotator NAME`: the workstation as an annotation tool. Every
// study opens in annotation mode (boxes, ellipses, polygons and points in stored-image pixels,
// labels, CC–MLO links, undo), each mark saved to the library as it is made; V reviews every
// annotator's marks with their agreement. Export with `mammoterm export annotations`.
import ArgumentParser
import Foundation
import MammoCore
import Workstation

struct AnnotateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annotate",
        abstract: "Label lesions on the images: draw, label, link across views, review annotators' agreement.",
        discussion: """
            STUDY is a Study Instance UID, a patient id (that patient's latest study), or the start or end of a UID only one study has; \
            without it the worklist opens and any study opened is annotated. Keys: ? shows them all. \
            Marks are stored in original image pixels and saved as they are made. \
            Research and demonstration only; not for diagnosis.
            """)

    @Argument(help: "The study to annotate (UID, patient id, or a unique start or end of a UID).") var study: String?
    @Option(help: "Who is annotating: recorded with every mark (default: --reader, config `reader`, else the login name).")
    var annotator: String?
    @OptionGroup var options: WorkstationOptions

    func validate() throws {
        for (flag, value) in [("--annotator", annotator), ("--reader", options.reader)] {
            if let value, value.isEmpty || PrintableText.clean(value) != value {
                throw ValidationError("\(flag) must be printable text, not empty")
            }
        }
    }

    func run() async throws {
        try await WorkstationCommand.launch(options, annotating: true, annotator: annotator, openStudy: study) { _, _ in
            // The reading screen of an annotation session shows everything (AI and synthetic truth overlays: a, o).
            ReadingSession(readingProtocol: .concurrent, showsTruth: true)
        }
    }
}
