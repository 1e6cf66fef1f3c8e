// swift-tools-version:6.1
// MammoTerm: a mammography reading workstation for the terminal.
// Targets and their one-way dependencies are described in ARCHITECTURE.md.
import PackageDescription

/// DCMTK libraries linked explicitly: DCMTK's pkg-config file drags in sndfile and all 27 libraries.
let dcmtkLibraries: [LinkerSetting] = [
    "dcmsr", "dcmjpls", "dcmtkcharls", "dcmjpeg", "ijg8", "ijg12", "ijg16",
    "dcmimage", "dcmimgle", "dcmnet", "dcmdata", "oflog", "ofstd", "openjp2",
].map { .linkedLibrary($0) }

let package = Package(
    name: "MammoTerm",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "mammoterm", targets: ["mammoterm"]),
        .executable(name: "mammoterm-bench", targets: ["Benchmarks"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
        // SHA-256 for the tamper-evident chain of reader decisions (Store).
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // The shared library of a multi-reader, multi-site study: PostgreSQL (Store).
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // The monitor's figures in Prometheus' text format (Monitor), served by SwiftNIO's HTTP server.
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // C and C++ boundaries: only their Swift wrappers import them.
        .target(
            name: "CDCMTK",
            cxxSettings: [.unsafeFlags(["-Wno-deprecated-declarations"])],
            linkerSettings: dcmtkLibraries + [.linkedLibrary("z"), .linkedLibrary("stdc++")]
        ),
        .systemLibrary(name: "COpenBLAS", path: "Sources/COpenBLAS"),
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses"),
        .systemLibrary(name: "CPNG", path: "Sources/CPNG"),
        // Vector conv kernels (AVX-512 / AVX2, chosen at run time); -O3 even in debug: intrinsics at -O0 crawl.
        .target(name: "CKernels", cSettings: [.unsafeFlags(["-O3"])]),

        .target(name: "MammoCore"),
        .target(name: "DICOM", dependencies: ["CDCMTK", "MammoCore"]),
        .target(name: "Imaging", dependencies: ["MammoCore", "CPNG"]),
        .target(name: "Synth", dependencies: ["MammoCore", "Imaging", "DICOM", "Study"]),
        .target(name: "TermGraphics", dependencies: ["MammoCore"]),
        .target(name: "TUI", dependencies: ["CNcurses", "TermGraphics", "MammoCore"]),
        // ONNX: generated protobuf code (scripts/regenerate-onnx-proto.sh) apart from the engine.
        .target(name: "ONNXProto", dependencies: [.product(name: "SwiftProtobuf", package: "swift-protobuf")]),
        .target(
            name: "Inference",
            dependencies: ["COpenBLAS", "CKernels", "MammoCore", "ONNXProto", .product(name: "SwiftProtobuf", package: "swift-protobuf")],
            // The bundled lesion model, its sidecar and model card (top-level `models` links here).
            resources: [.copy("Models")]
        ),
        .target(name: "Store", dependencies: [
            "MammoCore", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
        ]),
        .target(name: "Study", dependencies: ["MammoCore"]),
        // Watching the deployed model: drift, rates, label-free estimates, control charts, alarms.
        .target(name: "Monitor", dependencies: [
            "MammoCore", "Study", .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ]),
        // DICOM networking: DIMSE through the dcmnet shims in CDCMTK, DICOMweb over HTTP (Foundation).
        .target(name: "Archive", dependencies: ["CDCMTK", "DICOM", "MammoCore"]),
        // The import pipeline (walk, header triage, batched writes) and the library's managed storage,
        // shared by `import`, the archive's retrieves and the Storage SCP.
        .target(name: "Ingest", dependencies: ["Archive", "DICOM", "Store", "MammoCore", .product(name: "Crypto", package: "swift-crypto")]),
        .target(
            name: "Workstation",
            dependencies: [
                "MammoCore", "DICOM", "Imaging", "Store", "Study", "TermGraphics", "TUI", "Archive", "Ingest", "Monitor",
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            resources: [.copy("Themes")]
        ),
        .executableTarget(
            name: "mammoterm",
            dependencies: [
                "MammoCore", "DICOM", "Imaging", "Synth", "Store", "Study", "TermGraphics", "TUI", "Workstation", "Inference",
                "Archive", "Ingest", "Monitor",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // A small TUI demo the TUI tests drive in tmux (and a person can try by hand).
        .executableTarget(name: "TUIDemo", dependencies: ["TUI", "TermGraphics", "MammoCore"]),

        // `make bench`: measured against peers in scripts/bench.sh, never in tests.
        .executableTarget(name: "Benchmarks", dependencies: ["DICOM", "Imaging", "MammoCore", "TermGraphics"]),

        .testTarget(name: "MammoCoreTests", dependencies: ["MammoCore"]),
        .testTarget(name: "DICOMTests", dependencies: ["DICOM", "Imaging", "MammoCore"]),
        .testTarget(name: "ImagingTests", dependencies: ["Imaging", "MammoCore"]),
        .testTarget(name: "SynthTests", dependencies: ["Synth", "DICOM", "Imaging", "MammoCore", "Study"]),
        .testTarget(name: "TermGraphicsTests", dependencies: ["TermGraphics", "MammoCore"]),
        // The test harness shared by the terminal tests: tmux sessions, child processes, tool lookup, whole-buffer checks.
        .target(name: "TerminalTestSupport", dependencies: ["TUI"], path: "Tests/TerminalTestSupport"),
        .testTarget(name: "TUITests", dependencies: ["TUI", "TermGraphics", "MammoCore", "TUIDemo", "CNcurses", "TerminalTestSupport"]),
        // The monitor tests' library: the bundled model's recorded output written through the Store API.
        .target(name: "MonitorTestSupport", dependencies: ["Store", "MammoCore", "Monitor"], path: "Tests/MonitorTestSupport"),
        .testTarget(name: "WorkstationTests", dependencies: ["Workstation", "Archive", "MammoCore", "Imaging", "DICOM", "Store", "Study", "TUI", "TermGraphics", "TerminalTestSupport", "ArchiveTestSupport", "MonitorTestSupport"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "MammoCore", "ArchiveTestSupport"]),
        .testTarget(name: "StudyTests", dependencies: ["Study", "MammoCore"]),
        .testTarget(name: "MonitorTests", dependencies: ["Monitor", "Study", "MammoCore", .product(name: "Prometheus", package: "swift-prometheus")]),
        .testTarget(name: "InferenceTests", dependencies: ["Inference", "ONNXProto", "COpenBLAS", "DICOM", "MammoCore"]),
        .testTarget(name: "CLITests", dependencies: ["mammoterm", "ArchiveTestSupport", "TerminalTestSupport", "MonitorTestSupport"]),
        // Real archive peers for the tests: Orthanc and pynetdicom, started on 127.0.0.1 by the tests themselves.
        .target(name: "ArchiveTestSupport", path: "Tests/ArchiveTestSupport"),
        .testTarget(name: "ArchiveTests", dependencies: ["Archive", "ArchiveTestSupport", "DICOM", "MammoCore"]),
    ],
    cxxLanguageStandard: .cxx17
)
