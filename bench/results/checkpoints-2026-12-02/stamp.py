import subprocess, sys, time
t0 = time.time()
p = subprocess.Popen(sys.argv[1:], stderr=subprocess.PIPE, text=True)
for line in p.stderr:
    print(f"[{time.time()-t0:7.2f}] {line}", end="", flush=True)
sys.exit(p.wait())
