// swift-tools-version:6.0
import PackageDescription

// Release builds: whole-module optimisation is SwiftPM's default for `-c release`; the numeric
// targets additionally drop overflow/precondition checks (-Ounchecked) and exclusivity checks,
// which pays in the pointer loops of the trainers (see README "Performance notes").
// `-target-cpu native` lets the SIMD16 kernels compile to the machine's vector FMA (ymm/zmm
// vfmadd); without it, x86-64's baseline has no FMA and every `addingProduct` lane becomes a call
// to libm's `fmaf` (measured 25x slower training). Binaries are built where they run (like
// word2vec's -march=native).
let hotCode: [SwiftSetting] = [
    .unsafeFlags(["-Ounchecked", "-enforce-exclusivity=unchecked"], .when(configuration: .release)),
    .unsafeFlags(["-target-cpu", "native"], .when(platforms: [.linux])),
]

// Distributed training over MPI (see README "Training on several machines") is opt-in, so the
// default build needs no MPI: `MT2ST_MPI=1 swift build` adds the Open MPI system library
// (`CMPI`, pkg-config `ompi-c`, Debian `libopenmpi-dev`), its Swift wrapper (`MPITransport`) and
// compiles the CLI with `MT2ST_MPI` defined. Everything else of a distributed run (`Distributed`:
// input shares, vocabulary merge, delta synchronisation) is always built and tested.
let mpi = Context.environment["MT2ST_MPI"].map { $0 != "" && $0 != "0" } ?? false

let package = Package(
    name: "mt2st-embed",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "mt2st-embed", targets: ["mt2st-embed"]),
        .library(name: "Corpus", targets: ["Corpus"]),
        .library(name: "Embeddings", targets: ["Embeddings"]),
        .library(name: "Evaluation", targets: ["Evaluation"]),
        .library(name: "Experiments", targets: ["Experiments"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib",
                       providers: [.apt(["zlib1g-dev"])]),
        // Shared helpers under every layer: hashing, whole-file and mapped reads, atomic writes,
        // SIMD row load/store, number formatting.
        .target(name: "EmbedBase", swiftSettings: hotCode),
        .target(name: "Corpus", dependencies: ["EmbedBase", "CZlib"], swiftSettings: hotCode),
        .target(name: "CPrefetch"),
        .target(name: "Embeddings", dependencies: ["EmbedBase", "Corpus", "CBLAS", "CPrefetch"], swiftSettings: hotCode),
        .target(name: "Evaluation", dependencies: ["EmbedBase", "CBLAS"], swiftSettings: hotCode),
        // MT2ST experiments: data splits, cost accounting, convergence, reports and charts.
        .target(name: "Experiments", dependencies: ["EmbedBase", "Corpus", "Embeddings", "Evaluation"]),
        // Data-parallel training: collectives behind a protocol, no MPI dependency.
        .target(name: "Distributed", dependencies: ["EmbedBase", "Corpus", "Embeddings"], swiftSettings: hotCode),
        .executableTarget(
            name: "mt2st-embed",
            dependencies: [
                "EmbedBase", "Corpus", "Embeddings", "Evaluation", "Experiments", "Distributed",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ] + (mpi ? ["MPITransport"] : []),
            swiftSettings: hotCode + (mpi ? [.define("MT2ST_MPI")] : [])),
        .testTarget(name: "EmbedBaseTests", dependencies: ["EmbedBase"]),
        .testTarget(name: "CorpusTests", dependencies: ["Corpus"]),
        .testTarget(name: "EmbeddingsTests", dependencies: ["Embeddings", "Corpus", "Evaluation"]),
        .testTarget(name: "EvaluationTests", dependencies: ["Evaluation"]),
        .testTarget(name: "ExperimentsTests", dependencies: ["Experiments", "Embeddings", "Corpus"]),
        .testTarget(name: "CLITests", dependencies: ["mt2st-embed"]),
        .testTarget(name: "DistributedTests", dependencies: ["Distributed", "Embeddings", "Corpus"]),
    ] + (mpi ? [
        .systemLibrary(name: "CMPI", path: "Sources/CMPI", pkgConfig: "ompi-c",
                       providers: [.apt(["libopenmpi-dev"])]),
        .target(name: "MPITransport", dependencies: ["CMPI", "Distributed"]),
        // End-to-end runs under `mpirun` (the CLI built with MPI).
        .testTarget(name: "MPITests", dependencies: ["mt2st-embed"]),
    ] : []),
    swiftLanguageModes: [.v5]
)
