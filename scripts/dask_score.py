"""Scores a book's partitions on a Dask cluster with the same engine as the page and `npm run score`.

Each Dask worker runs one long-lived engine process (`npm run score -- --serve`, started by a worker
plugin when the worker starts, the model verified once). A task sends it one partition and gets the
partition's partial back (sums that merge exactly by addition); the partials are merged in a tree, by
the engine processes too, so the reduction is the engine's own, not a second implementation. A task
whose worker dies is computed again elsewhere (Dask's lineage), and a failed task is retried.

    /usr/bin/python3 scripts/dask_score.py --scheduler tcp://10.0.0.5:8786 --scenario s.json part-*.csv
    /usr/bin/python3 scripts/dask_score.py --local 2 --scenario s.json part-*.parquet   # a cluster on this machine

Partitions are CSV or Parquet files (the engine reads both with the same parser).

Prints the merged book's figures as JSON. Run from the project's folder (the workers start the engine
from it). Debian: apt-get install python3-distributed. On Spark, the same engine process sits behind
`RDD.pipe` (each partition's request lines in, its partials out) and the partials are merged the same way.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import threading
import time

from dask.distributed import Client, LocalCluster, WorkerPlugin, as_completed, get_worker

PLUGIN = "riskdial-engine"


class EnginePlugin(WorkerPlugin):
    """One engine process per worker, asked one request at a time."""

    name = PLUGIN

    def __init__(self, root, manifest):
        self.root = root
        self.manifest = manifest

    def setup(self, worker):
        command = ["node", "--import", "tsx", "scripts/score.ts", "--serve", "--manifest", self.manifest]
        self.engine = subprocess.Popen(
            command, cwd=self.root, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1
        )
        self.lock = threading.Lock()

    def teardown(self, worker):
        self.engine.stdin.close()
        self.engine.wait(timeout=30)

    def ask(self, request):
        with self.lock:
            self.engine.stdin.write(json.dumps(request) + "\n")
            self.engine.stdin.flush()
            line = self.engine.stdout.readline()
        if not line:
            raise RuntimeError("the engine process stopped")
        answer = json.loads(line)
        if not answer["ok"]:
            raise ValueError("; ".join(answer["problems"]))
        return answer


def engine():
    return get_worker().plugins[PLUGIN]


def score_partition(path, scenario):
    answer = engine().ask({"id": path, "portfolio": path, "scenario": scenario})
    return {"loans": answer["loans"], "partial": answer["partial"]}


def merge(a, b):
    merged = engine().ask({"merge": [a["partial"], b["partial"]]})
    return {"loans": a["loans"] + b["loans"], "partial": merged["partial"]}


def figures_of(book):
    return engine().ask({"figures": book["partial"]})["figures"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--scheduler", help="the Dask scheduler's address, e.g. tcp://10.0.0.5:8786")
    where.add_argument("--local", type=int, metavar="N", help="start a cluster of N workers on 127.0.0.1")
    parser.add_argument("--scenario", help="a scenario file (levers, settings, scenarioSet); default: the baseline")
    parser.add_argument("--manifest", default="public/models/lending-club-pd.manifest.json")
    parser.add_argument("--retries", type=int, default=2)
    parser.add_argument("--kill-a-worker-after", type=int, metavar="K", help="(testing) kill one worker once K partitions are scored")
    parser.add_argument("partitions", nargs="+")
    args = parser.parse_args()

    scenario = json.load(open(args.scenario)) if args.scenario else {}
    partitions = [os.path.abspath(p) for p in args.partitions]
    started = time.monotonic()
    cluster = None
    if args.local:
        cluster = LocalCluster(
            n_workers=args.local, threads_per_worker=1, host="127.0.0.1", dashboard_address=None, processes=True
        )
    client = Client(cluster or args.scheduler)
    try:
        client.register_worker_plugin(EnginePlugin(os.getcwd(), args.manifest), name=PLUGIN)
        ready = time.monotonic()  # the cluster up and every worker's engine process started (it verifies its model on its first request)
        scored = [client.submit(score_partition, p, scenario, key=f"score-{i}", retries=args.retries) for i, p in enumerate(partitions)]
        if args.kill_a_worker_after:
            for done, _ in zip(as_completed(scored), range(args.kill_a_worker_after)):
                pass
            pids = client.run(os.getpid)
            victim = sorted(pids)[0]
            os.kill(pids[victim], signal.SIGKILL)
            print(f"killed worker {victim} (pid {pids[victim]})", file=sys.stderr)
        level = scored
        while len(level) > 1:
            pairs = [level[i : i + 2] for i in range(0, len(level), 2)]
            level = [client.submit(merge, *pair, retries=args.retries) if len(pair) == 2 else pair[0] for pair in pairs]
        book = level[0].result()
        figures = client.submit(figures_of, book, retries=args.retries).result()
        seconds = {"start": round(ready - started, 3), "score": round(time.monotonic() - ready, 3)}
        json.dump(
            {"partitions": len(partitions), "loans": book["loans"], "scenario": scenario, "figures": figures, "seconds": seconds}, sys.stdout
        )
        sys.stdout.write("\n")
    finally:
        client.close()
        if cluster:
            cluster.close()


if __name__ == "__main__":
    main()
