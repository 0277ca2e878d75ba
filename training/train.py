"""Train the compact stanza models shipped with eventcoder, fully offline.

Usage (from the repository root; see ``training/README.md``)::

    python training/train.py de      # German
    python training/train.py en      # English
    python training/train.py de --shared /path/to/shared --work work-models

The recipe uses only CC BY-SA treebanks from ``<shared>/ud`` and stanza's own
data-preparation and training entry points (``stanza.utils.datasets.prepare_*``,
``stanza.utils.training.run_*``), without character language models and without
pretrained word vectors, with small hidden sizes and capped steps so that a
language trains in about 20-30 minutes on 2 CPU cores.

Data split (deterministic, by sentence position in the original files):

German
    test (held out): the first 400 sentences of GSD test;
    dev (early stopping): the last 150 sentences of PUD;
    train: GSD dev, GSD test from sentence 401, PUD sentences 1-850.
    XPOS is blanked everywhere (GSD uses STTS, PUD PTB-like tags).
English
    test (held out): the first 500 sentences of EWT test;
    dev: EWT test sentences 501-700;
    train: EWT dev, EWT test from sentence 701, all PUD, Atis train 1-1500.

Final weights are converted to float16 and copied to ``eventcoder/models/<lang>/``.
"""

from __future__ import annotations

import argparse
import glob
import json
import logging
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# the eventcoder of this checkout, whatever is installed: install() writes into its models/
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def _models_module():
    """``eventcoder.models`` of this checkout, loaded by file path.

    Importing it as ``eventcoder.models`` runs ``eventcoder/__init__.py``, which needs
    the package's dependencies (pandas, simplemma, ...); the training machine (a GPU
    box with only torch and stanza) has none of them.
    """
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "_eventcoder_models", REPO / "eventcoder" / "models" / "__init__.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


_MODELS = _models_module()
PROCESSORS: dict[str, str] = _MODELS.PROCESSORS
compact_model_dir = _MODELS.compact_model_dir

logger = logging.getLogger(__name__)

#: name of the combined treebank per language (stanza short name ``de_ecnews``)
TREEBANK = {"de": "UD_German-Ecnews", "en": "UD_English-Ecnews"}
SHORT = {"de": "de_ecnews", "en": "en_ecnews"}

# (treebank folder, file, start, stop) slices; stop None = to the end
SPLITS: dict[str, dict[str, list[tuple[str, str, int, int | None]]]] = {
    "de": {
        "test": [("UD_German-GSD", "de_gsd-ud-test.conllu", 0, 400)],
        "dev": [("UD_German-PUD", "de_pud-ud-test.conllu", 850, None)],
        "train": [
            ("UD_German-GSD", "de_gsd-ud-dev.conllu", 0, None),
            ("UD_German-GSD", "de_gsd-ud-test.conllu", 400, None),
            ("UD_German-PUD", "de_pud-ud-test.conllu", 0, 850),
        ],
    },
    "en": {
        "test": [("UD_English-EWT", "en_ewt-ud-test.conllu", 0, 500)],
        "dev": [("UD_English-EWT", "en_ewt-ud-test.conllu", 500, 700)],
        "train": [
            ("UD_English-EWT", "en_ewt-ud-dev.conllu", 0, None),
            ("UD_English-EWT", "en_ewt-ud-test.conllu", 700, None),
            ("UD_English-PUD", "en_pud-ud-test.conllu", 0, None),
            ("UD_English-Atis", "en_atis-ud-train.conllu", 0, 1500),
        ],
    },
}
BLANK_XPOS = {"de": True, "en": False}

#: training arguments per processor (small models, capped steps for CPUs)
TRAIN_ARGS: dict[str, list[str]] = {
    "tokenize": ["--no_charlm", "--steps", "400", "--eval_steps", "400"],
    "mwt": ["--num_epoch", "15"],
    "pos": ["--no_charlm", "--no_pretrain", "--hidden_dim", "128", "--char_hidden_dim", "100",
            "--batch_size", "48", "--max_steps", "800", "--eval_interval", "200",
            "--fix_eval_interval"],
    "lemma": ["--no_charlm", "--no_use_secondary_file", "--num_epoch", "4", "--batch_size", "400"],
    "depparse": ["--no_charlm", "--no_pretrain", "--hidden_dim", "200", "--num_layers", "2",
                 "--char_hidden_dim", "100", "--batch_size", "1000", "--max_steps", "400",
                 "--eval_interval", "100"],
}
#: per-language replacements of TRAIN_ARGS values (the English tagger's steps are about
#: twice as slow; the shipped one stopped at 400)
LANG_ARGS: dict[str, dict[str, dict[str, str]]] = {
    "en": {"lemma": {"--dict_only": ""}, "pos": {"--max_steps": "1000", "--batch_size": "100"}},
}
#: the GPU recipe (``--profile gpu``): the same model sizes (so the files keep their
#: size), stanza's GPU batch sizes (tagger 250 sentences, parser 5000 tokens), many
#: more steps, dev evaluation every 100 steps (the best dev checkpoint is kept), an
#: earlier switch to the second optimizer, and no per-eval parser checkpoint files
#: (fp32 model + optimizer state, ~160 MB a write). Meant to be run with a time limit
#: (``--time-limit`` / ``--budget``) that ends training in time whatever the speed.
GPU_TRAIN_ARGS: dict[str, list[str]] = {
    **TRAIN_ARGS,
    "pos": ["--no_charlm", "--no_pretrain", "--hidden_dim", "128", "--char_hidden_dim", "100",
            "--batch_size", "250", "--max_steps", "4000", "--eval_interval", "100",
            "--fix_eval_interval", "--max_steps_before_stop", "1000"],
    "depparse": ["--no_charlm", "--no_pretrain", "--hidden_dim", "200", "--num_layers", "2",
                 "--char_hidden_dim", "100", "--batch_size", "5000", "--max_steps", "8000",
                 "--eval_interval", "100", "--max_steps_before_stop", "1000",
                 "--second_optim_start_step", "3000", "--no_checkpoint"],
}
GPU_LANG_ARGS: dict[str, dict[str, dict[str, str]]] = {
    "en": {"lemma": {"--dict_only": ""}},
}
PROFILES = {"cpu": (TRAIN_ARGS, LANG_ARGS), "gpu": (GPU_TRAIN_ARGS, GPU_LANG_ARGS)}
#: seconds kept free after the last training run of a ``--budget`` (the entry point
#: scores dev and test, the process ends, the float16 conversion)
BUDGET_RESERVE = 45.0

MODEL_GLOB = {
    "tokenize": "saved_models/tokenize/{short}*tokenizer.pt",
    "mwt": "saved_models/mwt/{short}*mwt*.pt",
    "pos": "saved_models/pos/{short}*tagger.pt",
    "lemma": "saved_models/lemma/{short}*lemmatizer.pt",
    "depparse": "saved_models/depparse/{short}*parser.pt",
}


def default_shared() -> Path:
    """The shared folder: ``$EVENTCODER_SHARED`` or ``../shared`` next to the repository."""
    env = os.environ.get("EVENTCODER_SHARED")
    return Path(env) if env else REPO.parent / "shared"


def _read_sentences(path: Path) -> list[str]:
    blocks, cur = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            cur.append(line)
        elif cur:
            blocks.append("\n".join(cur))
            cur = []
    if cur:
        blocks.append("\n".join(cur))
    return blocks


def _clean(block: str, blank_xpos: bool) -> str:
    out = []
    for line in block.split("\n"):
        if line.startswith("#"):
            if line.startswith("# newdoc") or line.startswith("# newpar"):
                continue
            out.append(line)
            continue
        cols = line.split("\t")
        if blank_xpos and len(cols) == 10 and cols[0].isdigit():
            cols[4] = "_"
        out.append("\t".join(cols))
    return "\n".join(out)


def prepare_data(lang: str, shared: Path, work: Path) -> Path:
    """Write the train/dev/test split for ``lang`` as a UD-style treebank folder."""
    tb = TREEBANK[lang]
    folder = work / "ud" / tb
    folder.mkdir(parents=True, exist_ok=True)
    for split, parts in SPLITS[lang].items():
        blocks: list[str] = []
        for tbdir, fname, start, stop in parts:
            sents = _read_sentences(shared / "ud" / tbdir / fname)
            blocks.extend(_clean(b, BLANK_XPOS[lang]) for b in sents[start:stop])
        out = folder / f"{SHORT[lang]}-ud-{split}.conllu"
        out.write_text("\n\n".join(blocks) + "\n\n", encoding="utf-8")
        logger.info("%s: %d sentences", out, len(blocks))
    return folder


def _run(module: str, args: list[str], work: Path, env: dict[str, str], log: Path,
         end: float | None = None) -> None:
    if end is None:
        cmd = [sys.executable, "-m", module, *args]
    else:  # training with a wall-clock end (see timed_run.py)
        cmd = [sys.executable, str(Path(__file__).with_name("timed_run.py")), f"{end:.0f}",
               module, *args]
    logger.info("running %s", " ".join(cmd))
    t0 = time.time()
    with open(log, "a", encoding="utf-8") as fh:
        fh.write(f"\n===== {' '.join(cmd)}\n")
        fh.flush()
        subprocess.run(cmd, cwd=work, env=env, stdout=fh, stderr=subprocess.STDOUT, check=True)
    logger.info("%s done in %.0f s", module, time.time() - t0)


def find_model(lang: str, proc: str, work: Path) -> Path:
    """Path of the trained stanza model for one processor (in the work folder)."""
    hits = [Path(p) for p in glob.glob(str(work / MODEL_GLOB[proc].format(short=SHORT[lang])))]
    hits = [p for p in hits if "checkpoint" not in p.name]
    if not hits:
        raise FileNotFoundError(f"no trained {proc} model for {lang} under {work}")
    return max(hits, key=lambda p: p.stat().st_mtime)


def to_float16(src: Path, dst: Path) -> None:
    """Copy a stanza model file, storing floating-point tensors as float16."""
    import torch

    def conv(obj):
        if torch.is_tensor(obj):
            return obj.half() if obj.is_floating_point() else obj
        if isinstance(obj, dict):
            return {k: conv(v) for k, v in obj.items() if k not in ("optimizer", "scheduler")}
        if isinstance(obj, list):
            return [conv(v) for v in obj]
        if isinstance(obj, tuple):
            return tuple(conv(v) for v in obj)
        return obj

    state = torch.load(src, map_location="cpu", weights_only=False)
    dst.parent.mkdir(parents=True, exist_ok=True)
    torch.save(conv(state), dst)


def retag_depparse_data(lang: str, work: Path, env: dict[str, str], log: Path) -> None:
    """Replace gold UPOS/XPOS/feats in the parser's train and dev data by our tagger's.

    The parser then learns from the kind of tags it will see at run time, which
    helps end-to-end LAS. The test file keeps gold tags (for the gold-tag score).
    """
    try:
        tagger = find_model(lang, "pos", work)
    except FileNotFoundError:
        logger.warning("no tagger trained for %s; the parser trains on gold tags", lang)
        return
    data = work / "data" / "depparse"
    for split in ("train", "dev"):
        src = data / f"{SHORT[lang]}.{split}.in.conllu"
        gold = data / f"{SHORT[lang]}.{split}.gold-tags.conllu"
        if not src.exists():
            continue
        shutil.copyfile(src, gold)
        args = ["--mode", "predict", "--lang", lang, "--shorthand", SHORT[lang],
                "--no_pretrain", "--save_dir", str(tagger.parent), "--save_name", tagger.name,
                "--eval_file", str(gold), "--output_file", str(src)]
        try:
            _run("stanza.models.tagger", args, work, env, log)
        except subprocess.CalledProcessError:
            logger.warning("retagging %s failed; the parser trains on gold tags", src)
            shutil.copyfile(gold, src)


def train(lang: str, shared: Path, work: Path, steps: list[str], threads: int = 2,
          retag: bool = True, profile: str = "cpu", time_limit: dict[str, float] | None = None,
          budget: float | None = None, max_steps: int | None = None,
          prepare_only: bool = False) -> None:
    """Prepare data and train the requested processors for ``lang``.

    ``profile`` picks the recipe (``PROFILES``: "cpu", the default, or "gpu").
    ``time_limit`` caps the training loop of a processor (seconds); ``budget`` ends the
    whole call by then (seconds from its start, ``BUDGET_RESERVE`` kept for the last
    scoring): each training run stops at the earlier of the two, keeping its best
    dev checkpoint. ``max_steps`` overrides every ``--max_steps`` (smoke tests).
    ``prepare_only`` writes the split and stanza's data files, and trains nothing
    (what ``evaluate.py`` needs: ``--steps tokenize --prepare-only``).
    """
    t_start = time.time()
    train_args, lang_args = PROFILES[profile]
    time_limit = time_limit or {}
    work = work.resolve()
    prepare_data(lang, shared, work)
    env = dict(os.environ)
    env.update(UDBASE=str(work / "ud"), DATA_ROOT=str(work / "data"),
               OMP_NUM_THREADS=str(threads), MKL_NUM_THREADS=str(threads),
               STANZA_RESOURCES_DIR=str(work / "stanza_resources"))
    (work / "stanza_resources").mkdir(exist_ok=True)
    (work / "stanza_resources" / "resources.json").write_text("{}")
    log = work / f"train-{lang}.log"
    tb = TREEBANK[lang]
    for proc in steps:
        if proc == "mwt" and lang != "de":
            continue
        prep = ["prepare_tokenizer_treebank" if proc == "tokenize" else
                f"prepare_{proc}_treebank", tb]
        if proc in ("lemma", "depparse"):
            prep.append("--gold")
        _run(f"stanza.utils.datasets.{prep[0]}", prep[1:], work, env, log)
        if prepare_only:
            continue
        if proc == "depparse" and retag:
            retag_depparse_data(lang, work, env, log)
        # a checkpoint left by an earlier run (other sizes) would be resumed and crash
        for stale in (work / "saved_models" / proc).glob(f"{SHORT[lang]}*checkpoint*.pt"):
            logger.info("removing stale checkpoint %s", stale)
            stale.unlink()
        runner = "stanza.utils.training.run_" + ("tokenizer" if proc == "tokenize" else proc)
        targs = list(train_args[proc])
        for flag, value in lang_args.get(lang, {}).get(proc, {}).items():
            if flag in targs:
                targs[targs.index(flag) + 1] = value
            else:
                targs += [flag, value] if value else [flag]
        if max_steps is not None and "--max_steps" in targs:
            targs[targs.index("--max_steps") + 1] = str(max_steps)
            if "--eval_interval" in targs:  # evaluate (and save the best) at least once
                i = targs.index("--eval_interval") + 1
                targs[i] = str(min(int(targs[i]), max_steps))
        end = None
        if proc in time_limit:
            end = time.time() + time_limit[proc]
        if budget is not None and proc in ("pos", "depparse"):
            end = min(end or float("inf"), t_start + budget - BUDGET_RESERVE)
        if end is not None:
            logger.info("%s: training stops by %s (%.0f s from now)", proc,
                        time.strftime("%H:%M:%S", time.localtime(end)), end - time.time())
        _run(runner, [tb, "--force", *targs], work, env, log, end=end)
        # TRAIN mode has already scored dev and test; the CPU recipe scores test again
        for mode in (("--score_test",) if profile == "cpu" else ()):
            try:
                flags = [a for a in train_args[proc] if a in ("--no_charlm", "--no_pretrain")]
                _run(runner, [tb, mode, *flags], work, env, log)
            except subprocess.CalledProcessError:
                logger.warning("scoring %s failed (see %s)", proc, log)


def install(lang: str, work: Path, out: Path | None = None,
            procs: list[str] | None = None) -> dict[str, int]:
    """Convert trained models to float16 into ``out`` (default ``eventcoder/models/<lang>/``).

    ``procs`` limits the conversion to some processors (default all).
    """
    out = Path(out) if out else compact_model_dir(lang)
    sizes = {}
    for proc, fname in PROCESSORS.items():
        if proc == "mwt" and lang != "de":
            continue
        if procs is not None and proc not in procs:
            continue
        src = find_model(lang, proc, work.resolve())
        to_float16(src, out / fname)
        sizes[fname] = (out / fname).stat().st_size
        logger.info("%s -> %s (%.1f MB)", src, out / fname, sizes[fname] / 1e6)
    (out / "resources.json").write_text("{}\n")
    return sizes


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns an exit code."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("language", choices=sorted(TREEBANK))
    ap.add_argument("--shared", type=Path, default=None,
                    help="shared folder with ud/ (default $EVENTCODER_SHARED or ../shared)")
    ap.add_argument("--work", type=Path, default=REPO / "work-models",
                    help="work folder for data and checkpoints (default work-models/)")
    ap.add_argument("--steps", default=",".join(PROCESSORS),
                    help="comma-separated processors to train (default all)")
    ap.add_argument("--threads", type=int, default=1,
                    help="torch threads (default 1: faster than 2 on a busy 2-core machine)")
    ap.add_argument("--no-retag", action="store_true",
                    help="train the parser on gold tags instead of our tagger's tags")
    ap.add_argument("--no-install", action="store_true",
                    help="do not copy float16 models into eventcoder/models/<lang>/")
    ap.add_argument("--install-only", action="store_true")
    ap.add_argument("--install-dir", type=Path, default=None,
                    help="write the float16 models of the trained --steps here instead of "
                         "eventcoder/models/<lang>/ (the GPU run)")
    ap.add_argument("--profile", choices=sorted(PROFILES), default="cpu",
                    help="training recipe: cpu (default; TRAIN_ARGS) or gpu (GPU_TRAIN_ARGS)")
    ap.add_argument("--time-limit", default="",
                    help="cap training loops, seconds per processor, e.g. pos=170,depparse=250 "
                         "(the best dev checkpoint is kept)")
    ap.add_argument("--budget", type=float, default=None,
                    help="seconds for the whole run: the tagger and parser training stop so "
                         f"that it ends by then ({BUDGET_RESERVE:.0f} s kept for scoring)")
    ap.add_argument("--max-steps", type=int, default=None,
                    help="override every --max_steps of the recipe (smoke tests)")
    ap.add_argument("--prepare-only", action="store_true",
                    help="write the split and stanza's data files only (no training, no "
                         "install): `--steps tokenize --prepare-only` is what evaluate.py needs")
    args = ap.parse_args(argv)
    time_limit = {k: float(v) for k, v in
                  (item.split("=") for item in args.time_limit.split(",") if item)}
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    shared = args.shared or default_shared()
    if not args.install_only and not (shared / "ud").is_dir():
        logger.error("no treebanks under %s; pass --shared DIR", shared / "ud")
        return 2
    t0 = time.time()
    if not args.install_only:
        train(args.language, shared, args.work, args.steps.split(","), args.threads,
              retag=not args.no_retag, profile=args.profile, time_limit=time_limit,
              budget=args.budget, max_steps=args.max_steps, prepare_only=args.prepare_only)
    if args.prepare_only:
        pass
    elif args.install_dir is not None:
        sizes = install(args.language, args.work, args.install_dir, args.steps.split(","))
        logger.info("sizes: %s", json.dumps(sizes))
    elif not args.no_install:
        sizes = install(args.language, args.work)
        logger.info("sizes: %s", json.dumps(sizes))
    logger.info("total %.1f min", (time.time() - t0) / 60)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
