// How mammoterm talks to a node for one command: DIMSE (C-GET by default, or C-MOVE to our
// Storage SCP) or DICOMweb (QIDO-RS / WADO-RS / STOW-RS). `--via` on the command line.
public enum ArchiveTransport: String, CaseIterable, Sendable {
    /// DIMSE, retrieving with C-GET (no port to open on our side).
    case cget
    /// DIMSE, retrieving with C-MOVE to our Storage SCP on the node's storage_port.
    case cmove
    /// DIMSE for query and send (retrieve with C-GET).
    case dimse
    /// DICOMweb at the node's base URL.
    case dicomweb
}

extension PacsNode {
    /// The connection for `transport`; a DICOMweb or C-MOVE choice the node is not configured for is an error.
    public func connection(via transport: ArchiveTransport) throws(ArchiveError) -> any ArchiveConnection {
        switch transport {
        case .cget, .dimse:
            return DimseConnection(node: self, retrieveMode: .cget)
        case .cmove:
            guard storagePort != nil else {
                throw error("C-MOVE", "no storage_port in its [[pacs]] entry: C-MOVE needs our Storage SCP's port (and the archive must know our AE title \(callingAET) at that port)")
            }
            return DimseConnection(node: self, retrieveMode: .cmove)
        case .dicomweb:
            guard dicomweb != nil else {
                throw error("DICOMweb", "no dicomweb base URL in its [[pacs]] entry (e.g. dicomweb = \"http://\(host):8042/dicom-web\")")
            }
            return try DicomWebConnection(node: self)
        }
    }
}
