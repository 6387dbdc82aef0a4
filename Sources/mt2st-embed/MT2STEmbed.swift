import ArgumentParser

@main
struct MT2STEmbed: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mt2st-embed",
        abstract: "Train and evaluate word embeddings (Skip-Gram, CBOW, FastText, GloVe, MT2ST).",
        discussion: """
        Corpora are plain or gzipped text, one sentence or document per line, tokens separated by \
        whitespace. Vectors are written in word2vec text or binary format and load in gensim.
        """,
        subcommands: [
            VocabCommand.self,
            PhrasesCommand.self,
            TrainCommand.self,
            ExperimentCommand.self,
            ReportCommand.self,
            SplitCommand.self,
            EvaluateCommand.self,
            NeighborsCommand.self,
            AnalogyCommand.self,
            VectorCommand.self,
            RetrofitCommand.self,
        ]
    )
}
