"""Benchmarks with their data generator (not part of the test run); see bench/README.md.

    python -m bench.generate --db bench/data/bench.sqlite3      # 1M members, 100k SKUs, 2M rows
    python -m bench.run --db bench/data/bench.sqlite3           # timings beside raw sqlite3
"""
