// The first look at a file: an image the library can index (its summary), not DICOM at all,
// or a DICOM file that cannot be used and why. Headers only; pixels are not decoded here.
import DICOM
import Foundation
import MammoCore

public enum HeaderTriage {
    public enum Outcome: Sendable {
        case image(ImageSummary)
        /// Not a DICOM file at all (no "DICM" marker, no plausible first tag, no .dcm name).
        case notDICOM
        /// A DICOM file (or a file named as one) that cannot be used, and why.
        case unusable(String)
    }

    /// Reads the headers of `paths` on all cores; results in the same order.
    public static func readAll(_ paths: [String]) -> [Outcome] {
        var outcomes = [Outcome](repeating: .notDICOM, count: paths.count)
        outcomes.withUnsafeMutableBufferPointer { buffer in
            // Each iteration writes only its own slot.
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: paths.count) { index in
                slots[index] = read(paths[index])
            }
        }
        return outcomes
    }

    public static func read(_ path: String, requireDICOM: Bool = false) -> Outcome {
        guard looksLikeDICOM(path) else {
            let ext = (path as NSString).pathExtension.lowercased()
            return requireDICOM || ["dcm", "dicom", "dic"].contains(ext) ? .unusable("not a DICOM file (no DICM marker)") : .notDICOM
        }
        do {
            return .image(try DicomHeaderReader.summary(path: path))
        } catch {
            return .unusable(error.tag.map { "\($0) \(error.reason)" } ?? error.reason)
        }
    }

    /// PS3.10 files carry "DICM" after a 128-byte preamble; older files without a meta header
    /// start directly with a group 0x0002 or 0x0008 tag (little or big endian).
    public static func looksLikeDICOM(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return true }  // let the reader say why
        defer { try? handle.close() }
        let head = [UInt8]((try? handle.read(upToCount: 132)) ?? Data())
        if head.count >= 132, head[128...131].elementsEqual("DICM".utf8) { return true }
        guard head.count >= 8 else { return false }
        let littleEndianGroup = UInt16(head[0]) | UInt16(head[1]) << 8
        let bigEndianGroup = UInt16(head[0]) << 8 | UInt16(head[1])
        return [0x0002, 0x0008].contains(littleEndianGroup) || bigEndianGroup == 0x0008
    }
}
