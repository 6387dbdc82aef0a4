import ArgumentParser
import Embeddings

extension ScheduleKind: ExpressibleByArgument {}
extension MonitoredSignal: ExpressibleByArgument {}
extension LearningRateSchedule: ExpressibleByArgument {}

/// The MT2ST schedule and auxiliary-task options shared by `train` and `experiment`.
struct ScheduleOptionGroup: ParsableArguments {
    @Option(name: .long, parsing: .unconditional, help: "Auxiliary weight γ₀ at the start (step size = learning rate × γ).")
    var gamma0: Double = 1.0

    @Option(name: .long, parsing: .unconditional, help: "diminish: decay rate η of γ₀·exp(−η·t^ν), t in epochs.")
    var eta: Double = 0.5

    @Option(name: .long, parsing: .unconditional, help: "diminish: exponent ν of t.")
    var nu: Double = 1.0

    @Option(name: .customLong("switch-at"), parsing: .unconditional, help: "switch: the epoch (fractional allowed) after which the auxiliary tasks stop; at most --epochs. (default: 1; \(KnowledgeOptionGroup.presetSwitchAt) in the knowledge preset of train and experiment --knowledge)")
    var switchAtOption: Double?
    var switchAt: Double { switchAtOption ?? 1.0 }

    @Option(name: .long, help: "adaptive: the signal watched at each epoch end: dev-accuracy (experiment only; its default there) or primary-loss (train's default).")
    var adaptiveSignal: MonitoredSignal?

    @Option(name: .long, parsing: .unconditional, help: "adaptive: switch once the signal improved by no more than this over the window (default: 0.5 accuracy points, or 0.002 of loss).")
    var adaptiveThreshold: Double?

    @Option(name: .long, parsing: .unconditional, help: "adaptive: the window, in epochs.")
    var adaptiveWindow: Int = 1

    @Flag(name: .long, help: "adaptive: decay as diminish from the trigger instead of stopping.")
    var adaptiveDecay = false

    @Option(name: .long, parsing: .singleValue,
            help: ArgumentHelp("A parameter a schedule declares, NAME=VALUE (repeatable): \(ScheduleOptionGroup.declaredParameters)",
                               valueName: "name=value"))
    var scheduleParam: [String] = []

    /// The registry's declared schedule parameters, for the help text.
    static var declaredParameters: String {
        ScheduleRegistry.parameters.map { "\($0.parameter.name) (\($0.parameter.help) Default \($0.parameter.defaultValue))" }
            .joined(separator: "; ")
    }

    /// `--schedule-param` values by name (a malformed one is an error naming the option).
    func declaredValues() throws -> [String: Double] {
        var values: [String: Double] = [:]
        for item in scheduleParam {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let value = Double(parts[1]), !parts[0].isEmpty else {
                throw ValidationError("--schedule-param expects NAME=VALUE with a number (got '\(item)')")
            }
            values[parts[0]] = value
        }
        return values
    }

    @Option(name: .customLong("aux-examples"), parsing: .unconditional, help: "Auxiliary examples of each task per round (m). (default: 50; \(KnowledgeOptionGroup.presetExamples) in the knowledge preset)")
    var auxExamplesOption: Int?
    var auxExamples: Int { auxExamplesOption ?? 50 }

    @Option(name: .customLong("aux-every"), parsing: .unconditional, help: "Primary corpus tokens between two auxiliary rounds in each worker (N). (default: 10000; \(KnowledgeOptionGroup.presetEvery) in the knowledge preset)")
    var auxEveryOption: Int?
    var auxEvery: Int { auxEveryOption ?? 10_000 }

    @Option(name: .long, parsing: .unconditional, help: "Negatives per auxiliary analogy example.")
    var auxNegatives: Int = 5

    @Option(name: .long, parsing: .unconditional, help: "Softmax temperature of the auxiliary analogy objective (over cosines).")
    var auxTemperature: Float = 0.1

    @Option(name: .customLong("attract-margin"), parsing: .unconditional, help: "Attract-repel (knowledge constraints): the margin δ by which synonyms must be closer than their negatives (cosine). (default: 0.6; \(KnowledgeOptionGroup.presetAttractMargin) in the knowledge preset)")
    var attractMarginOption: Float?
    var attractMargin: Float { attractMarginOption ?? 0.6 }

    /// `defaultSignal`: what adaptive watches when --adaptive-signal is not given.
    func parameters(kind: ScheduleKind, defaultSignal: MonitoredSignal) throws -> ScheduleParameters {
        var p = ScheduleParameters()
        p.values = try declaredValues()
        p.kind = kind
        p.gamma0 = gamma0
        p.eta = eta
        p.nu = nu
        p.switchAt = switchAt
        p.signal = adaptiveSignal ?? defaultSignal
        p.threshold = adaptiveThreshold ?? (p.signal == .devAccuracy ? 0.5 : 0.002)
        p.window = adaptiveWindow
        p.decayAfterTrigger = adaptiveDecay
        return p
    }

    var auxiliaryOptions: AuxiliaryTraining.Options {
        var o = AuxiliaryTraining.Options()
        o.examplesPerRound = auxExamples
        o.everyTokens = auxEvery
        o.negatives = auxNegatives
        o.temperature = auxTemperature
        o.attractMargin = attractMargin
        return o
    }
}
