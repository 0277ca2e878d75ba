"""Build the stanza pipeline for a model choice, once per process and offline.

This is the only place that constructs ``stanza.Pipeline`` objects; they are kept
in ``_PIPELINES`` keyed by the model identity.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path
from typing import Any

from .resolution import ModelChoice, ModelsNotFoundError

#: one logger for the whole package, named as before the split ("eventcoder.parsing")
logger = logging.getLogger("eventcoder.parsing")

_PIPELINES: dict[str, Any] = {}


# -- issue 17: stanza warns "Trying to create pipeline for unsupported language: de" whenever a
# pipeline is built from explicit model files (allow_unknown_language=True, below), which
# eventcoder does on purpose for its shipped models; that one message is dropped at its source.
class _OwnModelsFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Trying to create pipeline for unsupported language")


logging.getLogger("stanza").addFilter(_OwnModelsFilter())


def _import_stanza() -> Any:
    try:
        import stanza
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise ImportError(
            "parsing needs stanza: pip install 'eventcoder[parse]'"
        ) from exc
    return stanza


def _empty_resources_dir() -> Path:
    folder = Path(tempfile.gettempdir()) / "eventcoder-stanza-offline"
    folder.mkdir(parents=True, exist_ok=True)
    res = folder / "resources.json"
    if not res.exists():
        res.write_text("{}\n")
    return folder


def _pipeline(choice: ModelChoice) -> Any:
    """Build (once per process) the stanza pipeline for a model choice."""
    nlp = _PIPELINES.get(choice.identity)
    if nlp is not None:
        return nlp
    stanza = _import_stanza()
    procs = choice.processors
    kwargs: dict[str, Any] = {
        "processors": ",".join(procs),
        "download_method": None,
        "logging_level": "WARN",
    }
    if choice.paths:
        kwargs["dir"] = str(_empty_resources_dir())
        kwargs["allow_unknown_language"] = True
        for proc, path in choice.paths.items():
            kwargs[f"{proc}_model_path"] = str(path)
    else:
        kwargs["dir"] = str(choice.directory)
    logger.info("loading stanza pipeline %s (%s)", choice.identity, kwargs["processors"])
    try:
        nlp = stanza.Pipeline(choice.language, **kwargs)
    except Exception as exc:
        raise ModelsNotFoundError(
            f"could not load the {choice.source} {choice.language} models from "
            f"{choice.directory}: {exc}. Fix: pass model_dir= with complete models, or run "
            f"`eventcoder models download {choice.language}`"
        ) from exc
    _PIPELINES[choice.identity] = nlp
    return nlp

