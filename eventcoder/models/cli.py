"""``eventcoder models list`` and ``eventcoder models download LANG...``.

Wire into the main argparse CLI with :func:`add_models_subcommands`; the handler
stored as ``func`` returns an exit code (the caller passes it to ``sys.exit``).
"""

from __future__ import annotations

import argparse
import logging

__all__ = ["add_models_subcommands", "cmd_models_download", "cmd_models_list"]

logger = logging.getLogger(__name__)


def cmd_models_list(args: argparse.Namespace) -> int:
    """Print the models available offline and which one each language uses."""
    from ..parsing import list_models

    df = list_models()
    if df.empty:
        print("no parsing models found")
        return 1
    print(df.to_string(index=False))
    return 0


def cmd_models_download(args: argparse.Namespace) -> int:
    """Download stanza's official models for the given languages."""
    from ..errors import UnknownLanguageError
    from ..parsing import download_models

    try:
        paths = download_models(args.languages, model_dir=args.model_dir)
    except UnknownLanguageError as exc:
        print(f"error: {exc}")
        return 2
    except Exception as exc:  # network or stanza errors: report, do not crash
        print(f"error: download failed: {exc}")
        return 1
    for p in paths:
        print(f"installed {p}")
    return 0


def add_models_subcommands(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the ``models`` command (``list``, ``download``) to an argparse subparsers object.

    Examples
    --------
    >>> import argparse
    >>> ap = argparse.ArgumentParser(prog="eventcoder")
    >>> _ = add_models_subcommands(ap.add_subparsers(dest="command"))
    >>> ap.parse_args(["models", "download", "de", "en"]).languages
    ['de', 'en']
    """
    models = subparsers.add_parser("models", help="list or download parsing models")
    sub = models.add_subparsers(dest="models_command", required=True)
    p_list = sub.add_parser("list", help="list parsing models available offline")
    p_list.set_defaults(func=cmd_models_list)
    p_dl = sub.add_parser("download", help="download stanza's official models (needs the network)")
    p_dl.add_argument("languages", nargs="+", help="language codes, e.g. de en")
    p_dl.add_argument("--model-dir", default=None,
                      help="target folder (default: stanza's resource folder)")
    p_dl.set_defaults(func=cmd_models_download)
    return models
