"""The judge: a semantic second opinion on bullets the lexical checks have seen.

`Judge.plan(article, texts, checks)` looks every claim up in the cache and returns
the requests still needed as `Job`s (one per claim for minicheck, one per article for
chat); `Job.run()` makes one request (batch runs jobs under its own concurrency cap
and rate limit); `Judge.finish(plan, results)` turns answers into a `judge` check on
every bullet and combines verdicts. `Judge.judge(...)` does all three in order.

A judge that fails (refused, timed out, 5xx after retries, unparseable) never costs
the lexical verdict: its check says "not run: reason" and does not count as passed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import openai

from summarizer.errors import ProviderError
from summarizer.judge import protocols
from summarizer.judge.cache import JudgeCache, cache_key
from summarizer.judge.settings import JudgeSettings
from summarizer.judge.window import claim_window, evidence_sentences, window_sentences
from summarizer.models import Article, Check, CheckResult, Usage
from summarizer.providers.openai_chat import OpenAIChatProvider, one_line
from summarizer.providers.wire import ReplyError
from summarizer.validate.scoring import FORM_CHECKS

JUDGE_CHECK = "judge"
MINICHECK_MAX_TOKENS = 1  # the first token is the answer
CHAT_MAX_TOKENS = 1024
TOP_LOGPROBS = 5


class JudgeClient(OpenAIChatProvider):
    """The drafting provider's HTTP machinery (retries, Retry-After, format fallbacks,
    re-ask) pointed at the judge's endpoint, asking for the verdicts shape."""

    name = "judge"

    def response_format_for(self, mode: str, n: int) -> dict[str, Any] | None:
        return protocols.chat_response_format(mode, n)


@dataclass
class Answer:
    supported: bool
    score: float | None
    reason: str
    evidence: list[int]
    raw: str
    cached: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"supported": self.supported, "score": self.score, "reason": self.reason,
                "evidence": self.evidence, "raw": self.raw}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Answer":
        return cls(bool(data["supported"]), data.get("score"), str(data.get("reason", "")),
                   list(data.get("evidence") or []), str(data.get("raw", "")), cached=True)


@dataclass
class JobResult:
    answers: dict[int, Answer] = field(default_factory=dict)
    failure: str | None = None
    usage: Usage = field(default_factory=Usage)
    requests: int = 0


@dataclass
class Job:
    """One judge request for the bullets at `positions`."""

    positions: list[int]
    run: Callable[[], JobResult]


@dataclass
class Plan:
    article: Article
    texts: list[str]
    answers: dict[int, Answer]
    jobs: list[Job]


@dataclass
class JudgeRun:
    """What judging one article cost and how it went (for reports and stderr)."""

    requests: int = 0
    cached: int = 0
    usage: Usage = field(default_factory=Usage)
    failures: list[str] = field(default_factory=list)


class Judge:
    def __init__(self, settings: JudgeSettings, cache: JudgeCache | None = None,
                 client: OpenAIChatProvider | None = None, sleep: Callable[[float], None] = time.sleep) -> None:
        self.settings = settings
        self.cache = cache if cache is not None else JudgeCache()
        self.client = client or JudgeClient(
            model=settings.model, base_url=settings.base_url, api_key=settings.api_key, temperature=0.0,
            timeout=settings.timeout, max_retries=settings.max_retries, max_tokens=CHAT_MAX_TOKENS,
            extra_body=settings.extra_body, sleep=sleep)
        self.model = settings.model
        self.protocol = settings.protocol
        ref = protocols.minicheck_prompt_ref() if self.protocol == "minicheck" else protocols.chat_prompt_ref()
        self.prompt_name, self.prompt_sha = ref.name, ref.sha
        self._logprobs = True  # dropped for the rest of the run if the endpoint rejects them

    @property
    def endpoint(self) -> str:
        return self.client.endpoint

    # -- planning ------------------------------------------------------------------

    def plan(self, article: Article, texts: Sequence[str], checks: Sequence[Check]) -> Plan:
        if self.protocol == "minicheck":
            return self._plan_minicheck(article, list(texts), list(checks))
        return self._plan_chat(article, list(texts), list(checks))

    def _key(self, claim: str, window: str) -> str:
        return cache_key(claim, window, self.model, self.protocol, self.prompt_sha)

    def _lookup(self, key: str) -> Answer | None:
        data = self.cache.get(key)
        if data is None:
            return None
        try:
            return Answer.from_json(data)
        except (KeyError, TypeError, ValueError):
            return None

    def _plan_minicheck(self, article: Article, texts: list[str], checks: list[Check]) -> Plan:
        answers: dict[int, Answer] = {}
        jobs: list[Job] = []
        for k, (text, check) in enumerate(zip(texts, checks)):
            window = claim_window(article, check, self.settings.context_chars)
            key = self._key(text, window)
            hit = self._lookup(key)
            if hit is not None:
                answers[k] = hit
                continue
            jobs.append(Job([k], lambda k=k, text=text, window=window, key=key: self._ask_minicheck(k, text, window, key)))
        return Plan(article, texts, answers, jobs)

    def _plan_chat(self, article: Article, texts: list[str], checks: list[Check]) -> Plan:
        evidence = sorted({i for c in checks for i in evidence_sentences(article, c)})
        indices = window_sentences(article, evidence, self.settings.context_chars)
        sentences = protocols.chat_document(article, indices)
        document = "\n".join(f"[{s['number']}] {s['text']}" for s in sentences)
        answers: dict[int, Answer] = {}
        missing: list[tuple[int, str]] = []
        for k, text in enumerate(texts):
            key = self._key(text, document)
            hit = self._lookup(key)
            if hit is not None:
                answers[k] = hit
            else:
                missing.append((k, key))
        jobs = []
        if missing:
            positions = [k for k, _ in missing]
            jobs.append(Job(positions, lambda: self._ask_chat(article, sentences, texts, missing)))
        return Plan(article, texts, answers, jobs)

    # -- requests ------------------------------------------------------------------

    def _ask_minicheck(self, position: int, claim: str, window: str, key: str) -> JobResult:
        result = JobResult()
        messages = [{"role": "user", "content": protocols.minicheck_message(window, claim)}]
        extra: dict[str, Any] = {"max_tokens": MINICHECK_MAX_TOKENS, "temperature": 0.0}
        try:
            while True:
                body = dict(extra, logprobs=True, top_logprobs=TOP_LOGPROBS) if self._logprobs else extra
                result.requests += 1
                try:
                    completion = self.client._call(messages, "text", 1, extra=body)
                except openai.APIStatusError as exc:
                    if self._logprobs and exc.status_code in (400, 422) and "logprob" in f"{exc.message} {exc.body}".lower():
                        self._logprobs = False
                        continue
                    raise self.client._status_error(exc) from None
                break
        except ProviderError as exc:
            result.failure = str(exc)
            return result
        if completion.usage is not None:
            result.usage = Usage(prompt_tokens=completion.usage.prompt_tokens or 0,
                                 completion_tokens=completion.usage.completion_tokens or 0,
                                 total_tokens=completion.usage.total_tokens or 0)
        if not completion.choices:
            result.failure = f"{self.endpoint}: the endpoint returned no choices"
            return result
        choice = completion.choices[0]
        refusal = getattr(choice.message, "refusal", None)
        if refusal:
            result.failure = f"{self.endpoint}: the judge refused: {one_line(refusal, 120)}"
            return result
        if choice.finish_reason == "content_filter":
            result.failure = f"{self.endpoint}: the answer was blocked by the content filter"
            return result
        top = None
        content_lp = getattr(getattr(choice, "logprobs", None), "content", None)
        if content_lp:
            top = [(t.token, t.logprob) for t in (content_lp[0].top_logprobs or [])] or \
                  [(content_lp[0].token, content_lp[0].logprob)]
        try:
            supported, score = protocols.parse_minicheck(choice.message.content, top)
        except ReplyError as exc:
            result.failure = f"{self.endpoint}: unusable answer: {exc}"
            return result
        answer = Answer(supported, score, "", [], choice.message.content or "")
        self.cache.put(key, answer.to_json())
        result.answers[position] = answer
        return result

    def _ask_chat(self, article: Article, sentences: list[dict[str, Any]], texts: list[str],
                  missing: list[tuple[int, str]]) -> JobResult:
        result = JobResult()
        claims = [texts[k] for k, _ in missing]
        messages = protocols.chat_messages(article, sentences, claims)
        count = len(claims)
        try:
            asked = self.client.ask_json(messages, count, lambda c: protocols.parse_chat(c, count),
                                         lambda err: protocols.chat_reask(err, count))
        except ProviderError as exc:
            result.failure = str(exc)
            result.requests = 1
            return result
        result.requests = 2 if any(n.startswith("attempt 1:") for n in asked.notes) else 1
        result.usage = asked.usage
        by_index = {}
        for v in asked.value.verdicts:
            by_index.setdefault(v.index, v)
        for j, (k, key) in enumerate(missing, 1):
            v = by_index[j]
            answer = Answer(v.supported, None, " ".join(v.reason.split()), list(v.evidence), asked.content)
            self.cache.put(key, answer.to_json())
            result.answers[k] = answer
        return result

    # -- combining -----------------------------------------------------------------

    def finish(self, plan: Plan, checks: Sequence[Check], results: Sequence[JobResult]) -> tuple[list[Check], JudgeRun]:
        run = JudgeRun(cached=len(plan.answers))
        answers = dict(plan.answers)
        failures: dict[int, str] = {}
        for job, res in zip(plan.jobs, results):
            run.requests += res.requests
            run.usage.prompt_tokens += res.usage.prompt_tokens
            run.usage.completion_tokens += res.usage.completion_tokens
            run.usage.total_tokens += res.usage.total_tokens
            answers.update(res.answers)
            if res.failure:
                run.failures.append(res.failure)
                for k in job.positions:
                    failures.setdefault(k, res.failure)
        out = []
        for k, check in enumerate(checks):
            if k in answers:
                out.append(self.combine(check, answers[k]))
            else:
                out.append(self.not_run(check, failures.get(k, "no answer")))
        return out, run

    def judge(self, article: Article, texts: Sequence[str], checks: Sequence[Check]) -> tuple[list[Check], JudgeRun]:
        plan = self.plan(article, texts, checks)
        return self.finish(plan, checks, [job.run() for job in plan.jobs])

    def _detail(self, **extra: Any) -> dict[str, Any]:
        return {"model": self.model, "protocol": self.protocol, "prompt": self.prompt_name,
                "prompt_sha": self.prompt_sha, **extra}

    def combine(self, check: Check, answer: Answer) -> Check:
        """A "No" lowers the verdict (supported -> review; -> unsupported when a lexical
        fact check failed too); a "Yes" changes nothing: it never overrides a failed
        number, quote or name check, and never raises a verdict."""
        who = f"judge ({self.model})"
        if answer.supported:
            message = f"{who}: supported" + (f": {answer.reason}" if answer.reason else "")
        else:
            message = f"{who}: not supported" + (f": {answer.reason}" if answer.reason else "")
        result = CheckResult(name=JUDGE_CHECK, passed=answer.supported, message=message, detail=self._detail(
            ran=True, answer="Yes" if answer.supported else "No", score=answer.score, raw=answer.raw,
            evidence=answer.evidence, cached=answer.cached))
        return combine_verdict(check, result)

    def not_run(self, check: Check, reason: str) -> Check:
        result = CheckResult(name=JUDGE_CHECK, passed=False, message=f"judge not run: {reason}",
                             detail=self._detail(ran=False, reason=reason))
        return check.model_copy(update={"checks": [*_without_judge(check.checks), result],
                                        "reasons": [*check.reasons, result.message]})


def _without_judge(results: Sequence[CheckResult]) -> list[CheckResult]:
    return [r for r in results if r.name != JUDGE_CHECK]


def combine_verdict(check: Check, judge: CheckResult) -> Check:
    """Add a ran judge check to a lexical Check and apply it to the verdict."""
    lexical = _without_judge(check.checks)
    verdict = check.verdict
    reasons = list(check.reasons)
    if not judge.passed:
        fact_failed = any(not r.passed and r.name not in FORM_CHECKS for r in lexical)
        if fact_failed:
            verdict = "unsupported"
        elif verdict == "supported":
            verdict = "review"
        reasons.append(judge.message)
    return check.model_copy(update={"checks": [*lexical, judge], "verdict": verdict, "reasons": reasons})


def judge_answer(check: Check) -> bool | None:
    """True/False when the judge ran and said Yes/No; None when it did not run or
    was not configured."""
    for r in check.checks:
        if r.name == JUDGE_CHECK and r.detail and r.detail.get("ran"):
            return r.passed
    return None
