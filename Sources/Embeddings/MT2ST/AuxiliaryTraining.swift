import Corpus
import Dispatch

/// The auxiliary tasks of an MT2ST run, interleaved with the primary updates in every worker
/// thread: every `everyTokens` primary corpus tokens a worker calls `run(thread:time:primaryAlpha:
/// rng:)`, which takes `examplesPerRound` steps of each active task (in list order) on examples
/// drawn uniformly from its training set, with step size = primary learning rate × γₖ(t). The
/// steps update the shared table without locks, like the primary updates.
///
/// A task is an `AuxiliaryObjective` (what it learns, from which examples) with its own
/// `AuxiliaryWeightSchedule` (when, how strongly). Each thread has its own scratch, loss sums,
/// step counts and clock (`AuxiliaryWorker`), so the interleaved work allocates nothing and
/// shares nothing but the table; `epochTotals()` sums them at epoch end (workers stopped), when
/// the schedules are also fed (`observe`).
public final class AuxiliaryTraining {
    public struct Options: Sendable, Equatable {
        /// m: auxiliary examples of each task per round.
        public var examplesPerRound = 50
        /// N: primary corpus tokens between two rounds in a worker.
        public var everyTokens = 10_000
        /// Negatives and softmax temperature of the analogy objective.
        public var negatives = 5
        public var temperature: Float = 0.1
        /// δ_att of the attract-repel objective (`AttractRepelObjective`).
        public var attractMargin: Float = 0.6
        public init() {}

        public func validate() throws {
            if examplesPerRound < 1 { throw MT2STError.invalidSchedule("--aux-examples must be at least 1 (got \(examplesPerRound))") }
            if everyTokens < 1 { throw MT2STError.invalidSchedule("--aux-every must be at least 1 token (got \(everyTokens))") }
            if negatives < 1 || negatives > 1000 { throw MT2STError.invalidSchedule("--aux-negatives must be in 1...1000 (got \(negatives))") }
            if !(temperature > 0) || !temperature.isFinite { throw MT2STError.invalidSchedule("--aux-temperature must be positive (got \(temperature))") }
            if !(attractMargin >= 0 && attractMargin <= 2) { throw MT2STError.invalidSchedule("--attract-margin must be in 0...2 (got \(attractMargin))") }
        }
    }

    /// One task: an objective and its schedule.
    public struct Task {
        public let objective: any AuxiliaryObjective
        public fileprivate(set) var schedule: any AuxiliaryWeightSchedule
        public init(objective: any AuxiliaryObjective, schedule: any AuxiliaryWeightSchedule) {
            self.objective = objective
            self.schedule = schedule
        }
    }

    /// One task's sums over an epoch.
    public struct TaskTotals: Sendable, Equatable {
        public var name: String
        public var loss = 0.0, steps = 0, flops = 0.0
        public init(name: String) { self.name = name }
        public var meanLoss: Double { steps > 0 ? loss / Double(steps) : .nan }
    }

    /// Sums of one epoch, per task (in task order).
    public struct Totals: Sendable, Equatable {
        public var tasks: [TaskTotals] = []
        /// Wall seconds spent in auxiliary work, summed over threads.
        public var threadSeconds = 0.0
        public init() {}

        /// The sums of the tasks called `name` (zero when there is none).
        public func named(_ name: String) -> TaskTotals {
            tasks.filter { $0.name == name }.reduce(into: TaskTotals(name: name)) {
                $0.loss += $1.loss; $0.steps += $1.steps; $0.flops += $1.flops
            }
        }
        public var analogySteps: Int { named("analogy").steps }
        public var analogyFlops: Double { named("analogy").flops }
        public var meanAnalogyLoss: Double { named("analogy").meanLoss }
        public var similaritySteps: Int { named("similarity").steps }
        public var similarityFlops: Double { named("similarity").flops }
        public var meanSimilarityLoss: Double { named("similarity").meanLoss }
        /// FLOPs of every task.
        public var flops: Double { tasks.reduce(0) { $0 + $1.flops } }
    }

    public let options: Options
    public private(set) var tasks: [Task]
    public let workers: [AuxiliaryWorker]

    /// Any list of tasks; every worker's scratch fits the largest.
    public init(tasks: [Task], stride: Int, threads: Int, options: Options = Options()) {
        precondition(threads >= 1)
        self.options = options
        self.tasks = tasks
        let rows = max(1, tasks.map(\.objective.scratchRows).max() ?? 1)
        workers = (0..<threads).map { _ in AuxiliaryWorker(stride: stride, rows: rows, tasks: tasks.count) }
    }

    /// The two tasks of the MT2ST paper (analogy then similarity), on `vectors`: the evaluated
    /// vectors the tasks read and move (their word ids are the examples'); `noise`: the
    /// distribution analogy negatives are drawn from (over words).
    public convenience init(vectors: EvaluatedVectors, analogies: [AnalogyExample], similarities: [SimilarityExample],
                            analogySchedule: any AuxiliaryWeightSchedule, similaritySchedule: any AuxiliaryWeightSchedule,
                            noise: NoiseDistribution, threads: Int, options: Options = Options()) {
        let analogy = AnalogyTask(objective: AnalogyObjective(vectors: vectors, negatives: options.negatives,
                                                              temperature: options.temperature, noise: noise),
                                  examples: analogies)
        let similarity = SimilarityTask(objective: SimilarityObjective(vectors: vectors), examples: similarities)
        self.init(tasks: [Task(objective: analogy, schedule: analogySchedule),
                          Task(objective: similarity, schedule: similaritySchedule)],
                  stride: vectors.stride, threads: threads, options: options)
    }

    /// The first task called `name`.
    public func task(named name: String) -> Task? { tasks.first { $0.objective.name == name } }

    /// Whether any task runs at t (the caller may skip the call otherwise).
    public func isActive(at t: Double) -> Bool {
        tasks.contains { $0.objective.exampleCount > 0 && $0.schedule.isActive(at: t) }
    }

    /// One round on thread `thread` at training time `t` (epochs, fractional).
    public func run(thread: Int, time t: Double, primaryAlpha: Float, rng: inout Xoshiro256) {
        let w = workers[thread]
        let start = DispatchTime.now().uptimeNanoseconds
        var ran = false
        let scratch = w.scratch
        for k in tasks.indices {
            let task = tasks[k]
            guard task.objective.exampleCount > 0 && task.schedule.isActive(at: t) else { continue }
            let eta = primaryAlpha * Float(task.schedule.weight(at: t))
            let objective = task.objective
            var loss: Double = 0
            let flops = scratch.flops
            for _ in 0..<options.examplesPerRound {
                loss += Double(objective.trainStep(learningRate: eta, rng: &rng, scratch: scratch))
            }
            w.flops[k] &+= scratch.flops &- flops
            w.loss[k] += loss
            w.steps[k] &+= options.examplesPerRound
            ran = true
        }
        if ran { w.nanos &+= DispatchTime.now().uptimeNanoseconds &- start }
    }

    /// Sums the threads' counters since the previous call (call with the workers stopped).
    public func epochTotals() -> Totals {
        var t = Totals()
        t.tasks = tasks.map { TaskTotals(name: $0.objective.name) }
        for w in workers {
            for k in tasks.indices {
                t.tasks[k].loss += w.loss[k]
                t.tasks[k].steps += w.steps[k]
                t.tasks[k].flops += Double(w.flops[k])
            }
            t.threadSeconds += Double(w.nanos) / 1e9
            w.reset()
        }
        return t
    }

    /// Feeds every schedule the epoch's monitored signal (workers stopped).
    public func observe(epoch: Int, signal: Double) {
        for k in tasks.indices { tasks[k].schedule.observe(epoch: epoch, signal: signal) }
    }
}

/// One thread's auxiliary state; touched only by its thread while training.
public final class AuxiliaryWorker {
    public let scratch: AuxiliaryScratch
    /// Per task: loss sum, steps and FLOPs since the last `epochTotals()`.
    let loss: UnsafeMutablePointer<Double>
    let steps: UnsafeMutablePointer<Int>
    let flops: UnsafeMutablePointer<Int>
    let taskCount: Int
    var nanos: UInt64 = 0
    // Keeps neighbouring workers' counters on separate cache lines.
    let padding = (0, 0, 0, 0, 0, 0, 0, 0)

    init(stride: Int, rows: Int, tasks: Int) {
        scratch = AuxiliaryScratch(stride: stride, rows: rows)
        taskCount = tasks
        loss = .allocate(capacity: max(tasks, 1))
        steps = .allocate(capacity: max(tasks, 1))
        flops = .allocate(capacity: max(tasks, 1))
        reset()
    }

    func reset() {
        loss.initialize(repeating: 0, count: max(taskCount, 1))
        steps.initialize(repeating: 0, count: max(taskCount, 1))
        flops.initialize(repeating: 0, count: max(taskCount, 1))
        nanos = 0
    }

    deinit {
        loss.deallocate()
        steps.deallocate()
        flops.deallocate()
    }
}
