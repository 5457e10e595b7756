"""Extraction engines: the fast chunked path, and where it runs (this process, local processes, or Dask).

The fast path
-------------
The workbench components read the parse (``dep_``, ``head``, ``pos_``, ``lemma_``, ``ent_type_``, sentences)
only where a sentence holds a candidate figure, a reporting/position verb, a stance cue or a colon speaker;
places and actor mentions are matched on the raw text. So an article is tokenized once, cut into *lines* (the
``workbench_line_breaks`` rule: a sentence always starts after a newline), and:

* lines that a cheap text prefilter (:class:`Prefilter`) flags run through the model (tagger, parser, attribute
  ruler, lemmatizer), grouped into runs of consecutive flagged lines, each run padded with ``margin`` tokens of
  context on both sides. The padding (8 tokens, twice what the CNN token encoder sees on each side) gives every
  token of the run the same neighbours as in the whole document, and a line start is a hard sentence start for
  the parser (no arc crosses it), so the run's annotations equal those of a whole-document parse;
* the other lines only get the sentence recognizer (no parser, no tagger): they yield nothing, and the
  extractors only read their text.

The annotations are copied token by token into one Doc with exactly the original text and offsets (the model
never sees more than ``max_chunk_chars`` at once, so documents longer than spaCy's ``max_length`` work too),
and the workbench components run on it as usual. Runs from many articles are batched through ``nlp.pipe``.
Entities come last, on the assembled Doc (``workbench_entities``, see ``entities.py``): the recognizer reads
single sentences, so it sees the same input in both paths.
``tests/test_fastpath.py`` checks that the tables equal the full pipeline's on the seeds, the labelled sets and a
generated corpus.

Engines
-------
:class:`LocalEngine` runs in this process (``n_process=1``) or in a pool of local processes; :class:`DaskEngine`
sends batches of articles to a ``dask.distributed`` cluster (a ``LocalCluster`` when no scheduler address is
given). Workers load the pipeline once per process and return plain rows; the caller writes the ledger.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import fields
from functools import cache
from typing import TYPE_CHECKING, Any

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from workbench.doc_pieces import TokenTable
from workbench.errors import WorkbenchError
from workbench.pipeline import line_starts

if TYPE_CHECKING:
    from workbench.actors import Actor

MODES = ("fast", "full")
ENGINES = ("local", "dask")
EXTRACTORS = ("workbench_claims", "workbench_stances", "workbench_places")
# Components that run on the assembled Doc, not on line runs: they choose their own sentences.
WHOLE_DOC = ("workbench_entities",)
TABLES = ("claims", "stances", "places")

Record = dict[str, Any]  # {"text", "doc_id", "sha256", "english"}
Result = tuple[str, dict[str, list[dict]]]


# ----------------------------------------------------------------------------------------------- the Doc


class TextDoc(Doc):
    """A Doc that builds ``.text`` once (spaCy rebuilds it from the tokens on every access).

    The extractors slice ``sent.doc.text`` for every figure and sentence; on a 600-word article that was most
    of their run time. The text of a Doc never changes (retokenizing keeps it), so caching it is safe.
    """

    @property
    def text(self) -> str:
        cached = self.__dict__.get("_wb_text")
        if cached is None:
            cached = "".join(token.text_with_ws for token in self)
            self.__dict__["_wb_text"] = cached
        return cached

    @property
    def text_with_ws(self) -> str:
        return self.text


# ------------------------------------------------------------------------------------------- prefilter


_WORD = re.compile(r"[^\W\d_]+(?:[’'][^\W\d_]+)?")
_CAPITALISED = re.compile(r"(?<![\w’'])[A-Z][a-z]+(?:-[A-Za-z]+)?\b")
_ALWAYS = frozenset(
    # reporting cues that are not verbs, agents ("confirmed by"), relays
    "according based citing quoting per".split()
)
# Verbs (besides attribution.SPEECH_VERBS and stances.POSITION_VERBS) whose subject or agent the extractors read.
_EXTRA_VERBS = frozenset("share provide report confirm release publish disclose cite".split())
_STANCE_PATTERNS = ("CANNOT", "DENY", "EXPECT", "CONFIRM", "PRESENT")


def _verb_forms(lemmas: Iterable[str], nlp: Language) -> set[str]:
    """Every surface form the model's lemmatizer can map to one of ``lemmas`` as a verb (rules + exceptions)."""
    lemmas = set(lemmas)
    forms = set(lemmas)
    rules: list = []
    exceptions: dict = {}
    if "lemmatizer" in nlp.component_names:
        lookups = nlp.get_pipe("lemmatizer").lookups
        if lookups.has_table("lemma_rules"):
            rules = lookups.get_table("lemma_rules").get("verb", [])
        if lookups.has_table("lemma_exc"):
            exceptions = lookups.get_table("lemma_exc").get("verb", {})
    for lemma in lemmas:
        for old, new in [*rules, ["s", ""], ["es", ""], ["ed", ""], ["d", ""], ["ing", ""], ["ing", "e"]]:
            if lemma.endswith(new):
                forms.add(lemma[: len(lemma) - len(new)] + old)
        if lemma.endswith("y"):
            forms.update({lemma[:-1] + "ies", lemma[:-1] + "ied"})
        if re.search(r"[^aeiou][aeiou][bdgklmnprt]$", lemma):  # admit -> admitted, admitting
            forms.update({lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"})
    for form, targets in exceptions.items():
        if lemmas.intersection(targets):
            forms.add(form)
    return {f.lower() for f in forms}


class Prefilter:
    """Does a line need the full model? True when it may hold anything the extractors read from the parse.

    Built from the extractors' own vocabularies, so it follows them when they change: figures
    (``numbers.find_figures`` and any digit), the forms of ``attribution.SPEECH_VERBS`` and
    ``stances.POSITION_VERBS`` (reporting/position verbs: their speakers feed the pronoun memory of every later
    sentence), "according to"/"based on"/"citing", stance cues on topic, colon speakers ("Lukashenko: ..."), and
    people who may be a sentence's subject (a later "he said" resolves to them): names from the actor registry
    and capitalised words that are not ordinary English words. Over-triggering costs time, never correctness;
    ``tests/test_fastpath.py`` guards the other direction.
    """

    def __init__(self, nlp: Language):
        from workbench import attribution, numbers, stances
        from workbench.actors import default_registry

        self._find_figures = numbers.find_figures
        verbs = set(getattr(attribution, "SPEECH_VERBS", ())) | set(getattr(stances, "POSITION_VERBS", ()))
        verbs |= _EXTRA_VERBS | set(getattr(stances, "GIVING_VERBS", ()))
        # "Kyiv's figures have been the highest": an actor's finding, read by the stance extractor from the parse
        findings = set(getattr(stances, "FINDING_WORDS", ()))
        self._finding_forms = frozenset(findings | {w + "s" for w in findings} | {"tallies"})
        self.cue_forms = frozenset(_verb_forms(verbs, nlp) | _ALWAYS)
        self._stance_patterns = [
            p for p in (getattr(stances, n, None) for n in _STANCE_PATTERNS) if isinstance(p, re.Pattern)
        ]
        topic = getattr(stances, "on_topic", None)
        topic_re = getattr(stances, "TOPIC", None)
        self._on_topic: Callable[[str], bool] = (
            topic
            if callable(topic)
            else (
                (lambda text: bool(topic_re.search(text))) if isinstance(topic_re, re.Pattern) else (lambda text: True)
            )
        )
        from workbench.places import default_gazetteer

        self._registry = default_registry()
        self._gazetteer = default_gazetteer()
        self._common = self._common_words(nlp)

    @staticmethod
    def _common_words(nlp: Language) -> frozenset[str]:
        """Lower-case words that are ordinary English (the lemmatizer's word lists and the stop words)."""
        words: set[str] = set(nlp.Defaults.stop_words)
        if "lemmatizer" in nlp.component_names:
            lookups = nlp.get_pipe("lemmatizer").lookups
            if lookups.has_table("lemma_index"):
                index = lookups.get_table("lemma_index")
                for pos in ("noun", "verb", "adj", "adv"):
                    words.update(index.get(pos, []))
            if lookups.has_table("lemma_exc"):
                exc = lookups.get_table("lemma_exc")
                for pos in ("noun", "verb", "adj", "adv"):
                    words.update(exc.get(pos, {}).keys())
        words.update(
            m.lower()
            for m in "January February March April May June July August September October "
            "November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
        )
        return frozenset(w.lower() for w in words)

    def _people(self, line: str, hits: list[tuple[int, int, Actor]]) -> bool:
        """``hits``: the registry's names in ``line`` (found once by the caller)."""
        if any(actor.kind == "person" for _s, _e, actor in hits):
            return True
        covered = [(s, e) for s, e, _actor in hits]
        covered += [(m.start, m.end) for m in self._gazetteer.find(line)]
        for match in _CAPITALISED.finditer(line):
            if any(s <= match.start() < e for s, e in covered):
                continue
            word = match.group(0).lower()
            if word in self._common or word.rstrip("s") in self._common or word.split("-")[0] in self._common:
                continue
            return True
        return False

    def __call__(self, line: str) -> bool:
        if not line.strip():
            return False
        if ":" in line or any(c.isdigit() for c in line):
            return True
        words = {w.lower() for w in _WORD.findall(line)}
        if not words.isdisjoint(self.cue_forms):
            return True
        if next(iter(self._find_figures(line)), None) is not None:
            return True
        stance_cue = any(p.search(line) for p in self._stance_patterns)
        if stance_cue and self._on_topic(line):
            return True
        hits = self._registry.find_in(line)
        # a stance cue next to a name ("Moscow and Pyongyang stay quiet"), a letterhead ("DEFENCE INTELLIGENCE OF
        # UKRAINE": the statement under it is that body's), an actor's findings ("Kyiv's figures are higher")
        if hits and (stance_cue or line.strip().isupper() or not words.isdisjoint(self._finding_forms)):
            return True
        return self._people(line, hits)


class _AllLines:
    """The prefilter of the full path over chunks: every line gets the full model."""

    def __call__(self, line: str) -> bool:
        return True


# ---------------------------------------------------------------------------------------- chunked parse


class ChunkedParser:
    """Parses texts line-run by line-run (see the module docstring) and yields whole-text Docs, in order.

    ``prefilter`` decides which lines get the full model (default :class:`Prefilter`; ``_AllLines()`` gives the
    full parse in chunks). ``max_chunk_chars`` bounds what the model sees at once (default: spaCy's
    ``nlp.max_length``, lowered to 100,000 characters so batches stay small); a run longer than that is cut at
    line boundaries, and a single line longer than that at sentence-like boundaries (". A"), so text of any
    length is processed with exact offsets.
    """

    def __init__(
        self,
        nlp: Language,
        *,
        prefilter: Callable[[str], bool] | None = None,
        margin: int = 8,
        max_chunk_chars: int | None = None,
        batch_size: int = 128,
        group_size: int = 16,
    ):
        self.nlp = nlp
        self.prefilter = prefilter if prefilter is not None else Prefilter(nlp)
        self.margin = margin
        self.max_chunk_chars = min(max_chunk_chars or 100_000, nlp.max_length)
        self.batch_size = batch_size
        self.group_size = group_size
        self.model_pipes = [name for name in nlp.pipe_names if name not in EXTRACTORS + WHOLE_DOC]
        self.whole_doc = [nlp.get_pipe(name) for name in nlp.pipe_names if name in WHOLE_DOC]
        self.senter = nlp.get_pipe("senter") if "senter" in nlp.component_names else None
        self.attrs = list(Doc._get_array_attrs())
        self.sent_col = self.attrs.index(SENT_START)
        self.stats = {"tokens": 0, "model_tokens": 0}

    # -- planning

    def _tokenize(self, text: str) -> Doc:
        # The tokenizer has no length limit; only the model (which sees chunks) needs max_length.
        return self.nlp.tokenizer(text)

    def _pieces(self, doc: Doc, starts: list[int]) -> list[tuple[int, int]]:
        """Line ranges, with lines longer than max_chunk_chars cut at sentence-like boundaries."""
        bounds = [*starts, len(doc)]
        pieces = []
        for a, b in itertools.pairwise(bounds):
            if self._chars(doc, a, b) <= self.max_chunk_chars:
                pieces.append((a, b))
                continue
            pieces.extend(self._cut_line(doc, a, b))
        return pieces

    @staticmethod
    def _chars(doc: Doc, a: int, b: int) -> int:
        end = doc[b - 1].idx + len(doc[b - 1].text_with_ws)
        return end - doc[a].idx

    def _cut_line(self, doc: Doc, a: int, b: int) -> list[tuple[int, int]]:
        """Cut one over-long line: after sentence punctuation followed by a capitalised word, else anywhere."""
        out: list[tuple[int, int]] = []
        start = a
        last_good = None
        for i in range(a + 1, b):
            prev, token = doc[i - 1], doc[i]
            if prev.text in {".", "!", "?"} and prev.whitespace_ and token.text[:1].isupper():
                last_good = i
            if self._chars(doc, start, i + 1) > self.max_chunk_chars:
                cut = last_good if last_good is not None and last_good > start else i
                out.append((start, cut))
                start, last_good = cut, None
        out.append((start, b))
        return out

    def _plan(self, doc: Doc, text: str) -> tuple[list[int], list[tuple[int, int, bool]]]:
        starts = line_starts(doc)
        runs: list[list] = []
        for a, b in self._pieces(doc, starts):
            begin = doc[a].idx
            end = doc[b].idx if b < len(doc) else len(text)
            need = bool(self.prefilter(text[begin:end]))
            if runs and runs[-1][2] == need and self._chars(doc, runs[-1][0], b) <= self.max_chunk_chars:
                runs[-1][1] = b
            else:
                runs.append([a, b, need])
        return starts, [(a, b, need) for a, b, need in runs]

    # -- running

    def pipe(self, texts: Iterable[str]) -> Iterator[Doc]:
        """Yield one annotated Doc per text, in order, processing ``group_size`` texts at a time."""
        group: list[str] = []
        for text in texts:
            group.append(text)
            if len(group) >= self.group_size:
                yield from self._run_group(group)
                group = []
        if group:
            yield from self._run_group(group)

    def __call__(self, text: str) -> Doc:
        return next(self._run_group([text]))

    def _run_group(self, texts: list[str]) -> Iterator[Doc]:
        bases = [self._tokenize(text) for text in texts]
        tables = [TokenTable(base, text) for base, text in zip(bases, texts, strict=True)]
        plans = [self._plan(base, text) for base, text in zip(bases, texts, strict=True)]
        model_inputs: list[Doc] = []
        cheap_inputs: list[Doc] = []
        vocab = self.nlp.vocab
        for base, table, (_starts, runs) in zip(bases, tables, plans, strict=True):
            n = len(base)
            self.stats["tokens"] += n
            for a, b, need in runs:
                if need:
                    lo, hi = max(0, a - self.margin), min(n, b + self.margin)
                    model_inputs.append(table.piece(vocab, lo, hi))
                    self.stats["model_tokens"] += b - a
                else:
                    cheap_inputs.append(table.piece(vocab, a, b))
        with self.nlp.select_pipes(enable=self.model_pipes):
            parsed = iter(list(self.nlp.pipe(model_inputs, batch_size=self.batch_size)) if model_inputs else [])
        if self.senter is not None and cheap_inputs:
            cheap = iter(list(self.senter.pipe(cheap_inputs, batch_size=self.batch_size)))
        else:
            cheap = iter(cheap_inputs)
        docs: Iterable[Doc] = [
            self._assemble(base, table, starts, runs, parsed, cheap)
            for base, table, (starts, runs) in zip(bases, tables, plans, strict=True)
        ]
        for component in self.whole_doc:
            docs = component.pipe(docs) if hasattr(component, "pipe") else map(component, docs)
        yield from docs

    def _assemble(
        self,
        base: Doc,
        table: TokenTable,
        starts: list[int],
        runs: list[tuple[int, int, bool]],
        parsed: Iterator[Doc],
        cheap: Iterator[Doc],
    ) -> Doc:
        n = len(base)
        arrays = []
        forced = set(starts)
        for a, b, need in runs:
            if need:
                lo = max(0, a - self.margin)
                chunk = next(parsed)
                arrays.append(chunk.to_array(self.attrs)[a - lo : b - lo])
            else:
                piece = next(cheap)
                array = piece.to_array(self.attrs)
                for s in range(a, b):  # the line rule, as in the full pipeline; the senter decides the rest
                    if s in forced:
                        array[s - a, self.sent_col] = 1
                if self.senter is None:
                    array[:, self.sent_col] = numpy.where(array[:, self.sent_col] == 1, 1, -1).astype("uint64")
                arrays.append(array)
        doc = TextDoc(self.nlp.vocab, words=table.words, spaces=table.spaces)
        doc.__dict__["_wb_text"] = table.text  # the tokens rebuild exactly this text: no need to join them
        if n:
            array = numpy.concatenate(arrays) if arrays else numpy.zeros((0, len(self.attrs)), dtype="uint64")
            doc.from_array(self.attrs, array)
            # from_array recomputes sentence starts from the heads; unparsed lines keep the senter's
            doc.from_array([SENT_START], array[:, [self.sent_col]])
        return doc


# ------------------------------------------------------------------------------------------ extraction


def _english(language: object) -> bool:
    return language in (None, "", "en", "und") or (isinstance(language, float) and language != language)


def records_from_frame(articles: Any) -> Iterator[Record]:
    """Plain records (text, doc_id, sha256, english) from the articles DataFrame, in order."""
    for row in articles.itertuples(index=False):
        yield {"text": row.text, "doc_id": row.doc_id, "sha256": row.sha256, "english": _english(row.language)}


def doc_tables(nlp: Language, doc: Doc, record: Record) -> dict[str, list[dict]]:
    """Run the workbench components on an annotated Doc and return its rows, keyed by the article's sha256."""
    doc.user_data["doc_id"] = record["doc_id"]
    for name in EXTRACTORS:
        if name in nlp.pipe_names:
            doc = nlp.get_pipe(name)(doc)
    tables = {table: [_row(r) for r in (getattr(doc._, table) or [])] for table in TABLES}
    for rows in tables.values():
        for row in rows:
            row["sha256"] = record["sha256"]
    return tables


def _row(record: Any) -> dict[str, Any]:
    """A record's fields as a dict. Shallow (unlike ``dataclasses.asdict``): the fields are scalars, and the deep
    copy cost more than the rest of a row's life."""
    return {f.name: getattr(record, f.name) for f in fields(record)}


def _empty() -> dict[str, list[dict]]:
    return {table: [] for table in TABLES}


class Extractor:
    """Articles -> rows in one process: ``mode="fast"`` (chunked, the default) or ``"full"`` (whole documents
    through every component, the reference; documents longer than ``max_length`` are chunked)."""

    def __init__(self, mode: str = "fast", nlp: Language | None = None, **parser_options: Any):
        if mode not in MODES:
            raise WorkbenchError(f"unknown extraction mode {mode!r} (use one of {', '.join(MODES)})")
        from workbench.pipeline import load_nlp

        self.mode = mode
        self.nlp = nlp or load_nlp()
        self.parser = ChunkedParser(self.nlp, prefilter=None if mode == "fast" else _AllLines(), **parser_options)

    def _full_doc(self, text: str) -> Doc:
        if len(text) > self.nlp.max_length:
            return self.parser(text)
        doc = self.nlp.make_doc(text)
        for name, component in self.nlp.pipeline:
            if name not in EXTRACTORS:
                doc = component(doc)
        return doc

    def run(self, records: Iterable[Record]) -> Iterator[Result]:
        """Yield (sha256, tables) per record, in input order; non-English articles give empty tables."""
        records = iter(records)
        if self.mode == "full":
            for record in records:
                if not record["english"]:
                    yield record["sha256"], _empty()
                    continue
                yield record["sha256"], doc_tables(self.nlp, self._full_doc(record["text"]), record)
            return
        pending: list[Record] = []

        def flush() -> Iterator[Result]:
            english = [r for r in pending if r["english"]]
            docs = self.parser.pipe(r["text"] for r in english)
            for record in pending:
                if not record["english"]:
                    yield record["sha256"], _empty()
                else:
                    yield record["sha256"], doc_tables(self.nlp, next(docs), record)

        for record in records:
            pending.append(record)
            if len(pending) >= self.parser.group_size:
                yield from flush()
                pending = []
        if pending:
            yield from flush()


@cache
def _process_extractor(mode: str) -> Extractor:
    """One Extractor per worker process (and mode): the pipeline is loaded once per process."""
    global _LOADS
    _LOADS += 1
    return Extractor(mode)


_LOADS = 0


def pipeline_loads() -> int:
    """How many times this process built an extractor (a worker should say 1)."""
    return _LOADS


def pipeline_identity() -> tuple[str, str]:
    from workbench.pipeline import PIPELINE_VERSION, model_name

    return PIPELINE_VERSION, model_name()


def extract_batch(records: list[Record], mode: str = "fast") -> dict[str, Any]:
    """The unit of work of the process and Dask engines: a batch of articles -> their rows (plain data).

    Returns the worker's pipeline version and model too, so the caller never files rows made by another version
    under its own.
    """
    extractor = _process_extractor(mode)
    return {"identity": pipeline_identity(), "pid": os.getpid(), "results": list(extractor.run(records))}


def _batches(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    batch: list[Record] = []
    for record in records:
        batch.append(record)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _check_identity(reply: dict[str, Any], where: str) -> list[Result]:
    mine = pipeline_identity()
    if tuple(reply["identity"]) != mine:
        raise WorkbenchError(
            f"{where} runs workbench pipeline {reply['identity'][0]} with model {reply['identity'][1]}, but this "
            f"client runs {mine[0]} with {mine[1]}: install the same workbench version on the workers"
        )
    return reply["results"]


# -------------------------------------------------------------------------------------------- engines


class LocalEngine:
    """This process (``n_process=1``) or a pool of ``n_process`` local processes, each loading the pipeline
    once; results come back in input order."""

    name = "local"

    def __init__(self, n_process: int = 1, mode: str = "fast", batch_size: int = 16):
        self.n_process = max(1, int(n_process))
        self.mode = mode
        self.batch_size = batch_size

    def run(self, records: Iterable[Record]) -> Iterator[Result]:
        if self.n_process == 1:
            yield from _process_extractor(self.mode).run(records)
            return
        import multiprocessing

        if "fork" in multiprocessing.get_all_start_methods():
            # load the pipeline once here: forked workers inherit it (copy-on-write) instead of loading their own
            _process_extractor(self.mode)
            context = multiprocessing.get_context("fork")
        else:  # pragma: no cover - macOS/Windows
            context = multiprocessing.get_context("spawn")
        with context.Pool(self.n_process) as pool:
            jobs = ((batch, self.mode) for batch in _batches(records, self.batch_size))
            for reply in pool.imap(_extract_batch_star, jobs):
                yield from _check_identity(reply, "a worker process")


def _extract_batch_star(job: tuple[list[Record], str]) -> dict[str, Any]:
    return extract_batch(*job)


class DaskEngine:
    """Batches of articles on a ``dask.distributed`` cluster: the scheduler at ``scheduler`` (e.g.
    ``tcp://10.0.0.5:8786``), or a ``LocalCluster`` of ``n_workers`` single-threaded processes.

    Each worker loads the pipeline once (per process) and returns rows; at most ``in_flight`` batches are
    outstanding so memory stays flat on both sides, and results are yielded in input order.
    """

    name = "dask"

    def __init__(
        self,
        scheduler: str | None = None,
        n_workers: int | None = None,
        mode: str = "fast",
        batch_size: int = 16,
        in_flight: int | None = None,
        client: Any = None,
    ):
        self.scheduler = scheduler
        self.n_workers = n_workers
        self.mode = mode
        self.batch_size = batch_size
        self.in_flight = in_flight
        self.client = client

    def _connect(self) -> tuple[Any, Callable[[], None]]:
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover - a declared dependency
            raise WorkbenchError("the dask engine needs dask[distributed]: run `make setup`") from exc
        if self.client is not None:
            return self.client, lambda: None
        if self.scheduler:
            try:
                client = Client(self.scheduler, timeout="30s")
            except OSError as exc:
                raise WorkbenchError(f"cannot reach the Dask scheduler at {self.scheduler}: {exc}") from exc
            return client, client.close
        n_workers = self.n_workers or max(1, min(os.cpu_count() or 1, 8))
        cluster = LocalCluster(
            n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
        )
        client = Client(cluster)

        def close() -> None:
            client.close()
            cluster.close()

        return client, close

    def run(self, records: Iterable[Record]) -> Iterator[Result]:
        from distributed import wait

        client, close = self._connect()
        try:
            workers = max(1, len(client.scheduler_info().get("workers", {})) or (self.n_workers or 1))
            limit = self.in_flight or 3 * workers
            futures: list = []  # in input order
            batches = _batches(records, self.batch_size)
            exhausted = False
            while True:
                while not exhausted and len(futures) < limit:
                    batch = next(batches, None)
                    if batch is None:
                        exhausted = True
                        break
                    futures.append(client.submit(extract_batch, batch, self.mode, pure=False))
                if not futures:
                    break
                head = futures.pop(0)
                wait([head])
                reply = head.result()
                head.release()
                yield from _check_identity(reply, f"a Dask worker ({client.scheduler.address})")
        finally:
            close()


def make_engine(
    engine: str = "local", *, scheduler: str | None = None, n_process: int = 1, mode: str = "fast", batch_size: int = 16
) -> LocalEngine | DaskEngine:
    """The engine named ``engine`` ("local" or "dask")."""
    if engine == "local":
        if scheduler:
            raise WorkbenchError("--scheduler needs --engine dask")
        return LocalEngine(n_process=n_process, mode=mode, batch_size=batch_size)
    if engine == "dask":
        return DaskEngine(
            scheduler=scheduler, n_workers=n_process if n_process > 1 else None, mode=mode, batch_size=batch_size
        )
    raise WorkbenchError(f"unknown engine {engine!r} (use one of {', '.join(ENGINES)})")


def run_engine(
    engine: LocalEngine | DaskEngine,
    records: Sequence[Record] | Iterable[Record],
    progress: Callable[[int], None] | None = None,
) -> Iterator[Result]:
    for sha, tables in engine.run(records):
        if progress:
            progress(1)
        yield sha, tables
