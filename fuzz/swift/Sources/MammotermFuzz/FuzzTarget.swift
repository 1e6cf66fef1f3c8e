// The Swift fuzz targets, one per input format family; each hands the bytes to the project's
// own parsers and checks what their callers rely on.
import Foundation
import MammoCore
import Study
import TermGraphics
import Workstation

enum FuzzTarget: String, CaseIterable {
    /// Terminal replies to the capability probe, then the capabilities and graphics choice built from them.
    case reply
    /// config.toml and theme files (TOMLKit, then every key checked).
    case toml
    /// JSON imports: mammoterm's annotations JSON, COCO, AI results.
    case json
    /// CSV imports: VinDr findings, CBIS-DDSM cases, ground truth, scored samples.
    case csv

    static let selected: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["MT_FUZZ_TARGET"] ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            let names = allCases.map(\.rawValue).joined(separator: ", ")
            FileHandle.standardError.write(Data("MT_FUZZ_TARGET must be one of \(names) (got \"\(name)\")\n".utf8))
            exit(2)
        }
        return target
    }()

    func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        switch self {
        case .reply: FuzzReply.run(Array(bytes))
        case .toml: FuzzTOML.run(String(decoding: bytes, as: UTF8.self))
        case .json: FuzzJSON.run(Data(buffer: bytes))
        case .csv: FuzzCSV.run(String(decoding: bytes, as: UTF8.self))
        }
    }
}
