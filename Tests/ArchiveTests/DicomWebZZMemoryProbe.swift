@testable import Archive
import Foundation
import Testing

struct DicomWebZZMemoryProbe {
    @Test func probe() throws {
        let chunk = Data(repeating: 0x41, count: 1 << 20)
        var reader = MultipartReader(boundary: "b")
        let t0 = Date()
        try reader.feed(Data("--b\r\n\r\n".utf8)) { _ in }
        var n = 0
        for _ in 0..<450 { try reader.feed(chunk) { if case .partData(let d) = $0 { n += d.count } } }
        let t1 = Date()
        let fh = FileHandle(forWritingAtPath: "/dev/null")!
        for _ in 0..<450 { try fh.write(contentsOf: chunk) }
        print("PROBE reader \(t1.timeIntervalSince(t0)) s for \(n >> 20) MB; write \(Date().timeIntervalSince(t1))")
    }
}
