import Corpus
import Embeddings
import Foundation

/// Minimal word2vec text/binary writer for the standalone `glove` command, to be replaced by the
/// shared writer of the `train` command once both are on the same branch.
enum GloVeVectorsWriter {
    static func checkWritable(_ path: String) throws {
        let probe = path + ".probe-\(getpid())"
        let fd = open(probe, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw CorpusError.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        close(fd)
        unlink(probe)
    }

    static func write(table: EmbeddingTable, vocabulary: Vocabulary, to path: String, binary: Bool) throws {
        try AtomicFile.write(to: path) { sink in
            try sink.write("\(vocabulary.size) \(table.dim)\n")
            var line: [UInt8] = []
            for i in 0..<vocabulary.size {
                line.removeAll(keepingCapacity: true)
                vocabulary.withBytes(i) { line.append(contentsOf: $0) }
                let v = table.input + i * table.stride
                for j in 0..<table.dim {
                    if binary {
                        if j == 0 { line.append(0x20) }
                        withUnsafeBytes(of: v[j].bitPattern.littleEndian) { line.append(contentsOf: $0) }
                    } else {
                        line.append(0x20)
                        line.append(contentsOf: String(format: "%.6f", v[j]).utf8)
                    }
                }
                line.append(0x0a)
                try sink.write(line)
            }
        }
    }
}
