// swift-tools-version:6.1
// The Swift fuzz targets (FUZZING.md), built by scripts/fuzz.sh with
// `-sanitize=fuzzer,address` into its own scratch path. The project's modules are not taken
// through the root package (it exports no libraries, and Workstation pulls in GRDB, swift-crypto
// and DCMTK): Sources/ holds symlinks to the project's own source folders and files, so the
// parsers fuzzed here are the project's code, compiled unchanged. Archive and Workstation are
// the few files the TOML readers need (PacsNode, the error types, themes and config).
import PackageDescription

let package = Package(
    name: "MammotermFuzz",
    dependencies: [
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        .systemLibrary(name: "CPNG"),
        .target(name: "MammoCore"),
        .target(name: "Imaging", dependencies: ["MammoCore", "CPNG"]),
        .target(name: "TermGraphics", dependencies: ["MammoCore"]),
        .target(name: "Study", dependencies: ["MammoCore"]),
        .target(name: "Archive", dependencies: ["MammoCore"]),
        .target(
            name: "Workstation",
            dependencies: ["MammoCore", "Imaging", "TermGraphics", "Archive", .product(name: "TOMLKit", package: "TOMLKit")],
            resources: [.copy("Themes")]
        ),
        // libFuzzer supplies main(): the entry is LLVMFuzzerTestOneInput, so no top-level code.
        .executableTarget(
            name: "MammotermFuzz",
            dependencies: ["MammoCore", "TermGraphics", "Study", "Workstation"],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ]
)
