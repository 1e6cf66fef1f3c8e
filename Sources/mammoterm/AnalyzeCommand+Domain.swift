// Whether a view lies inside what the model was made for, by its card's `preprocessing.expects`:
// mammography (MG), the expected size or an integer multiple of it (else resampled), the pixel
// spacing at that size within 15 %, the bit depth and photometric interpretation. Anything else is
// analysed but its score carries the reasons (ai_analysis.outOfDomain), shown everywhere the score is.
import DICOM
import Foundation
import Inference
import MammoCore

extension AnalyzeCommand {
    /// The reasons one view is outside the model's domain (empty: inside it), with the view.
    static func domainProblems(_ key: ViewKey, header: DicomHeader, storedSize: PixelSize, resampled: Bool,
                               expects: LesionModelCard.Preprocessing.Expects) -> [(view: ViewKey, problem: String)] {
        var problems: [String] = []
        let modality = PrintableText.clean(header.modality)
        if modality != "MG" { problems.append("modality \(modality.isEmpty ? "missing" : modality), not MG") }
        if resampled {
            problems.append("\(storedSize.width)x\(storedSize.height) resampled to \(expects.columns)x\(expects.rows)")
        }
        if let expected = expects.pixelSpacingMM {
            if let spacing = header.imagerPixelSpacing ?? header.pixelSpacing {
                // The spacing at the model's size: stored spacing times how many stored pixels make one of its pixels.
                let atModelSize = spacing.column * Double(storedSize.width) / Double(expects.columns)
                if abs(atModelSize - expected) > 0.15 * expected {
                    problems.append(String(format: "pixel spacing %.3g mm at the model's size, not %.3g", atModelSize, expected))
                }
            } else {
                problems.append("no pixel spacing in the header")
            }
        }
        if header.bitsStored != expects.bitsStored { problems.append("\(header.bitsStored) bits stored, not \(expects.bitsStored)") }
        if let photometric = expects.photometricInterpretation, header.photometricInterpretation != photometric {
            problems.append("\(PrintableText.clean(header.photometricInterpretation)), not \(photometric)")
        }
        return problems.map { (key, $0) }
    }

    /// One line for the exam, each reason once with the views it holds for ("RCC, LCC: 16 bits
    /// stored, not 12; RCC: 2864x4560 resampled to 832x1024"), or nil when every view is inside the domain.
    /// `views`: every view analysed ("all views" when a reason holds for each).
    static func outOfDomain(_ problems: [(view: ViewKey, problem: String)], views analysedViews: [ViewKey]) -> String? {
        guard !problems.isEmpty else { return nil }
        var order: [String] = []
        var views: [String: [String]] = [:]
        for (view, problem) in problems {
            if views[problem] == nil { order.append(problem) }
            views[problem, default: []].append(view.label)
        }
        return order.map { problem in
            let held = views[problem, default: []]
            return "\(held.count == analysedViews.count && held.count > 1 ? "all views" : held.joined(separator: ", ")): \(problem)"
        }.joined(separator: "; ")
    }
}
