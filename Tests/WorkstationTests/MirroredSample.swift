// SYN-0003's current exam stored mirrored left to right (PatientOrientation says so), as some
// systems store one side: the workstation flips these views back, which is what the coordinate
// tests need to cover. Written once per run into a temporary folder, in a library of its own.
import DICOM
import Foundation
import MammoCore
import Store
import Workstation

enum MirroredSample {
    private static let shared = Locked<Database?>(nil)

    static func database() throws -> Database { try SampleLibrary.once(shared, make: make) }

    private static func make() throws -> Database {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mammoterm-mirrored-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let study = "2.25.1\(UInt64.random(in: 1...UInt64.max / 2))"
        var summaries: [ImageSummary] = []
        for (index, view) in ViewKey.screening.enumerated() {
            let source = SampleLibrary.samples + "/SYN-0003/20250426/\(view.label).dcm"
            let image = try DicomPixelReader.read(path: source)
            let h = image.header, stored = image.stored
            var pixels = [UInt16](repeating: 0, count: stored.width * stored.height)
            for y in 0..<stored.height {
                for x in 0..<stored.width {
                    pixels[y * stored.width + (stored.width - 1 - x)] = UInt16(clamping: stored.pixels[y * stored.width + x])
                }
            }
            let window = h.windows.first ?? VOIWindow(center: 2048, width: 4096)
            var m = MammogramMetadata(
                patientID: "MIRROR-0003", patientName: "MIRRORED^SAMPLE", patientBirthDate: h.patientBirthDate,
                studyInstanceUID: study, seriesInstanceUID: study + ".\(index + 1)", sopInstanceUID: study + ".\(index + 1).1",
                studyDate: h.studyDate, studyTime: h.studyTime, studyDescription: "mirrored storage", accessionNumber: "M3",
                seriesNumber: index + 1, instanceNumber: 1, viewKey: view, bitsStored: h.bitsStored,
                pixelSpacing: PixelSpacing(row: 0.28, column: 0.28), windowCenter: window.center, windowWidth: window.width)
            m.mirroredStorage = true
            let path = folder.appendingPathComponent("\(view.label).dcm").path
            try MammogramWriter.write(GrayImage(width: stored.width, height: stored.height, pixels: pixels), metadata: m, to: path)
            summaries.append(try DicomHeaderReader.summary(path: path))
        }
        let database = try Database.inMemory()
        _ = try database.add(summaries)
        return database
    }
}
