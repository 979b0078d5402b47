// swift-tools-version:6.0
import PackageDescription

// Targets point one way:
//   gptscope → Visualizations → (GPTModel → TensorCore → CBLAS, Tokenization → CEmbeddedData)
//                             → (Charts → CairoKit → CCairo)
//   Visualizations, Training → OutputFolders (may I replace this folder; stage, commit, clean up)
// Only CairoKit imports CCairo; only the gptscope executable imports ArgumentParser and prints.
let package = Package(
    name: "GPTScope",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "gptscope", targets: ["gptscope"]),
        .library(name: "GPTScope", targets: ["TensorCore", "Tokenization", "GPTModel", "Charts", "Visualizations", "OutputFolders"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // MARK: System libraries
        .systemLibrary(
            name: "CCairo",
            pkgConfig: "cairo",
            providers: [.apt(["libcairo2-dev"]), .brew(["cairo"])]
        ),
        // zlib for CairoKit's own fast PNG encoder (libcairo2-dev already pulls it in).
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]),
        .systemLibrary(
            name: "CBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"]), .brew(["openblas"])]
        ),
        // Data compiled into the binary with C23 #embed, so the tool works from one file.
        .target(
            name: "CEmbeddedData",
            exclude: ["gpt2.tiktoken", "PROVENANCE.md", "DEFAULT_MODEL.md", "default-model"]
        ),

        // MARK: Libraries
        .target(
            name: "TensorCore",
            dependencies: [.target(name: "CBLAS", condition: .when(platforms: [.linux]))],
            swiftSettings: [.unsafeFlags(["-Ounchecked"], .when(configuration: .release))],
            linkerSettings: [.linkedFramework("Accelerate", .when(platforms: [.macOS]))]
        ),
        .target(name: "Tokenization", dependencies: ["CEmbeddedData"]),
        .target(name: "GPTModel", dependencies: ["TensorCore", "Tokenization", "CEmbeddedData"]),
        .target(name: "CairoKit", dependencies: ["CCairo", "CZlib"]),
        .target(name: "Charts", dependencies: ["CairoKit"]),
        .target(name: "OutputFolders"),
        .target(name: "Visualizations", dependencies: ["GPTModel", "Tokenization", "Charts", "OutputFolders"]),
        .target(name: "Training", dependencies: ["GPTModel", "Tokenization", "TensorCore", "OutputFolders"]),

        // MARK: Command-line tool
        .executableTarget(
            name: "gptscope",
            dependencies: [
                "GPTModel", "Tokenization", "Charts", "Visualizations", "TensorCore", "Training", "OutputFolders",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: Tests
        .testTarget(name: "TensorCoreTests", dependencies: ["TensorCore"]),
        .testTarget(name: "TokenizationTests", dependencies: ["Tokenization"], resources: [.copy("Fixtures")]),
        .testTarget(name: "GPTModelTests", dependencies: ["GPTModel", "TensorCore"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ChartsTests", dependencies: ["Charts", "CairoKit"]),
        .testTarget(name: "VisualizationsTests", dependencies: ["Visualizations"], exclude: ["Fixtures"]),
        .testTarget(name: "TrainingTests", dependencies: ["Training", "GPTModel", "TensorCore", "Tokenization"], resources: [.copy("Fixtures")]),
        .testTarget(name: "OutputFoldersTests", dependencies: ["OutputFolders"]),
        .testTarget(name: "GPTScopeCLITests", dependencies: ["gptscope"]),
    ]
)
