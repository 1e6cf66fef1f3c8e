// Writes a multipart/related body of application/dicom parts (a STOW-RS request, PS3.18
// 10.5) into a file, copying each DICOM file through in 1 MB pieces, so a batch never sits in
// memory and URLSession can stream the request from disk.
import Foundation

struct MultipartWriter {
    let boundary: String

    init(boundary: String = "mammoterm-\(UUID().uuidString)") { self.boundary = boundary }

    /// `multipart/related; type="application/dicom"; boundary=...`
    var contentType: String { "multipart/related; type=\"application/dicom\"; boundary=\(boundary)" }

    /// Writes the parts to `body`. Returns, for each path in order, nil when written or why it could not be read.
    func write(files: [String], to body: URL) throws(MultipartError) -> [String?] {
        guard FileManager.default.createFile(atPath: body.path, contents: nil, attributes: [.posixPermissions: 0o600]),
              let out = FileHandle(forWritingAtPath: body.path) else {
            throw MultipartError("cannot create the request body file \(body.path)")
        }
        defer { try? out.close() }
        var outcomes: [String?] = []
        do {
            for path in files {
                guard let input = FileHandle(forReadingAtPath: path) else {
                    outcomes.append("cannot open the file")
                    continue
                }
                defer { try? input.close() }
                let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value
                var header = "--\(boundary)\r\nContent-Type: application/dicom\r\n"
                if let size { header += "Content-Length: \(size)\r\n" }
                header += "\r\n"
                let start = try out.offset()
                try out.write(contentsOf: Data(header.utf8))
                var copied: Int64 = 0
                var readFailed = false
                while true {
                    let piece: Data?
                    do { piece = try input.read(upToCount: 1 << 20) } catch { readFailed = true; break }
                    guard let piece, !piece.isEmpty else { break }
                    try out.write(contentsOf: piece)
                    copied += Int64(piece.count)
                }
                if readFailed || (size != nil && size != copied) {
                    // Take the half-copied part back out of the body.
                    try out.truncate(atOffset: start)
                    try out.seek(toOffset: start)
                    outcomes.append(readFailed ? "cannot read the file" : "the file changed while being read")
                    continue
                }
                try out.write(contentsOf: Data("\r\n".utf8))
                outcomes.append(nil)
            }
            try out.write(contentsOf: Data("--\(boundary)--\r\n".utf8))
        } catch {
            throw MultipartError("cannot write the request body: \(error.localizedDescription)")
        }
        return outcomes
    }
}
