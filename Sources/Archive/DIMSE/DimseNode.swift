// A PacsNode as the C networking shim wants it (mt_net_node with C strings that live as long
// as this value), and the turning of a shim failure into the module's ArchiveError.
import CDCMTK
import Foundation
import MammoCore

/// Owns the C strings an mt_net_node points at; use `raw` only while this object lives.
final class DimseNode {
    private(set) var raw: mt_net_node
    private let strings = DimseStrings()

    init(_ node: PacsNode) {
        raw = mt_net_node()
        raw.host = UnsafePointer(strings.keep(node.host))
        raw.port = Int32(clamping: node.port)
        raw.called_aet = UnsafePointer(strings.keep(node.aet))
        raw.calling_aet = UnsafePointer(strings.keep(node.callingAET))
        raw.connect_timeout = node.connectTimeout
        raw.timeout = node.timeout
    }
}

/// What the shim said about a failed call.
struct DimseFailure: Error {
    var result: mt_net_result
    var message: String

    init(_ result: mt_net_result, _ status: mt_status) {
        self.result = result
        self.message = DimseFailure.text(status)
    }

    init(_ result: mt_net_result, message: String) {
        self.result = result
        self.message = message
    }

    var isCancelled: Bool { result == MT_NET_CANCELLED }

    /// The status message as cleaned text (it can quote the peer).
    static func text(_ status: mt_status) -> String {
        var copy = status
        let message = withUnsafeBytes(of: &copy.message) { raw -> String in
            let bytes = raw.prefix { $0 != 0 }
            return String(decoding: bytes, as: UTF8.self)
        }
        let cleaned = PrintableText.clean(message)
        return cleaned.isEmpty ? "unknown error" : cleaned
    }
}

extension PacsNode {
    func error(_ operation: String, _ failure: DimseFailure) -> ArchiveError {
        error(operation, failure.isCancelled ? "cancelled" : failure.message)
    }
}

/// C strings from the shim (attribute values, UIDs): decoded leniently and cleaned.
func dimseText(_ pointer: UnsafePointer<CChar>?) -> String {
    guard let pointer else { return "" }
    return PrintableText.clean(String(decoding: UnsafeRawBufferPointer(start: pointer, count: strlen(pointer)), as: UTF8.self))
}

/// A fixed-size C char array (a tuple) as cleaned text.
func dimseText<T>(tuple: T) -> String {
    var copy = tuple
    return withUnsafeBytes(of: &copy) { raw in
        PrintableText.clean(String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self))
    }
}
