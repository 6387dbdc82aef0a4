#if canImport(Glibc)
import Glibc
#endif

// mt2st-fuzz TARGET [libFuzzer options and corpus folders]   (built with scripts/fuzz.sh)
// mt2st-fuzz TARGET FILE...                                  (normal build: replays files, e.g. the seeds)
let arguments = CommandLine.arguments
guard arguments.count >= 2, let target = FuzzTargets.named(arguments[1]) else {
    let names = FuzzTargets.all.map(\.name).joined(separator: ", ")
    fputs("usage: mt2st-fuzz TARGET [FILE... | libFuzzer options]; targets: \(names)\n", stderr)
    exit(2)
}
FuzzTargets.selected = target

#if FUZZING
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

// libFuzzer sees the program name and the options after TARGET.
var argv: [UnsafeMutablePointer<CChar>?] = [CommandLine.unsafeArgv[0]] + (2..<Int(CommandLine.argc)).map { CommandLine.unsafeArgv[$0] } + [nil]
var argc = CInt(argv.count - 1)
let status = argv.withUnsafeMutableBufferPointer { buffer -> CInt in
    var pointer: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = buffer.baseAddress
    return LLVMFuzzerRunDriver(&argc, &pointer) { data, size in fuzzOneInput(data, size) }
}
unlink(FuzzTargets.scratch)
exit(status)
#else
var replayed = 0
for path in arguments.dropFirst(2) {
    guard let file = fopen(path, "rb") else {
        fputs("mt2st-fuzz: cannot open \(path)\n", stderr)
        exit(1)
    }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = fread(&chunk, 1, chunk.count, file)
        if n == 0 { break }
        bytes += chunk[0..<n]
    }
    fclose(file)
    bytes.withUnsafeBytes { FuzzTargets.run(target, bytes: $0) }
    replayed += 1
}
unlink(FuzzTargets.scratch)
print("\(arguments[1]): \(replayed) input\(replayed == 1 ? "" : "s") replayed without a crash")
#endif
