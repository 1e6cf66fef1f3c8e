@testable import Archive
import Foundation
import Testing

struct DicomWebZZMemoryProbe {
    func hwm() -> Int {
        let text = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
        }
        return 0
    }
    @Test func probe() throws {
        let chunk = Data(repeating: 0x41, count: 1 << 20)
        let server = try DicomWebTestHTTPServer { request, connection in
            guard request.target.contains("/studies/1.2.3") && !request.target.contains("?") else {
                connection.send("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n"); return
            }
            connection.send("HTTP/1.1 200 OK\r\nContent-Type: multipart/related; boundary=b\r\nConnection: close\r\n\r\n")
            for _ in 0..<3 {
                connection.send("--b\r\nContent-Type: application/dicom\r\n\r\n")
                for _ in 0..<150 { connection.send(chunk) }
                connection.send("\r\n")
            }
            connection.send("--b--\r\n")
        }
        defer { server.stop() }
        let before = hwm()
        let spool = ProcessInfo.processInfo.environment["PROBE_SPOOL"] ?? dicomWebSpool()
        defer { try? FileManager.default.removeItem(atPath: spool) }
        let t0 = Date()
        let node = PacsNode(name: "f", host: "127.0.0.1", port: 1, aet: "X", dicomweb: server.baseURL)
        let counts = try DicomWebConnection(node: node).retrieve(RetrieveRequest(studyInstanceUID: "1.2.3"), spool: spool, sink: ClosureSink { _ in usleep(1_500_000); return .refused("probe") }, progress: { _ in }, cancel: CancellationFlag())
        print("PROBE failed=\(counts.failed) \(counts.failures) hwm before=\(before) KB after=\(hwm()) KB in \(Date().timeIntervalSince(t0)) s")
    }
}
