/// The format `train --save-model` writes a FastText model in.
public enum ModelFileFormat: String, CaseIterable, Sendable {
    /// fastText's `.bin`, version 12: fastText, gensim and our readers load it.
    case fasttext
    /// Our compact format (`FastTextModelFile`): only the buckets the vocabulary uses, memory-mapped.
    case mt2st
}

extension FastTextTrainer {
    /// Writes the model to `path` in `format`; returns a description for the log line.
    /// `tokens`: corpus tokens read (fastText's header records them).
    public func save(to path: String, format: ModelFileFormat, minCount: Int, tokens: Int64) throws -> String {
        switch format {
        case .fasttext:
            try saveFastTextBin(to: path, minCount: minCount, tokens: tokens)
            let buckets = subwords.enabled ? subwords.buckets : 0
            return "fastText .bin version \(FastTextBinFile.version): \(rows.words) words + \(buckets) bucket rows x \(config.dim), "
                + "\(rows.usedBuckets.count) of the buckets trained, the others zero"
        case .mt2st:
            try saveModel(to: path, minCount: minCount)
            return "mt2st-embed model: \(table.inputRows) rows x \(config.dim)"
        }
    }
}
