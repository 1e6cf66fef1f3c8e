// CBIS-DDSM rows into marks: the library image each row means, and its box from the row's
// xmin..ymax or from the ROI mask DICOM (paths relative to the CSV's folder). CBIS-DDSM's CSVs are
// known to swap the ROI mask and cropped image paths on some rows: when the mask's size is not the
// image's, the cropped image path is tried as the mask.
import DICOM
import Foundation
import MammoCore
import Study

extension ImportAnnotationsCommand {
    static func cbis(_ text: String, path: String, images: AnnotationImageIndex, annotator: String,
                     importedAt: Timestamp) throws(StudyError) -> AnnotationImport {
        let (cases, problems) = try CBISDDSMCaseCSV.parse(text, path: path)
        var result = AnnotationImport()
        result.problems = problems
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        for row in cases {
            func problem(_ reason: String) {
                result.problems.append(StudyError(context: CBISDDSMCaseCSV.context, path: path, line: row.line, reason: reason))
            }
            let image: AnnotationImage
            switch images.image(patientID: row.patientID, key: row.key, seriesHints: row.pathUIDs) {
            case .success(let found): image = found
            case .failure(let error): problem(error.reason); continue
            }
            let box: PixelBox
            switch row.box.map({ Result<PixelBox, AnnotationError>.success($0) }) ?? maskBox(row, folder: folder, image: image) {
            case .success(let b): box = b
            case .failure(let error): problem(error.reason); continue
            }
            let mark = row.annotation(on: image, box: box, annotator: annotator, importedAt: importedAt)
            do { try mark.validate(imageSize: image.size) } catch { problem(error.description); continue }
            result.add(mark)
        }
        return result
    }

    /// The bounds of the non-zero pixels of the row's ROI mask, which must have the image's size.
    static func maskBox(_ row: CBISDDSMCase, folder: URL, image: AnnotationImage) -> Result<PixelBox, AnnotationError> {
        guard !row.roiMaskPath.isEmpty else {
            return .failure(AnnotationError(field: "box", reason: "no xmin, ymin, xmax, ymax and no ROI mask file path"))
        }
        var reasons: [String] = []
        for candidate in [row.roiMaskPath, row.croppedImagePath] where !candidate.isEmpty {
            let file = candidate.hasPrefix("/") ? candidate : folder.appendingPathComponent(candidate).path
            guard FileManager.default.fileExists(atPath: file) else {
                reasons.append("\(PrintableText.clean(candidate)) not found"); continue
            }
            let mask: DicomImage
            do { mask = try DicomPixelReader.read(path: file) } catch {
                reasons.append(PrintableText.clean("\(candidate): \(error)")); continue
            }
            guard mask.width == image.columns, mask.height == image.rows else {
                reasons.append("\(PrintableText.clean(candidate)) is \(mask.width)x\(mask.height) px, the image \(image.columns)x\(image.rows)")
                continue
            }
            guard let box = RegionOfInterestMask.bounds(mask.stored) else {
                reasons.append("\(PrintableText.clean(candidate)) has no non-zero pixel"); continue
            }
            return .success(box)
        }
        return .failure(AnnotationError(field: "box", reason: "no xmin..ymax and no usable ROI mask (\(reasons.joined(separator: "; ")))"))
    }
}
