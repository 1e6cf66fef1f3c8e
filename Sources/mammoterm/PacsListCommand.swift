// `mammoterm pacs list`: the archives config.toml names.
import Archive
import ArgumentParser
import Foundation
import MammoCore

struct PacsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the archives in config.toml.")

    @OptionGroup var options: PacsOptions

    @Flag(help: "A JSON array of the entries.")
    var json = false

    func run() throws {
        let nodes = try options.settings().pacs
        if json {
            struct Entry: Encodable {
                var name, host: String; var port: Int; var aet, callingAET: String
                var dicomweb: String?; var storagePort: Int?; var connectTimeout, timeout: Double
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let entries = nodes.map {
                Entry(name: $0.name, host: $0.host, port: $0.port, aet: $0.aet, callingAET: $0.callingAET, dicomweb: $0.dicomweb?.absoluteString,
                      storagePort: $0.storagePort, connectTimeout: $0.connectTimeout, timeout: $0.timeout)
            }
            print(nodes.isEmpty ? "[]" : String(decoding: try encoder.encode(entries), as: UTF8.self))
            return
        }
        guard !nodes.isEmpty else {
            print("No archives in \(PrintableText.clean(options.configPath)). Add one:\n\n[[pacs]]\nname = \"orthanc\"\nhost = \"127.0.0.1\"\nport = 4242\naet = \"ORTHANC\"")
            return
        }
        let rows = [["NAME", "HOST", "PORT", "AET", "OUR AET", "DICOMWEB", "C-MOVE PORT"]] + nodes.map {
            [$0.name, $0.host, String($0.port), $0.aet, $0.callingAET, $0.dicomweb?.absoluteString ?? "-", $0.storagePort.map(String.init) ?? "-"]
        }
        print(TextColumns.render(rows))
    }
}

/// Plain left-aligned columns, two spaces apart, measured in terminal columns as the worklist's
/// table is (patient names may hold wide characters).
enum TextColumns {
    static func render(_ rows: [[String]]) -> String {
        let width = WorklistCommand.displayWidth
        let widths = (0..<(rows.first?.count ?? 0)).map { column in rows.map { width($0[column]) }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { $1 + String(repeating: " ", count: widths[$0] - width($1)) }.joined(separator: "  ")
                .replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }.joined(separator: "\n")
    }
}
