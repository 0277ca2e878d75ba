"""Score the shipped compact models on the held-out treebank slice.

Usage::

    python training/evaluate.py de [--work work-models] [--model-dir DIR]

Needs the split written by ``python training/train.py`` (in the work
folder). Three measurements, all with the CoNLL 2018 scorer
(``stanza.models.common.utils.ud_scores``):

* ``raw``: end to end from raw text through :func:`eventcoder.parsing.parse_texts`
  (tokenizer, sentence repair rules, mwt, pos, lemma, depparse);
* ``gold_tok``: UPOS/UFeats/lemmas predicted on gold tokenization;
* ``gold_tags``: UAS/LAS of the parser given gold tokens, tags and lemmas.

Writes ``<work>/eval-<lang>.json`` and prints a Markdown table row.
"""

from __future__ import annotations

import argparse
import json
import logging
import time
from pathlib import Path

# train.py (next to this file) puts the repository root on sys.path
from train import REPO, SHORT, TREEBANK

from eventcoder.models import compact_model_dir

logger = logging.getLogger(__name__)

METRICS = ("Tokens", "Sentences", "Words", "UPOS", "UFeats", "Lemmas", "UAS", "LAS")


def _score(gold: Path, system: Path) -> dict[str, float]:
    from stanza.models.common.utils import ud_scores

    res = ud_scores(str(gold), str(system))
    return {m: round(100 * res[m].f1, 2) for m in METRICS}


def evaluate_language(lang: str, work: Path, model_dir: Path | None = None) -> dict:
    """Run the three measurements for ``lang``; return a dict of scores."""
    import stanza
    from stanza.utils.conll import CoNLL

    from eventcoder import parsing
    from eventcoder.conllu import write_conllu

    work = work.resolve()
    gold = work / "ud" / TREEBANK[lang] / f"{SHORT[lang]}-ud-test.conllu"
    raw = (work / "data" / "tokenize" / f"{SHORT[lang]}.test.txt").read_text(encoding="utf-8")
    model_dir = Path(model_dir) if model_dir else compact_model_dir(lang)
    out: dict = {"language": lang, "model_dir": str(model_dir)}

    # end to end from raw text
    t0 = time.time()
    (doc,) = parsing.parse_texts([raw], language=lang, model_dir=model_dir, use_cache=False,
                                 progress=False)
    secs = time.time() - t0
    sysfile = work / f"eval-{lang}-raw.conllu"
    sysfile.write_text(write_conllu([doc]), encoding="utf-8")
    out["raw"] = _score(gold, sysfile)
    nwords = sum(len(s.words) for s in doc.sentences)
    out["speed"] = {"seconds_incl_load": round(secs, 1), "sentences": len(doc.sentences),
                    "words": nwords}

    choice = parsing.resolve_models(lang, model_dir)
    nlp = parsing._pipeline(choice)
    # tagging and lemmas on gold tokens
    t0 = time.time()
    gdoc = CoNLL.conll2doc(input_file=str(gold))
    for sent in gdoc.sentences:
        for w in sent.words:
            w.upos = w.xpos = w.feats = w.lemma = None
    gdoc = nlp.process(gdoc, processors="pos,lemma")
    out["speed"]["tag_lemma_seconds"] = round(time.time() - t0, 1)
    sysfile = work / f"eval-{lang}-goldtok.conllu"
    CoNLL.write_doc2conll(gdoc, str(sysfile))
    out["gold_tok"] = _score(gold, sysfile)
    # parser with gold tags
    t0 = time.time()
    gdoc = CoNLL.conll2doc(input_file=str(gold))
    for sent in gdoc.sentences:
        for w in sent.words:
            w.head, w.deprel = None, None
    gdoc = nlp.process(gdoc, processors="depparse")
    out["speed"]["depparse_seconds"] = round(time.time() - t0, 1)
    sysfile = work / f"eval-{lang}-goldtags.conllu"
    CoNLL.write_doc2conll(gdoc, str(sysfile))
    out["gold_tags"] = _score(gold, sysfile)
    del stanza
    return out


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns an exit code."""
    ap = argparse.ArgumentParser(description="score compact models on the held-out split")
    ap.add_argument("language", choices=sorted(TREEBANK))
    ap.add_argument("--work", type=Path, default=REPO / "work-models")
    ap.add_argument("--model-dir", type=Path, default=None)
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    res = evaluate_language(args.language, args.work, args.model_dir)
    (args.work / f"eval-{args.language}.json").write_text(json.dumps(res, indent=2))
    r, t, g = res["raw"], res["gold_tok"], res["gold_tags"]
    print(json.dumps(res, indent=2))
    print(f"| {args.language} | {r['Tokens']} | {r['Sentences']} | {t['UPOS']} | {t['Lemmas']} "
          f"| {g['UAS']} | {g['LAS']} | {r['UPOS']} | {r['Lemmas']} | {r['UAS']} | {r['LAS']} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
