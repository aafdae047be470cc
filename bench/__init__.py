"""Benchmarks: measured here, written down in bench/README.md, never run by the test suite."""
