"""Batch runs: many articles through the pipeline, concurrently, resumably.

inputs (what to do) -> runner (doing it: concurrency, rate limit, retries) ->
results (atomic files, manifest, errors.jsonl, store) -> report (report.json and the
printed summary). `openai_batch` sends the same work through OpenAI's Batch API.
"""
