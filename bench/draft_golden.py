"""Golden record of drafting: what ``l10n.draft`` makes of every benchmark and seed sentence.

A refactor of drafting must not change what it drafts. This script drives
``draft_segment``, ``translate_texts``, ``draft_catalog`` and ``retranslate`` with a
deterministic scripted engine whose reply is a function of the request alone (a
code-switched echo of the source with some renderings wrong, some Chinese left and stray
markup on a first attempt; clean on a strict retry for some sentences, never for others),
so that every repair path runs. It writes one JSON document: compare two runs with ``cmp``
or ``--compare``.

    python bench/draft_golden.py --out /tmp/golden-before.json
    python bench/draft_golden.py --out /tmp/golden-after.json --compare /tmp/golden-before.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = Path("/work/shared/eval/prc_gov.dev.zh")
SEEDS = Path("/work/shared/seeds")
HAN = re.compile(r"[\u3400-\u9fff]+")
PUNCT = str.maketrans({"，": ",", "。": ".", "；": ";", "：": ":", "！": "!", "？": "?", "、": ",", "（": "(", "）": ")",
                       "“": '"', "”": '"'})


def digest(text: str) -> int:
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest()[:12], 16)


def pinyin(run: str) -> str:
    from pypinyin import lazy_pinyin

    return " ".join(lazy_pinyin(run))


def written(rendering, broken: bool, k: int) -> str:
    """*rendering*'s English as the scripted model writes it: right, or wrong in one of several ways."""
    target = rendering.target
    if not broken:
        return target
    way = k % 5
    if way == 0 and rendering.forbidden:
        return rendering.forbidden[0]
    if way == 0 and len(target) >= 6:
        return target[: len(target) // 2] + target[len(target) // 2 + 1 :]  # a near miss
    if way == 1:
        return target.lower()
    if way == 2:
        return f"<{target}>"
    if way == 3 and rendering.category == "title":
        return "President"
    return target


def reply(request) -> str:
    from l10n.terms import Rendering  # noqa: F401 (for readers: request.required holds Renderings)

    h = digest(request.source)
    if not request.inline and not request.required:  # a leftover fragment on its own
        way = h % 3
        return request.source if way == 0 else (pinyin(request.source) if way == 1 else f"<{pinyin(request.source).title()}>.")
    mode = h % 4
    broken = mode == 3 or (mode in (1, 2) and not request.strict) or (mode == 2 and len(request.source) > 30)
    spans = sorted((r for r in request.required if r.end > r.start), key=lambda r: r.start)
    pieces, at = [], 0
    for k, r in enumerate(spans):
        if r.start < at or request.source[r.start : r.end] != r.source:
            continue
        english = written(r, broken, h + k) if r.enforced else (r.target if (h + k) % 2 else r.source)
        pieces += [request.source[at : r.start], f" {english} "]
        at = r.end
    pieces.append(request.source[at:])
    text = "".join(pieces)
    runs = HAN.findall(text)
    keep = runs[h % len(runs)] if broken and runs else None

    def swap(m: re.Match) -> str:
        return m.group(0) if m.group(0) == keep else f" {pinyin(m.group(0))} "

    text = HAN.sub(swap, text).translate(PUNCT)
    text = re.sub(r"\s+([,.;:!?)])", r"\1", re.sub(r" {2,}", " ", text)).strip()
    return text[:1].upper() + text[1:]


class GoldenEngine:
    name = "golden"
    model_id = "golden-1"
    model_sha256 = "0" * 64

    def __init__(self):
        self.log: list[dict] = []

    def translate(self, requests: Sequence, *, n_best: int = 1):
        from l10n.engines.base import Hypothesis

        out = []
        for request in requests:
            self.log.append({"source": request.source, "required": [r.comment() for r in request.required],
                             "context": request.context, "examples": [list(e) for e in request.examples],
                             "strict": request.strict, "feedback": list(request.feedback), "previous": request.previous,
                             "inline": request.inline})
            text = reply(request)
            h = digest(text)
            hyps = [Hypothesis(text, score=-(h % 50) / 100, tokens=len(text.split()))]
            if n_best > 1:
                hyps.append(Hypothesis(text.rstrip(".") + " indeed.", score=-(h % 37) / 100, tokens=len(text.split()) + 1))
            out.append(hyps[:n_best])
        return out


def record(draft, engine: GoldenEngine | None = None) -> dict:
    from l10n.draft import draft_notes

    out = {"source": draft.source, "text": draft.text, "notes": draft_notes(draft), "attempts": draft.attempts,
           "repairs": list(draft.repairs), "origin": draft.origin, "required": [r.comment() for r in draft.required],
           "findings": [f.note() for f in draft.findings]}
    if engine is not None:
        out["requests"] = engine.log
        engine.log = []
    return out


def seed_bulletins() -> list:
    from l10n.errors import L10nError
    from l10n.ingest import read_bulletin

    found = []
    for path in [*sorted(SEEDS.glob("*")), ROOT / "examples" / "bulletin.txt"]:
        try:
            found.append(read_bulletin(path))
        except L10nError:
            continue  # an English page: no Chinese sentences
    return found


def segments(matcher_on) -> list[tuple[str, list[str], object]]:
    """(name, sentences, matcher) per text: the benchmark lines, then each Chinese seed."""
    from l10n.config import load_config
    from l10n.glossary import load_glossary

    glossary = load_glossary(load_config(ROOT / "l10n.toml"))
    texts = [("prc_gov.dev", EVAL.read_text(encoding="utf-8").splitlines(), glossary.matcher(on=None))]
    for b in seed_bulletins():
        texts.append((b.slug, [s.text for s in b.segments], glossary.matcher(on=b.date)))
    return texts


def run_segments() -> dict:
    from l10n.draft import draft_segment, required_renderings, translate_texts
    from l10n.memory import Match

    out = {}
    for name, lines, matcher in segments(None):
        engine = GoldenEngine()
        drafted, acronyms, previous = [], set(), None
        for i, line in enumerate(lines):
            examples = (Match(previous, "An earlier sentence.", 81.0, f"{name}:{i}"),) if previous and i % 5 == 0 else ()
            draft = draft_segment(engine, line, required_renderings(line, matcher), context=previous, examples=examples,
                                  max_attempts=2 + i % 2, n_best=1 + (i % 7 == 0), acronyms=acronyms if i % 3 else None)
            drafted.append(record(draft, engine))
            previous = line
        out[f"segment:{name}"] = drafted
        texts = [record(d, engine) for d in translate_texts(lines, engine=engine, matcher=matcher, max_attempts=3, spell_out_acronyms=True)]
        out[f"texts:{name}"] = texts
    return out


def run_catalogs() -> dict:
    """draft_catalog over the seed bulletins in a throw-away project (one copy approved, so the
    other reuses it from the translation memory), a forced redraft, and retranslate of each entry."""
    import os

    from l10n.catalog import read_catalog, write_catalog
    from l10n.config import EXAMPLE, load_config
    from l10n.draft import draft_catalog, retranslate
    from l10n.ingest import ingest

    out = {}
    cwd = os.getcwd()
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        (project / "l10n.toml").write_text(EXAMPLE.replace("spell_out_acronyms = false", "spell_out_acronyms = true"), encoding="utf-8")
        for sub in ("glossary", "locales/templates", "models"):
            (project / sub).mkdir(parents=True)
        for csv in (ROOT / "glossary").glob("*.csv"):
            shutil.copy(csv, project / "glossary" / csv.name)
        os.chdir(project)
        try:
            cfg = load_config(project / "l10n.toml")
            paths = [b.path for b in seed_bulletins()]
            for k, path in enumerate(paths):
                for copy in ("a", "b"):
                    slug = f"s{k}{copy}"
                    ingest(path, template_path_for=cfg.template_path, slug=slug)
                    engine = GoldenEngine()
                    draft_catalog(cfg, slug, engine_factory=lambda: engine, batch_size=3)
                    catalog = read_catalog(cfg.catalog_path(slug))
                    out[f"catalog:{slug}"] = [[e.context, e.translation, e.fuzzy, e.notes] for e in catalog.entries]
                    out[f"catalog-requests:{slug}"] = engine.log
                    if copy == "a":  # approve every other draft: the copy reuses them
                        for i, e in enumerate(catalog.entries):
                            if i % 2 == 0:
                                e.fuzzy = False
                        write_catalog(catalog, cfg.catalog_path(slug))
                engine = GoldenEngine()
                draft_catalog(cfg, f"s{k}b", engine_factory=lambda: engine, batch_size=2, force=True, n_best=2)
                catalog = read_catalog(cfg.catalog_path(f"s{k}b"))
                out[f"forced:s{k}b"] = [[e.context, e.translation, e.fuzzy, e.notes] for e in catalog.entries]
                out[f"retranslate:s{k}b"] = []
                for entry in catalog.entries:
                    new = retranslate(cfg, catalog, entry, engine=engine)
                    out[f"retranslate:s{k}b"].append([new.context, new.translation, new.fuzzy, new.notes])
        finally:
            os.chdir(cwd)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--compare", type=Path, help="a previous --out: report the lines that differ")
    args = parser.parse_args()
    golden = {**run_segments(), **run_catalogs()}
    args.out.write_text(json.dumps(golden, ensure_ascii=False, indent=1), encoding="utf-8")
    lines = sum(len(v) for v in golden.values())
    print(f"{lines} records in {len(golden)} groups → {args.out}")
    if args.compare:
        before = json.loads(args.compare.read_text(encoding="utf-8"))
        differ = 0
        for key in sorted(before.keys() | golden.keys()):
            old, new = before.get(key, []), golden.get(key, [])
            for i in range(max(len(old), len(new))):
                if (old[i] if i < len(old) else None) != (new[i] if i < len(new) else None):
                    differ += 1
                    if differ <= 5:
                        print(f"differs: {key}[{i}]", file=sys.stderr)
        print(f"compared {sum(len(v) for v in before.values())} records: {differ} differ")
        return 1 if differ else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
