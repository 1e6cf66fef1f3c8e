// `mammoterm info FILE... [--json]`: the mammography facts derived from each file, or the
// reason a file cannot be read; one bad file never hides the others.
import ArgumentParser
import DICOM
import Foundation
import Imaging
import MammoCore

struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info", abstract: "Show the derived mammography attributes of DICOM files."
    )

    @Argument(help: "DICOM files.") var files: [String]
    @Flag(help: "Print a JSON array, one object per file.") var json = false

    /// One file's facts. Field names are a contract for scripts: add, don't rename.
    struct FileFacts: Codable {
        struct Window: Codable { var center: Double; var width: Double; var function: String; var source: String }
        var path: String
        var error: String?
        var side: String?
        var view: String?
        var viewKey: String?
        var sideSource: String?
        var viewSource: String?
        var presentationIntent: String?
        var rows: Int?
        var columns: Int?
        var bitsStored: Int?
        var photometric: String?
        var transferSyntax: String?
        var transferSyntaxName: String?
        var window: Window?
        var patientOrientation: [String]?
        var imagerPixelSpacing: [Double]?
        var implantPresent: Bool?
        var sopClassUID: String?
    }

    func run() throws {
        let facts = files.map(Self.facts(path:))
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            // The header read refuses non-finite values; this keeps one file from ever emptying the output.
            encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
            print(String(decoding: try encoder.encode(facts), as: UTF8.self))
        } else {
            for fact in facts { print(Self.text(fact)) }
        }
        if facts.contains(where: { $0.error != nil }) { throw ExitCode(1) }
    }

    static func facts(path: String) -> FileFacts {
        var f = FileFacts(path: PrintableText.clean(path))
        do {
            let header = try DicomHeaderReader.read(path: path)
            f.side = header.side?.rawValue
            f.view = header.view?.rawValue
            f.viewKey = header.viewKey?.label
            f.sideSource = header.sideWithSource?.source.rawValue
            f.viewSource = header.viewWithSource?.source.rawValue
            f.presentationIntent = header.presentationIntentType.isEmpty ? nil : header.presentationIntentType
            f.rows = header.rows
            f.columns = header.columns
            f.bitsStored = header.bitsStored
            f.photometric = header.photometricInterpretation
            f.transferSyntax = header.transferSyntaxUID
            f.transferSyntaxName = TransferSyntax.name(header.transferSyntaxUID)
            f.patientOrientation = header.patientOrientation.isEmpty ? nil : header.patientOrientation
            f.imagerPixelSpacing = header.spacing.map { [$0.row, $0.column] }
            f.implantPresent = header.implantPresent
            f.sopClassUID = header.sopClassUID
            if let window = header.windows.first {
                f.window = .init(center: window.center, width: window.width, function: header.voiLUTFunction.rawValue, source: "file")
            } else if !header.voiLUTs.isEmpty {
                f.window = nil
            } else {
                // No window in the file: the one the viewer would pick from the breast's histogram.
                let image = try DicomPixelReader.read(path: path)
                let p = header.grayscalePresentation
                let modality = ModalityTransform.apply(image.stored, p)
                let size = AreaDownsample.fittingSize(width: modality.width, height: modality.height, maxWidth: 1024, maxHeight: 1024)
                let auto = AutoWindow.compute(AreaDownsample.resize(modality, to: size), monochrome1: p.monochrome1)
                f.window = .init(center: auto.center, width: auto.width, function: "LINEAR", source: "histogram")
            }
        } catch {
            f.error = "\(error)"
        }
        return f
    }

    static func text(_ f: FileFacts) -> String {
        if let error = f.error { return "\(f.path)\n  error: \(error)" }
        var lines = [f.path]
        func add(_ label: String, _ value: String?) {
            lines.append("  " + label.padding(toLength: 20, withPad: " ", startingAt: 0) + (value ?? "-"))
        }
        add("view", f.viewKey.map { "\($0)" } ?? "unknown")
        add("side", f.side.map { "\($0) (from \(f.sideSource ?? "?"))" })
        add("projection", f.view.map { "\($0) (from \(f.viewSource ?? "?"))" })
        add("presentation intent", f.presentationIntent)
        add("size", "\(f.columns ?? 0) x \(f.rows ?? 0), \(f.bitsStored ?? 0) bits stored, \(f.photometric ?? "")")
        add("transfer syntax", "\(f.transferSyntaxName ?? "") (\(f.transferSyntax ?? ""))")
        add("window", f.window.map { "centre \(format($0.center)) width \(format($0.width)) \($0.function) (\($0.source))" } ?? "VOI LUT")
        add("orientation", f.patientOrientation?.joined(separator: "\\"))
        add("pixel spacing (mm)", f.imagerPixelSpacing.map { $0.map(format).joined(separator: " x ") })
        add("implant", f.implantPresent.map { $0 ? "yes" : "no" })
        return lines.joined(separator: "\n")
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.3f", value)
    }
}
