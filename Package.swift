// swift-tools-version:6.0
import PackageDescription

// Targets point one way:
//   gptscope → Training → GPTModel
//            → Visualizations → Experiments → GPTModel
//            → Visualizations → (Training: the training report reads train-log.json through Training's TrainingLog)
//                             → (GPTModel → TensorCore → CBLAS, Tokenization → CEmbeddedData)
//                             → (Charts → CairoKit → CCairo, CZlib)
// and every library that reads or writes files → FileAccess (file checks, error reasons, text lines).
//   Visualizations, Training → OutputFolders (may I replace this folder; stage, commit, clean up)
// Every target lists each module it imports, so the graph above is the whole truth.
// Only CairoKit imports CCairo; only the gptscope executable imports ArgumentParser and prints.
let package = Package(
    name: "GPTScope",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "gptscope", targets: ["gptscope"]),
        .library(name: "GPTScope", targets: ["FileAccess", "OutputFolders", "TensorCore", "Tokenization", "GPTModel", "Experiments", "Charts", "Visualizations"]),
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
        .target(name: "FileAccess"),
        .target(
            name: "TensorCore",
            dependencies: [.target(name: "CBLAS", condition: .when(platforms: [.linux]))],
            linkerSettings: [.linkedFramework("Accelerate", .when(platforms: [.macOS]))]
        ),
        .target(name: "Tokenization", dependencies: ["CEmbeddedData", "FileAccess"]),
        .target(name: "GPTModel", dependencies: ["TensorCore", "Tokenization", "CEmbeddedData", "FileAccess"]),
        // Ablation, activation patching, direct logit attribution and QK/OV circuits, on the hook points.
        .target(name: "Experiments", dependencies: ["GPTModel", "TensorCore"]),
        .target(name: "CairoKit", dependencies: ["CCairo", "CZlib"]),
        .target(name: "Charts", dependencies: ["CairoKit", "FileAccess"]),
        .target(name: "OutputFolders"),
        .target(name: "Visualizations", dependencies: ["GPTModel", "Experiments", "TensorCore", "Tokenization", "Charts", "FileAccess", "OutputFolders", "Training"]),
        .target(name: "Training", dependencies: ["GPTModel", "Tokenization", "TensorCore", "FileAccess", "OutputFolders"]),

        // MARK: Command-line tool
        .executableTarget(
            name: "gptscope",
            dependencies: [
                "FileAccess", "OutputFolders", "GPTModel", "Experiments", "Tokenization", "Charts", "Visualizations", "TensorCore", "Training",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: Tests
        .testTarget(name: "FileAccessTests", dependencies: ["FileAccess"]),
        .testTarget(name: "TensorCoreTests", dependencies: ["TensorCore"]),
        .testTarget(name: "TokenizationTests", dependencies: ["Tokenization"], resources: [.copy("Fixtures")]),
        .testTarget(name: "GPTModelTests", dependencies: ["GPTModel", "TensorCore"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ExperimentsTests", dependencies: ["Experiments", "GPTModel", "TensorCore"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ChartsTests", dependencies: ["Charts", "CairoKit", "CZlib"]),
        .testTarget(name: "VisualizationsTests", dependencies: ["Visualizations", "Charts", "GPTModel", "TensorCore", "Tokenization"], exclude: ["Fixtures"]),
        .testTarget(name: "TrainingTests", dependencies: ["Training", "GPTModel", "TensorCore", "Tokenization"], resources: [.copy("Fixtures")]),
        .testTarget(name: "OutputFoldersTests", dependencies: ["OutputFolders"]),
        .testTarget(name: "GPTScopeCLITests", dependencies: ["gptscope"]),
        // Seeded mutation fuzzing of every parser (seeds read from the other targets' fixtures).
        .testTarget(name: "FuzzTests", dependencies: ["GPTModel", "Tokenization", "TensorCore"]),
    ]
)
