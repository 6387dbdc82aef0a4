import Corpus

/// Extra work interleaved in each GloVe worker's stream of records (the MT2ST auxiliary tasks),
/// run on the worker's own thread every `everyRecords` records, with the training time in epochs
/// (fractional: the worker's position in its slice of the records), the learning rate and a
/// per-(epoch, thread) random generator. Absent, it costs nothing in the loop.
public protocol GloVeWorkerTask: AnyObject {
    var everyRecords: Int { get }
    func run(thread: Int, time: Double, learningRate: Float, rng: inout Xoshiro256)
}
