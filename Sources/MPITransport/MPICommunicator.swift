import CMPI
import Distributed
#if canImport(Glibc)
import Glibc
#endif

/// `Communicator` over MPI_COMM_WORLD (Open MPI). MPI is initialised with
/// MPI_THREAD_SERIALIZED: the collectives run on the main thread before and after training and
/// on the synchronisation thread during it, never at the same time. Errors are returned (not
/// fatal) and become `DistributedError.transport` naming the call.
public final class MPICommunicator: Communicator {
    public let rank: Int
    public let size: Int
    private var finalized = false

    /// True when this process was started by `mpirun` (its environment says so); otherwise a
    /// run is an ordinary single process and MPI is not touched.
    public static var launchedByMPIRun: Bool {
        getenv("OMPI_COMM_WORLD_SIZE") != nil || getenv("PMIX_RANK") != nil
    }

    /// Processes of this run on this machine (Open MPI's local size), if known.
    public static var localSize: Int? {
        getenv("OMPI_COMM_WORLD_LOCAL_SIZE").flatMap { Int(String(cString: $0)) }
    }

    public init() throws {
        // The collectives run on a background thread beside the Hogwild workers: waiting in them
        // should yield the core, not spin (Open MPI's default when not oversubscribed). A value
        // set by the user wins.
        setenv("OMPI_MCA_mpi_yield_when_idle", "1", 0)
        var provided: Int32 = 0
        let wanted = Int32(MPI_THREAD_SERIALIZED)
        try MPICommunicator.check(MPI_Init_thread(nil, nil, wanted, &provided), "MPI_Init_thread")
        guard provided >= wanted else {
            MPI_Finalize()
            throw DistributedError.transport("MPI_Init_thread: the MPI library does not allow calls from several threads (MPI_THREAD_SERIALIZED)")
        }
        MPI_Comm_set_errhandler(mt2st_mpi_comm_world(), mt2st_mpi_errors_return())
        var r: Int32 = 0, s: Int32 = 0
        try MPICommunicator.check(MPI_Comm_rank(mt2st_mpi_comm_world(), &r), "MPI_Comm_rank")
        try MPICommunicator.check(MPI_Comm_size(mt2st_mpi_comm_world(), &s), "MPI_Comm_size")
        rank = Int(r)
        size = Int(s)
    }

    /// Ends MPI (once); call before the process exits, on success and on error.
    public func finalize() {
        guard !finalized else { return }
        finalized = true
        MPI_Finalize()
    }

    public func allReduce(_ values: UnsafeMutableBufferPointer<Int64>, _ operation: ReduceOperation) throws {
        guard let base = values.baseAddress, values.count > 0 else { return }
        let op: MPI_Op
        switch operation {
        case .sum: op = mt2st_mpi_sum()
        case .min: op = mt2st_mpi_min()
        case .max: op = mt2st_mpi_max()
        }
        try MPICommunicator.check(MPI_Allreduce(mt2st_mpi_in_place(), base, Int32(values.count), mt2st_mpi_int64(), op,
                                                mt2st_mpi_comm_world()), "MPI_Allreduce")
    }

    public func allReduceSum(_ send: UnsafePointer<Float>, into receive: UnsafeMutablePointer<Float>, count: Int) throws {
        precondition(count >= 0 && count <= Int(Int32.max))
        try MPICommunicator.check(MPI_Allreduce(send, receive, Int32(count), mt2st_mpi_float(), mt2st_mpi_sum(),
                                                mt2st_mpi_comm_world()), "MPI_Allreduce")
    }

    public func allGather(_ bytes: [UInt8]) throws -> [[UInt8]] {
        var lengths = [Int64](repeating: 0, count: size)
        var mine = Int64(bytes.count)
        try MPICommunicator.check(MPI_Allgather(&mine, 1, mt2st_mpi_int64(), &lengths, 1, mt2st_mpi_int64(),
                                                mt2st_mpi_comm_world()), "MPI_Allgather")
        let total = lengths.reduce(0, +)
        guard total <= Int64(Int32.max) else {
            throw DistributedError.transport("MPI_Allgatherv: \(total) bytes in one exchange is more than MPI's 2 GiB count limit")
        }
        var displacements = [Int32](repeating: 0, count: size)
        for i in 1..<max(size, 1) { displacements[i] = displacements[i - 1] + Int32(lengths[i - 1]) }
        let counts = lengths.map { Int32($0) }
        var all = [UInt8](repeating: 0, count: max(Int(total), 1))
        try bytes.withUnsafeBytes { b in
            try MPICommunicator.check(MPI_Allgatherv(b.baseAddress, Int32(bytes.count), mt2st_mpi_byte(), &all, counts,
                                                     displacements, mt2st_mpi_byte(), mt2st_mpi_comm_world()),
                                      "MPI_Allgatherv")
        }
        return (0..<size).map { Array(all[Int(displacements[$0])..<(Int(displacements[$0]) + Int(counts[$0]))]) }
    }

    static func check(_ code: Int32, _ call: String) throws {
        guard code != Int32(MPI_SUCCESS) else { return }
        var text = [CChar](repeating: 0, count: Int(MPI_MAX_ERROR_STRING) + 1)
        var length: Int32 = 0
        MPI_Error_string(code, &text, &length)
        throw DistributedError.transport("\(call) failed: \(String(cString: text))")
    }
}
