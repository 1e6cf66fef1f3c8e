// Where each lesion of `findings` is, as a report says it: "location": {"side", "clock",
// "depth", "nippleDistanceMM", "aspect"} (LesionLocation). The nipple and chest wall are found
// on each view's pixels, so the files are decoded; a view that cannot be read gives its lesions
// the side only, with the reason on standard error.
import DICOM
import Foundation
import MammoCore
import Workstation

extension FindingsCommand {
    /// Each view's breast frame, from its decoded file (the header's spacing where read).
    static func frames(_ images: [ImageSummary], spacings: [ViewKey: PixelSpacing], views: Set<ViewKey>) -> [ViewKey: BreastFrame] {
        var out: [ViewKey: BreastFrame] = [:]
        for image in images {
            guard let key = image.viewKey, views.contains(key), out[key] == nil else { continue }
            do {
                let view = try DecodedView.decode(path: image.path, as: key, detail: 0)
                if let frame = view.overview.breastFrame(spacing: spacings[key]) { out[key] = frame }
            } catch {
                FileHandle.standardError.write(Data("mammoterm: \(key.label): no location for its lesions: \(PrintableText.clean(String(describing: error)))\n".utf8))
            }
        }
        return out
    }
}
