// One archive (PACS) as config.toml's `[[pacs]]` entries describe it: where it listens for
// DIMSE, its AE title and ours, an optional DICOMweb base URL, our Storage SCP port for
// C-MOVE, and timeouts. Parsed in Workstation's config reader; used by every archive operation.
import Foundation

public struct PacsNode: Equatable, Sendable, Codable {
    /// Short name used on the command line and in the worklist's `where` column.
    public var name: String
    public var host: String
    public var port: Int
    /// The archive's AE title (the called AE title).
    public var aet: String
    /// Ours (the calling AE title); also the C-MOVE destination the archive must know.
    public var callingAET: String
    /// DICOMweb base URL, e.g. http://127.0.0.1:8042/dicom-web (QIDO-RS, WADO-RS, STOW-RS).
    public var dicomweb: URL?
    /// The port of our own Storage SCP that C-MOVE sends to; nil: C-MOVE is not configured.
    public var storagePort: Int?
    /// Seconds to wait for the TCP connection (and the HTTP connection).
    public var connectTimeout: Double
    /// Seconds to wait for any single response (DIMSE, ACSE, HTTP).
    public var timeout: Double

    public static let defaultCallingAET = "MAMMOTERM"
    public static let defaultConnectTimeout = 5.0
    public static let defaultTimeout = 30.0

    public init(name: String, host: String, port: Int, aet: String, callingAET: String = PacsNode.defaultCallingAET,
                dicomweb: URL? = nil, storagePort: Int? = nil,
                connectTimeout: Double = PacsNode.defaultConnectTimeout, timeout: Double = PacsNode.defaultTimeout) {
        self.name = name
        self.host = host
        self.port = port
        self.aet = aet
        self.callingAET = callingAET
        self.dicomweb = dicomweb
        self.storagePort = storagePort
        self.connectTimeout = connectTimeout
        self.timeout = timeout
    }

    /// An error about this node.
    public func error(_ operation: String, _ reason: String) -> ArchiveError {
        ArchiveError(node: name.isEmpty ? "\(host):\(port)" : name, operation: operation, reason: reason)
    }

    /// AE titles are at most 16 characters of the default repertoire, no backslash, not all spaces (PS3.5 6.2).
    public static func isValidAETitle(_ title: String) -> Bool {
        let trimmed = title.trimmingCharacters(in: .whitespaces)
        return !trimmed.isEmpty && title.count <= 16
            && title.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F && $0 != "\\" }
    }
}
