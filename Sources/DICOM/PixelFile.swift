// A file read at offsets (pread), for the pixel-data check: no buffering, no whole-file reads.
import Foundation
import MammoCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

#if canImport(Glibc)
private let closeDescriptor = Glibc.close
#else
private let closeDescriptor = Darwin.close
#endif

final class PixelFile {
    private let descriptor: Int32
    let size: Int

    init?(path: String) {
        descriptor = open(FileName.bytes(path), O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            _ = closeDescriptor(descriptor)
            return nil
        }
        size = Int(info.st_size)
    }

    /// Up to `count` bytes at `offset` (fewer at the end of the file), nil on a read error.
    func read(at offset: Int, count: Int) -> [UInt8]? {
        guard offset >= 0, count >= 0 else { return nil }
        let wanted = max(min(count, size - offset), 0)
        guard wanted > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: wanted)
        let got = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, wanted, off_t(offset)) }
        guard got >= 0 else { return nil }
        return Array(bytes.prefix(got))
    }

    func close() { _ = closeDescriptor(descriptor) }
}
