"""Scale: the seeded generator of many synthetic territories, and the benchmark
(docs/performance.md)."""
