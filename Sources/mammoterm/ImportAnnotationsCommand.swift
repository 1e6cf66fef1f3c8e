// `mammoterm import-annotations --format vindr|cbis|coco|json FILE`: lesion marks from a dataset or
// another mammoterm into the library (formats in Sources/Study/Annotations/ and the README).
// Each bad row is reported (file:line, why) and skipped; the rest are saved.
//
// Re-importing the same file does not duplicate marks: the project's JSON (and COCO written by
// mammoterm) carry ids; VinDr, CBIS-DDSM and outside COCO rows get ids derived from their content
// and the annotator. A mark already in the library with the same content is left as it is
// (acceptance and creation time kept); a changed one is replaced, keeping its creation time and
// acceptance.
import ArgumentParser
import Foundation
import MammoCore
import Store
import Study

struct ImportAnnotationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-annotations",
        abstract: "Import lesion marks: VinDr-Mammo finding CSV, CBIS-DDSM case CSV, COCO JSON or mammoterm's own JSON.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case vindr, cbis, coco, json }

    @Option(help: "vindr (finding_annotations.csv), cbis (mass/calc case description CSV), coco, json (mammoterm-annotations).")
    var format: Format
    @Argument(help: "The file to import.", completion: .file(extensions: ["csv", "json"])) var file: String
    @Option(help: "Annotator name for the marks (default: vindr, cbis-ddsm, coco's own or coco; json: the file's own).")
    var annotator: String?
    @Flag(help: "Accept the imported marks as ground truth (accepted by the annotator name, now).") var accept = false
    @OptionGroup var library: LibraryOptions

    func run() throws {
        let now = Timestamp.now
        if let annotator, annotator.isEmpty || PrintableText.clean(annotator) != annotator {
            FileHandle.standardError.write(Data("mammoterm: --annotator must be printable text, not empty\n".utf8))
            throw ExitCode(1)
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            FileHandle.standardError.write(Data("mammoterm: cannot read \(PrintableText.clean(file))\n".utf8))
            throw ExitCode(1)
        }
        let database = try library.openExisting(hint: "; import the exams first")
        let images = AnnotationImageIndex(try database.studyInstanceUIDs().sorted().flatMap {
            try database.images(studyInstanceUID: $0).map(AnnotationImage.init)
        })
        var result: AnnotationImport
        do {
            let text = String(decoding: data, as: UTF8.self)
            switch format {
            case .vindr:
                result = try VinDrFindingsCSV.parse(text, path: file, images: images, annotator: annotator ?? "vindr", importedAt: now)
            case .cbis:
                result = try Self.cbis(text, path: file, images: images, annotator: annotator ?? "cbis-ddsm", importedAt: now)
            case .coco:
                result = try COCOAnnotations.parse(data, path: file, images: images, annotator: annotator ?? "coco", importedAt: now)
            case .json:
                result = try AnnotationsJSON.parse(data, path: file, images: images, annotator: annotator)
            }
        } catch {
            FileHandle.standardError.write(Data("mammoterm: \(PrintableText.clean(String(describing: error)))\n".utf8))
            throw ExitCode(1)
        }
        // Reasons quote the file's text; cleaned once more as a whole before the terminal sees them.
        for problem in result.problems { FileHandle.standardError.write(Data("skipped \(PrintableText.clean(problem.description))\n".utf8)) }

        let existing = Dictionary(try database.annotations().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var toSave: [Annotation] = []
        var added = 0, updated = 0, unchanged = 0, accepted = 0
        for var mark in result.annotations {
            if let old = existing[mark.id] {
                var same = mark
                same.createdAt = old.createdAt; same.modifiedAt = old.modifiedAt
                same.acceptedBy = old.acceptedBy; same.acceptedAt = old.acceptedAt
                if same == old && !(accept && !old.isAccepted) { unchanged += 1; continue }
                if same == old { mark = old } else {
                    mark.createdAt = old.createdAt
                    if mark.acceptedBy == nil { mark.acceptedBy = old.acceptedBy; mark.acceptedAt = old.acceptedAt }
                    updated += 1
                }
            } else {
                added += 1
            }
            if accept && !mark.isAccepted { mark.acceptedBy = mark.annotator; mark.acceptedAt = now; accepted += 1 }
            toSave.append(mark)
        }
        try database.saveAnnotations(toSave)
        let imageCount = Set(result.annotations.map(\.sopInstanceUID)).count
        print("Imported \(result.annotations.count) marks on \(imageCount) images from \(PrintableText.clean(file)): "
              + "\(added) added, \(updated) updated, \(unchanged) unchanged\(accept ? ", \(accepted) newly accepted as ground truth" : "").")
        if !result.problems.isEmpty { print("Skipped \(result.problems.count) rows with problems (listed above).") }
        if let quiet = result.skippedOnPurpose { print("Not imported: \(quiet).") }
        // Any row skipped is a non-zero exit (the marks that were fine are saved): scripts can tell.
        if !result.problems.isEmpty { throw ExitCode(1) }
    }
}
