// An archive reached over DICOMweb (PS3.18): QIDO-RS to query, WADO-RS to retrieve, STOW-RS to
// send, all relative to the node's base URL (e.g. http://127.0.0.1:8042/dicom-web). Checked
// against Orthanc 1.10 with its DICOMweb plugin 1.7. Synchronous like the protocol: each call
// blocks for at most the node's timeouts between bytes; run it off the UI loop.
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import MammoCore

public struct DicomWebConnection: ArchiveConnection {
    public let node: PacsNode
    /// The base URL without a trailing slash.
    let base: String
    /// Largest STOW-RS request body; a single bigger file goes alone.
    public var maximumBatchBytes: Int64 = 64 << 20

    /// Fails when the node has no http(s) DICOMweb URL.
    public init(node: PacsNode) throws(ArchiveError) {
        guard let url = node.dicomweb else { throw node.error("DICOMweb", "no DICOMweb URL configured for this archive") }
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", url.host != nil else {
            throw node.error("DICOMweb", "DICOMweb URL must be http:// or https:// with a host: \(url.absoluteString)")
        }
        self.node = node
        var text = url.absoluteString
        if let query = text.firstIndex(where: { $0 == "?" || $0 == "#" }) { text = String(text[..<query]) }
        while text.hasSuffix("/") { text.removeLast() }
        base = text
    }

    /// QIDO-RS `GET {base}/studies?limit=1`: the endpoint must answer 200 (or 204) with DICOM JSON.
    public func echo() throws(ArchiveError) {
        let http = HTTPTransfer(node: node, operation: "QIDO-RS")
        let request = try self.request("QIDO-RS", ["studies"], query: [("limit", "1")], accept: "application/dicom+json")
        let (head, body) = try http.collect(request, limit: 16 << 20)
        switch head.status {
        case 204: return
        case 200:
            do { _ = try DicomJSONDataset.parseArray(body) } catch {
                throw http.statusError(head, body: body, url: request.url, hint: "answer is not DICOM JSON: not a DICOMweb endpoint?")
            }
        default:
            throw http.statusError(head, body: body, url: request.url, hint: Self.hint(status: head.status))
        }
    }

    /// What a status usually means for a DICOMweb client.
    static func hint(status: Int) -> String {
        switch status {
        case 404: return "not a DICOMweb endpoint?"
        case 401, 407: return "authentication required"
        case 403: return "access refused"
        case 406: return "the archive cannot answer in the requested media type"
        case 415: return "the archive does not take this media type"
        case 500...599: return "archive-side error"
        default: return ""
        }
    }

    /// A request for `{base}/seg/seg?name=value...` with every path segment and query value percent-encoded.
    func request(_ operation: String, _ path: [String], query: [(String, String)] = [], accept: String,
                 method: String = "GET") throws(ArchiveError) -> URLRequest {
        var text = base + "/" + path.map(Self.percentEncoded).joined(separator: "/")
        let items = query.filter { !$0.1.isEmpty }
        if !items.isEmpty {
            text += "?" + items.map { "\(Self.percentEncoded($0.0))=\(Self.percentEncoded($0.1))" }.joined(separator: "&")
        }
        guard let url = URL(string: text) else { throw node.error(operation, "cannot form a URL from \(base)") }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.setValue(accept, forHTTPHeaderField: "Accept")
        request.setValue("mammoterm", forHTTPHeaderField: "User-Agent")
        return request
    }

    /// Everything but RFC 3986 unreserved characters as %XX (so '&', '=', '+', '#', '/' in a patient ID stay data).
    /// A comma is kept: QIDO-RS uses it to list values (includefield, UID lists).
    static func percentEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: ","):
                out.append(Character(Unicode.Scalar(byte)))
            default:
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }

    /// A UID fit for a URL path and a file name: digits and dots, 1 to 64 characters.
    static func isPlainUID(_ uid: String) -> Bool {
        !uid.isEmpty && uid.utf8.count <= 64 && uid.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E }
    }
}
