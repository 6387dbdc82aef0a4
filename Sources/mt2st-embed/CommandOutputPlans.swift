import Corpus
import Experiments

/// The files each writing command reads and writes, for `OutputPlan.check()` before any work.
extension TrainCommand {
    var outputPlan: OutputPlan {
        var plan = OutputPlan()
        plan.inputs("--input", corpus.input)
        plan.input("--read-vocab", readVocab)
        plan.input("--aux-analogies", auxAnalogies)
        plan.input("--aux-similarity", auxSimilarity)
        plan.output("--output", output)
        plan.output("--save-vocab", saveVocab)
        plan.output("--save-model", saveModel)
        return plan
    }
}

extension VocabCommand {
    var outputPlan: OutputPlan {
        var plan = OutputPlan()
        plan.inputs("--input", corpus.input)
        plan.output("--output", output)
        return plan
    }
}

extension SplitCommand {
    var outputPlan: OutputPlan {
        var plan = OutputPlan()
        plan.input("--analogies", analogies)
        plan.input("--similarity", similarity)
        plan.outputs("--output", directory: output, SplitFiles.names(analogies: analogies != nil, similarity: similarity != nil))
        return plan
    }
}

extension ExperimentCommand {
    var outputPlan: OutputPlan {
        var plan = OutputPlan()
        plan.inputs("--input", corpus.input)
        plan.input("--analogies", analogies)
        plan.input("--similarity", similarity)
        plan.input("--extra-similarity", knowledgeMode.extraSimilarity)
        let models = (try? parsedModels().map(\.rawValue)) ?? []
        plan.outputs("--output", directory: output, ExperimentReport.fileNames(models: models))
        plan.outputs("--output", directory: output + "/splits", SplitFiles.names(analogies: true, similarity: true))
        return plan
    }
}

extension ReportCommand {
    /// The plan once the runs are read (the chart names come from the models in them).
    func outputPlan(models: [String]) -> OutputPlan {
        var plan = OutputPlan()
        plan.inputs("--runs", runs)
        plan.outputs("--output", directory: output, ExperimentReport.fileNames(models: models))
        return plan
    }
}
