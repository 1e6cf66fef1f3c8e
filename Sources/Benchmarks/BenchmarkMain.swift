// mammoterm-bench: the Swift half of `make bench`. Prints one JSON line per measurement so
// scripts/bench.sh can set it beside the peer (pydicom) measured in the same script.
//   mammoterm-bench headers DIR...        header-only reads of every file, files per second (1 thread, all cores)
//   mammoterm-bench steps FILE            time of each decode step, for finding where time goes
//   mammoterm-bench decode FILE [HEIGHT]  decode + window + downsample to HEIGHT px, best of N
//   mammoterm-bench graphics FILE OUTDIR  sixel / braille / half-block encoders (GraphicsBenchmark.swift)
import DICOM
import Foundation
import Imaging
import MammoCore

@main
enum BenchmarkMain {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard let mode = arguments.first else { usage() }
        switch mode {
        case "headers": headers(Array(arguments.dropFirst()))
        case "steps": steps(arguments[1])
        case "decode":
            guard arguments.count >= 2 else { usage() }
            decode(arguments[1], height: arguments.count > 2 ? Int(arguments[2]) ?? 1000 : 1000)
        case "graphics": GraphicsBenchmark.run(Array(arguments.dropFirst()))
        default: usage()
        }
    }

    static func usage() -> Never {
        FileHandle.standardError.write(Data("usage: mammoterm-bench headers DIR... | decode FILE [HEIGHT] | graphics FILE OUTDIR\n".utf8))
        exit(2)
    }

    static func files(in roots: [String]) -> [String] {
        var result: [String] = []
        for root in roots {
            guard let walker = FileManager.default.enumerator(atPath: root) else { continue }
            for case let relative as String in walker where relative.hasSuffix(".dcm") {
                result.append(root + "/" + relative)
            }
        }
        return result.sorted()
    }

    /// One thread, and then every core as `mammoterm import` reads headers.
    static func headers(_ roots: [String]) {
        let paths = files(in: roots)
        let threads = ProcessInfo.processInfo.activeProcessorCount
        for workers in Set([1, threads]).sorted() {
            var best = Double.infinity
            let readable = LockedCount()
            for _ in 0..<5 {
                readable.reset()
                let start = DispatchTime.now().uptimeNanoseconds
                DispatchQueue.concurrentPerform(iterations: workers) { worker in
                    var ok = 0
                    for index in stride(from: worker, to: paths.count, by: workers)
                    where (try? DicomHeaderReader.read(path: paths[index])) != nil { ok += 1 }
                    readable.add(ok)
                }
                best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
            print(#"{"measure": "headers", "threads": \#(workers), "files": \#(paths.count), "readable": \#(readable.value), "seconds": \#(best), "filesPerSecond": \#(Double(paths.count) / best)}"#)
        }
    }

    static func steps(_ path: String) {
        func time<T>(_ label: String, _ body: () -> T) -> T {
            let start = DispatchTime.now().uptimeNanoseconds
            let r = body()
            print(label, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6, "ms")
            return r
        }
        guard let image = time("read", { try? DicomPixelReader.read(path: path) }) else { return }
        let stored = time("stored", { image.stored })
        let p = image.header.grayscalePresentation
        let size = AreaDownsample.fittingSize(width: stored.width, height: stored.height, maxWidth: .max, maxHeight: 1000)
        let small = time("downsample", { AreaDownsample.resize(stored, to: size) })
        _ = p
        _ = time("auto", { AutoWindow.compute(small) })
    }

    final class LockedCount: @unchecked Sendable {
        private var count = 0
        private let lock = NSLock()
        func add(_ n: Int) { lock.withLock { count += n } }
        func reset() { lock.withLock { count = 0 } }
        var value: Int { lock.withLock { count } }
    }

    static func decode(_ path: String, height: Int) {
        var best = Double.infinity
        var size = PixelSize(width: 0, height: 0)
        for _ in 0..<5 {
            let start = DispatchTime.now().uptimeNanoseconds
            guard let image = try? DicomPixelReader.read(path: path) else { usage() }
            let rendering = DisplayPipeline.render(stored: image.stored, presentation: image.header.grayscalePresentation,
                                                   maxWidth: .max, maxHeight: height)
            size = rendering.image.size
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        print(#"{"measure": "decode", "output": "\#(size.width)x\#(size.height)", "seconds": \#(best)}"#)
    }
}
