import ArgumentParser
import Corpus
import Embeddings
import Experiments

/// `experiment --knowledge`: the knowledge options (train's `KnowledgeOptionGroup`, whose
/// `--exclude-pairs` adds files to the evaluated ones, which are always excluded), the extra
/// similarity file and the retrofit row's iterations.
struct ExperimentKnowledgeOptions: ParsableArguments {
    @OptionGroup(title: "Knowledge mode") var knowledge: KnowledgeOptionGroup

    @Option(name: .long, help: ArgumentHelp("Knowledge mode: a second similarity file scored on its whole (e.g. simlex999.txt); its pairs are excluded from the knowledge data too.", valueName: "file"))
    var extraSimilarity: String?

    @Option(name: .long, help: "Knowledge mode: retrofitting iterations of the STL + retrofit row.")
    var retrofitIterations: Int = 10

    func validate() throws {
        if extraSimilarity != nil && !knowledge.isRequested {
            throw ValidationError("--extra-similarity is scored in knowledge mode: give --knowledge, --aux-relations or --aux-constraints")
        }
        if retrofitIterations < 1 { throw ValidationError("--retrofit-iterations must be at least 1 (got \(retrofitIterations))") }
    }

    var isRequested: Bool { knowledge.isRequested }

    /// The knowledge files of the config (nil outside knowledge mode).
    func files() throws -> KnowledgeFiles? {
        guard isRequested else { return nil }
        let (relations, constraints) = try knowledge.files()
        var files = KnowledgeFiles(constraints: constraints, relations: relations)
        files.retrofitIterations = retrofitIterations
        return files
    }

    /// Knowledge mode's data: the whole benchmark files (no split, nothing of them trained on).
    func data(analogies: String, similarity: String) throws -> ExperimentData {
        var data = try ExperimentData.whole(analogies: analogies, similarity: similarity, extraSimilarity: extraSimilarity)
        data.excludedFiles = knowledge.excludePairs
        return data
    }

    /// The notes of table.md in knowledge mode.
    func notes(_ runner: ExperimentRunner) -> [String] {
        ["Knowledge mode: "
            + [runner.knowledge?.files.relations.map { "relations \($0)" }, runner.knowledge?.files.constraints.map { "constraints \($0)" }]
                .compactMap { $0 }.joined(separator: ", ")
            + "; Sim = \(runner.data.similarityPath)" + (extraSimilarity.map { ", Sim 2 = \($0)" } ?? "")
            + "; every pair of " + runner.data.evaluationFiles.joined(separator: ", ") + " removed from the knowledge data."]
            + (runner.knowledge?.report ?? [])
    }
}

extension KnowledgeOptionGroup {
    /// The measured preset, where the options were not given: the switch epoch (capped at the
    /// run's epochs) ...
    static func applyPreset(to p: inout ScheduleParameters, epochs: Int, _ options: ScheduleOptionGroup) {
        if options.switchAtOption == nil { p.switchAt = min(presetSwitchAt, Double(epochs)) }
    }

    /// ... and the auxiliary examples per round, tokens between rounds and attract margin.
    static func applyPreset(to o: inout AuxiliaryTraining.Options, _ options: ScheduleOptionGroup) {
        if options.auxExamplesOption == nil { o.examplesPerRound = presetExamples }
        if options.auxEveryOption == nil { o.everyTokens = presetEvery }
        if options.attractMarginOption == nil { o.attractMargin = presetAttractMargin }
    }
}
