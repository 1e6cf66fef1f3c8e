// Reading config.toml's `[[pacs]]` entries (one per archive) into PacsNodes:
//
//   [[pacs]]
//   name = "orthanc"                  # short name: `pacs echo orthanc`, the worklist's where column
//   host = "127.0.0.1"
//   port = 4242                       # the archive's DIMSE port
//   aet = "ORTHANC"                   # the archive's AE title (called AE)
//   calling_aet = "MAMMOTERM"         # ours (default MAMMOTERM); C-MOVE's destination
//   dicomweb = "http://127.0.0.1:8042/dicom-web"   # optional: QIDO-RS / WADO-RS / STOW-RS
//   storage_port = 11113              # optional: our Storage SCP for C-MOVE
//   connect_timeout = 5               # optional, seconds (default 5)
//   timeout = 30                      # optional, seconds for any one response (default 30)
//
// Every key is checked with its line, as the top-level keys are.
import Archive
import Foundation
import MammoCore
import TOMLKit

extension WorkstationConfig {
    static let pacsKeys = ["name", "host", "port", "aet", "calling_aet", "dicomweb", "storage_port", "connect_timeout", "timeout"]

    static func parsePacs(_ value: any TOMLValueConvertible, text: String, path: String) throws(WorkstationError) -> [PacsNode] {
        guard let array = value.array else {
            throw WorkstationError(path: path, key: "pacs", line: line(of: "pacs", in: text),
                                   reason: "archives are [[pacs]] entries (double brackets), one per archive")
        }
        var nodes: [PacsNode] = []
        for index in 0..<array.count {
            guard let entry = array[index].table else {
                throw WorkstationError(path: path, key: "pacs", line: line(of: "pacs", in: text), reason: "each pacs entry must be a table")
            }
            let node = try parsePacsEntry(entry, index: index, text: text, path: path)
            if nodes.contains(where: { $0.name == node.name }) {
                throw WorkstationError(path: path, key: "pacs.name", line: pacsLine(of: "name", entry: index, in: text),
                                       reason: "two archives are named \"\(node.name)\"")
            }
            nodes.append(node)
        }
        return nodes
    }

    static func parsePacsEntry(_ table: TOMLTable, index: Int, text: String, path: String) throws(WorkstationError) -> PacsNode {
        func fail(_ key: String, _ reason: String) -> WorkstationError {
            WorkstationError(path: path, key: "pacs.\(key)", line: pacsLine(of: key, entry: index, in: text), reason: reason)
        }
        for key in table.keys where !pacsKeys.contains(key) {
            throw fail(key, "unknown key; a [[pacs]] entry takes \(pacsKeys.joined(separator: ", "))")
        }
        func string(_ key: String, required: Bool) throws(WorkstationError) -> String? {
            guard let value = table[key] else {
                if required { throw fail(key, "missing (each [[pacs]] entry needs name, host, port and aet)") }
                return nil
            }
            guard let s = value.string else { throw fail(key, "must be a string (in quotes)") }
            guard !s.isEmpty, PrintableText.clean(s) == s else { throw fail(key, "must be printable text, not empty") }
            return s
        }
        func port(_ key: String, required: Bool) throws(WorkstationError) -> Int? {
            guard let value = table[key] else {
                if required { throw fail(key, "missing (each [[pacs]] entry needs name, host, port and aet)") }
                return nil
            }
            guard let n = value.int, (1...65535).contains(n) else { throw fail(key, "must be a port number from 1 to 65535") }
            return n
        }
        func seconds(_ key: String) throws(WorkstationError) -> Double? {
            guard let value = table[key] else { return nil }
            guard let n = value.double ?? value.int.map(Double.init), n > 0, n <= 3600 else {
                throw fail(key, "must be a number of seconds above 0 and at most 3600")
            }
            return n
        }
        let name = try string("name", required: true) ?? ""
        guard name.count <= 32, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) else {
            throw fail("name", "use at most 32 letters, digits, '-', '_' or '.' (it is typed on the command line)")
        }
        guard name != "local" else { throw fail("name", "\"local\" is the worklist's name for this library; choose another") }
        let host = try string("host", required: true) ?? ""
        let portNumber = try port("port", required: true) ?? 0
        let aet = try string("aet", required: true) ?? ""
        guard PacsNode.isValidAETitle(aet) else { throw fail("aet", "an AE title is 1 to 16 printable ASCII characters without '\\'") }
        let calling = try string("calling_aet", required: false) ?? PacsNode.defaultCallingAET
        guard PacsNode.isValidAETitle(calling) else { throw fail("calling_aet", "an AE title is 1 to 16 printable ASCII characters without '\\'") }
        var dicomweb: URL?
        if let text = try string("dicomweb", required: false) {
            guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host != nil else {
                throw fail("dicomweb", "must be an http:// or https:// base URL, e.g. http://127.0.0.1:8042/dicom-web")
            }
            dicomweb = url
        }
        return PacsNode(name: name, host: host, port: portNumber, aet: aet, callingAET: calling, dicomweb: dicomweb,
                        storagePort: try port("storage_port", required: false),
                        connectTimeout: try seconds("connect_timeout") ?? PacsNode.defaultConnectTimeout,
                        timeout: try seconds("timeout") ?? PacsNode.defaultTimeout)
    }

    /// The line where `key` is set inside the `entry`-th [[pacs]] block (else the block's own line).
    static func pacsLine(of key: String, entry: Int, in text: String) -> Int? {
        var seen = -1
        var blockLine: Int?
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") {
                if seen == entry { return blockLine }
                if line.replacingOccurrences(of: " ", with: "") == "[[pacs]]" {
                    seen += 1
                    if seen == entry { blockLine = index + 1 }
                }
                continue
            }
            guard seen == entry else { continue }
            let name = line.split(separator: "=", maxSplits: 1).first?.trimmingCharacters(in: .whitespaces)
            if name == key || name == "\"\(key)\"" { return index + 1 }
        }
        return blockLine
    }
}
