// Open MPI's handles (MPI_COMM_WORLD, MPI_FLOAT, MPI_SUM, MPI_IN_PLACE, ...) are macros over the
// addresses of global structs, which Swift cannot import; these inline functions return them.
#include <mpi.h>

static inline MPI_Comm mt2st_mpi_comm_world(void) { return MPI_COMM_WORLD; }
static inline MPI_Datatype mt2st_mpi_float(void) { return MPI_FLOAT; }
static inline MPI_Datatype mt2st_mpi_int64(void) { return MPI_INT64_T; }
static inline MPI_Datatype mt2st_mpi_byte(void) { return MPI_BYTE; }
static inline MPI_Op mt2st_mpi_sum(void) { return MPI_SUM; }
static inline MPI_Op mt2st_mpi_min(void) { return MPI_MIN; }
static inline MPI_Op mt2st_mpi_max(void) { return MPI_MAX; }
static inline void *mt2st_mpi_in_place(void) { return MPI_IN_PLACE; }
static inline MPI_Errhandler mt2st_mpi_errors_return(void) { return MPI_ERRORS_RETURN; }
