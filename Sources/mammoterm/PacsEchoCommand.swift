// `mammoterm pacs echo NAME`: does the archive answer? (C-ECHO; a QIDO-RS request with --via dicomweb.)
import Archive
import ArgumentParser
import Foundation

struct PacsEchoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "echo", abstract: "Check that an archive answers (C-ECHO, or DICOMweb with --via dicomweb); exit 0 when it does.")

    @OptionGroup var options: PacsOptions
    @Argument(help: "The archive's name in config.toml.") var name: String
    @Option(help: "dimse (C-ECHO) or dicomweb.") var via: EchoTransport = .dimse

    enum EchoTransport: String, ExpressibleByArgument, CaseIterable { case dimse, dicomweb }

    func run() throws {
        let node = try options.node(name, in: options.settings())
        let started = Date()
        do throws(ArchiveError) {
            try node.connection(via: via == .dicomweb ? .dicomweb : .dimse).echo()
        } catch {
            PacsCommand.complain(error.description)
            throw ExitCode(1)
        }
        let ms = Date().timeIntervalSince(started) * 1000
        let what = via == .dicomweb ? "DICOMweb (\(node.dicomweb?.absoluteString ?? ""))" : "C-ECHO (\(node.aet) at \(node.host):\(node.port))"
        print("\(node.name): \(what) answered in \(String(format: "%.1f", ms)) ms")
    }
}
