import json, re, sys, os
O = sys.argv[1]  # folder of NAME.json and NAME.log
names = sys.argv[2:]
print("| run | Google total | semantic | syntactic | WordSim-353 | SimLex-999 | training s | auxiliary thread-s |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for n in names:
    try: d = json.load(open(f"{O}/{n}.json"))
    except Exception: continue
    a = list(d["analogies"].values())[0]
    sims = {k.split("/")[-1]: v["spearman"] for k, v in d["similarity"].items()}
    log = open(f"{O}/{n}.log").read() if os.path.exists(f"{O}/{n}.log") else ""
    m = re.search(r"trained \d+ words in ([\d.]+) s", log)
    aux = sum(float(x) for x in re.findall(r"([\d.]+) thread-seconds", log))
    print(f"| {n} | {a['total']*100:.2f} | {a['semantic']*100:.2f} | {a['syntactic']*100:.2f} | {sims['wordsim353.tsv']:.3f} | {sims['simlex999.txt']:.3f} | {m.group(1) if m else '–'} | {aux:.1f} |")
