#!/usr/bin/env python3
"""Scaling PROJECTION for `mpirun -np N mt2st-embed train` (not a measurement).

Model (see README "Training on several machines"):
  epoch time(N) = C / (N * W_eff) + T_full(N)
  T_full  = allreduce(F) + 9 F / M            complete round at the epoch end (workers wait)
  F       = 2 V d 4 bytes                     both matrices
  allreduce(X) = ceil(X / chunk) * 2 (N-1) alpha + 2 (N-1)/N * X / B     (ring all-reduce)
  9 X / M : gathering the deltas and applying the sum read/write 9 floats per float sent
  round   : P = avg rows per round (doubling schedule) * 2 d 4 bytes; t_round = allreduce(P) + 9 P / M
  W_eff   = W (1 - u / T), u = min(1, t_round / period): the synchronisation thread's share of a core
  speed-up(N) = (C / W) / epoch time(N)
"""
import math

V, D = 1_000_000, 300          # vocabulary, dimension
BASE_ROWS, PERIOD = 4096, 0.5   # --sync-rows, --sync-period (defaults)
CHUNK = 4 << 20                # bytes per all-reduce call (1M floats)
C = 10e9                       # tokens per epoch (Common Crawl scale)
W = 2.0e6                      # words/s of one machine: 16 threads x 125k words/s/thread at dim 300 (assumed)
T = 16                         # threads per machine
M = 10e9                       # bytes/s of memory traffic for the sync thread's gather/apply (assumed)
LINKS = {"10 Gbit/s": (10e9 / 8, 50e-6), "1 Gbit/s": (1e9 / 8, 100e-6)}  # bandwidth B, latency alpha per step


def prefix(t, rows, base):
    levels = max(0, math.ceil(math.log2(rows / base))) if rows > base else 0
    return min(rows, base << min((t & -t).bit_length() - 1, levels)), levels


def average_rows(rows, base):
    _, levels = prefix(1, rows, base)
    n = 1 << levels
    return sum(prefix(t, rows, base)[0] for t in range(1, n + 1)) / n


def allreduce(x, n, b, alpha):
    return 0.0 if n == 1 else math.ceil(x / CHUNK) * 2 * (n - 1) * alpha + 2 * (n - 1) / n * x / b


full = 2 * V * D * 4
per_round = average_rows(V, BASE_ROWS) * 2 * D * 4
print(f"V={V:,} d={D}: complete round {full / 1e9:.2f} GB, average round {per_round / 1e6:.1f} MB "
      f"({average_rows(V, BASE_ROWS):,.0f} rows of each matrix), one machine {C / W:,.0f} s per epoch")
print("link        N   round s  sync-thread busy  complete round s  epoch s  speed-up")
for name, (b, alpha) in LINKS.items():
    for n in (4, 8, 32):
        t_round = allreduce(per_round, n, b, alpha) + 9 * per_round / M
        u = min(1.0, t_round / PERIOD)
        t_full = allreduce(full, n, b, alpha) + 9 * full / M
        epoch = C / (n * W * (1 - u / T)) + t_full
        print(f"{name:10} {n:3}  {t_round:7.2f}  {u:15.0%}  {t_full:16.1f}  {epoch:7.0f}  {C / W / epoch:8.1f}")
