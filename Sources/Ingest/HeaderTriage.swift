// The first look at a file: an image the library can index (its summary), not DICOM at all,
// or a DICOM file that cannot be used and why. Headers only; pixels are not decoded here.
import DICOM
import Foundation
import MammoCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public enum HeaderTriage {
    public enum Outcome: Sendable {
        case image(ImageSummary)
        /// A structured report (SOP class 1.2.840.10008.5.1.4.1.1.88.*): read for its findings
        /// once the images of the run are in the library.
        case structuredReport(sopClassUID: String)
        /// Not a DICOM file at all (no "DICM" marker, no plausible first tag, no .dcm name).
        case notDICOM
        /// A DICOM file (or a file named as one) that cannot be used, and why.
        case unusable(SkipReason)
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
            guard requireDICOM || ["dcm", "dicom", "dic"].contains(ext) else { return .notDICOM }
            let empty = FileWalk.entry(path)?.size == 0
            return .unusable(SkipReason(.notDICOM, empty ? "empty file (0 bytes): not a DICOM file" : "not a DICOM file (no DICM marker)"))
        }
        do {
            let header = try DicomHeaderReader.unchecked(path: path)
            if SRDocument.isStructuredReport(sopClassUID: header.sopClassUID) {
                return .structuredReport(sopClassUID: header.sopClassUID)
            }
            try DicomHeaderReader.validate(header)
            return .image(try DicomHeaderReader.summary(of: header))
        } catch {
            return .unusable(SkipReason(error))
        }
    }

    /// PS3.10 files carry "DICM" after a 128-byte preamble; older files without a meta header
    /// start directly with a group 0x0002 or 0x0008 tag (little or big endian).
    public static func looksLikeDICOM(_ path: String) -> Bool {
        let descriptor = open(FileName.bytes(path), O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return true }  // let the reader say why
        defer { close(descriptor) }
        var head = [UInt8](repeating: 0, count: 132)
        let got = head.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, 132) }
        head = Array(head.prefix(max(got, 0)))
        if head.count >= 132, head[128...131].elementsEqual("DICM".utf8) { return true }
        guard head.count >= 8 else { return false }
        let littleEndianGroup = UInt16(head[0]) | UInt16(head[1]) << 8
        let bigEndianGroup = UInt16(head[0]) << 8 | UInt16(head[1])
        return [0x0002, 0x0008].contains(littleEndianGroup) || bigEndianGroup == 0x0008
    }
}
