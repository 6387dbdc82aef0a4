# The README's commands. `make test` and `make demo` do all set-up on a fresh machine.
SWIFT      ?= swift
DATA_DIR   ?= $(if $(MT2ST_DATA_DIR),$(MT2ST_DATA_DIR),data/out)
BIN        := .build/release/mt2st-embed
THREADS    ?= $(shell nproc)

.PHONY: test demo deps build release data bench experiment experiment-full clean

deps:
	@bash scripts/ensure-deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# The default build (no MPI), then the MPI build (MT2ST_MPI=1: only the CLI and the MPI modules
# are recompiled) for the end-to-end runs under `mpirun --oversubscribe -np 2/3`.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-swift-testing
	MT2ST_MPI=1 $(SWIFT) build --build-tests
	OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 MT2ST_MPI=1 \
		$(SWIFT) test --skip-build --disable-swift-testing --filter MPITests

data:
	@MT2ST_DATA_DIR="$(DATA_DIR)" bash data/fetch.sh

demo: release data
	@bash scripts/demo.sh "$(DATA_DIR)"

bench: release
	@bash bench/run.sh

# MT2ST: the quick profile (< 30 min on 2 cores) and the full one (hours); see README.
experiment: release data
	@MT2ST_DATA_DIR="$(DATA_DIR)" bash scripts/experiment.sh quick

experiment-full: release data
	@MT2ST_DATA_DIR="$(DATA_DIR)" bash scripts/experiment.sh full

clean:
	rm -rf .build
