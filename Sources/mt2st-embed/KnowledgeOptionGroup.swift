import ArgumentParser
import Corpus
import Embeddings
import Experiments
import Foundation

/// Where the knowledge for the auxiliary tasks comes from.
enum KnowledgeSource: String, ExpressibleByArgument, CaseIterable {
    /// The files `make data` builds from WordNet 3.0 (data/build_wordnet.py).
    case wordnet
}

/// `train`'s options for auxiliary tasks on lexical knowledge: relation analogies and
/// synonym/antonym constraints, from WordNet (`--knowledge wordnet`) or the user's own files, minus
/// the pairs of the evaluation files (`--exclude-pairs`).
struct KnowledgeOptionGroup: ParsableArguments {
    /// The preset `--knowledge`/`--aux-relations`/`--aux-constraints` use when --schedule is not
    /// given (chosen from the measurements in bench/results/knowledge-wordnet-base-2026-12-02 and
    /// bench/results/knowledge-2026-12-02): switch after epoch 2 (or the last), 200 examples of each
    /// task per round every 2,500 tokens, attract margin 0.3, unless --switch-at / --aux-examples /
    /// --aux-every / --attract-margin say otherwise (also `experiment --knowledge`'s defaults).
    static let defaultSchedule = ScheduleKind.switch
    static let presetSwitchAt = 2.0
    static let presetExamples = 200
    static let presetEvery = 2_500
    static let presetAttractMargin: Float = 0.3
    static let relationsFile = "wordnet-relations.txt"
    static let constraintsFile = "wordnet-constraints.txt"

    @Option(name: .long, help: ArgumentHelp("Auxiliary tasks on lexical knowledge: wordnet (the files `make data` builds from WordNet 3.0: relation pairs for analogy questions, synonym/antonym constraints for attract-repel). Without --schedule: \(defaultSchedule.rawValue) at epoch \(Int(presetSwitchAt)) with \(presetExamples) examples per round every \(presetEvery) tokens, attract margin \(presetAttractMargin) (the measured preset).", valueName: "wordnet"))
    var knowledge: KnowledgeSource?

    @Option(name: .long, help: ArgumentHelp("Folder of the --knowledge files (default: $MT2ST_DATA_DIR, else data/out).", valueName: "dir"))
    var knowledgeDir: String?

    @Option(name: .long, help: ArgumentHelp("Relation pairs for relation-analogy questions: 'relation word1 word2' lines (two pairs of one relation make a question); replaces --knowledge's.", valueName: "file"))
    var auxRelations: String?

    @Option(name: .long, help: ArgumentHelp("Similarity constraints for the attract-repel task: 'synonym w1 w2' (attract) and 'antonym w1 w2' (repel) lines; replaces --knowledge's.", valueName: "file"))
    var auxConstraints: String?

    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("Evaluation files (analogy or similarity) whose word pairs are removed from the knowledge data before training; the overlap of each is reported.", valueName: "file"))
    var excludePairs: [String] = []

    func validate() throws {
        if !excludePairs.isEmpty && !isRequested {
            throw ValidationError("--exclude-pairs removes pairs from the knowledge data: give --knowledge, --aux-relations or --aux-constraints")
        }
        if knowledgeDir != nil && knowledge == nil {
            throw ValidationError("--knowledge-dir needs --knowledge wordnet")
        }
    }

    /// Whether any knowledge task was asked for.
    var isRequested: Bool { knowledge != nil || auxRelations != nil || auxConstraints != nil }

    /// The relation and constraint files to read: the user's, else --knowledge's (which must exist).
    func files() throws -> (relations: String?, constraints: String?) {
        var relations = auxRelations, constraints = auxConstraints
        if knowledge == .wordnet {
            let env = ProcessInfo.processInfo.environment["MT2ST_DATA_DIR"].flatMap { $0.isEmpty ? nil : $0 }
            let dir = knowledgeDir ?? env ?? "data/out"
            for name in [Self.relationsFile, Self.constraintsFile] where !FileManager.default.fileExists(atPath: dir + "/" + name) {
                throw KnowledgeMissing(message: "--knowledge wordnet: \(dir)/\(name) is missing: build the WordNet knowledge files with `make data` "
                                      + "(bash data/fetch.sh; needs Debian's wordnet-base), or give their folder with --knowledge-dir")
            }
            relations = relations ?? dir + "/" + Self.relationsFile
            constraints = constraints ?? dir + "/" + Self.constraintsFile
        }
        return (relations, constraints)
    }

    /// The knowledge tasks on `vectors` (none when none was asked for), with their report on stderr:
    /// relation analogies, then attract-repel, each with its own schedule from `parameters`.
    func tasks(_ parameters: ScheduleParameters, vectors: EvaluatedVectors, vocabulary: Vocabulary, noise: NoiseDistribution,
               options: AuxiliaryTraining.Options) throws -> [AuxiliaryTraining.Task] {
        guard isRequested else { return [] }
        let (relations, constraints) = try files()
        let exclude = try ExcludedPairs.load(paths: excludePairs)
        let data = try KnowledgeData.load(constraints: constraints, relations: relations, exclude: exclude, vocabulary: vocabulary)
        for line in data.report { printErr("knowledge: " + line) }
        return data.tasks(parameters, vectors: vectors, noise: noise, options: options)
    }
}

/// `--knowledge` asked for files that were never built: one line saying how to build them.
struct KnowledgeMissing: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
