"""Run a stanza training entry point with a wall-clock end: ``python -m MODULE ARGS`` plus a clock.

Usage (``train.py`` calls it when a time limit is set)::

    python training/timed_run.py END MODULE [ARGS ...]

``END`` is a time in seconds since the epoch. Once it has passed, the tagger or the
parser stops training after the step in progress, exactly as if ``--max_steps`` had
been reached: stanza keeps the model it saved at the best dev score so far, and the
entry point (``stanza.utils.training.run_pos`` / ``run_depparse``) goes on to score it
on dev and test. The stop never falls inside a model save (it happens in the update
step), so the saved file is always whole.

The limit is set on the trainer's arguments and on the dict that ``tagger.train`` /
``parser.train`` loop over (the parser's second stage reloads its trainer with a copy).
Should the loop still not stop, the next update raises :class:`TimeLimitReached`,
which this runner catches: the process ends with status 0, without the dev/test
scoring.
"""

from __future__ import annotations

import logging
import runpy
import sys
import time

logger = logging.getLogger("stanza")


class TimeLimitReached(Exception):
    """Raised inside a training step after the time limit, if the loop did not stop."""


#: the argument dicts that the training loops read ``max_steps`` from
_LOOP_ARGS: list[dict] = []


def _capture(module) -> None:
    original = module.train

    def train(args, *rest, **kwargs):
        _LOOP_ARGS.append(args)
        try:
            return original(args, *rest, **kwargs)
        except UnboundLocalError:
            # stanza 1.15's tagger.train ends with ``return trainer, _``, where ``_`` is
            # bound only by a dev evaluation: stopped before the first one, it has saved
            # the final model and then fails; the runner ignores the return value
            if module.__name__ != "stanza.models.tagger":
                raise
            logger.info("training stopped before the first dev evaluation; final model saved")
            return None, None

    module.train = train


def _limit(cls: type, end: float) -> None:
    original = cls.update

    def update(self, *args, **kwargs):
        if getattr(self, "_eventcoder_stopped", False):
            raise TimeLimitReached
        out = original(self, *args, **kwargs)
        if time.time() >= end:
            logger.info("time limit reached: training stops after this step "
                        "(the best dev checkpoint is kept)")
            for args in [self.args, *_LOOP_ARGS]:
                args["max_steps"] = 1  # the loops stop at global_step >= max_steps
            self._eventcoder_stopped = True
        return out

    cls.update = update


def main(argv: list[str]) -> int:
    """Patch the tagger's and parser's update steps, then run ``MODULE`` as ``__main__``."""
    end, module, rest = float(argv[0]), argv[1], argv[2:]
    from stanza.models import parser, tagger
    from stanza.models.depparse.trainer import Trainer as ParserTrainer
    from stanza.models.pos.trainer import Trainer as TaggerTrainer

    _capture(tagger)
    _capture(parser)
    _limit(TaggerTrainer, end)
    _limit(ParserTrainer, end)
    sys.argv = [module, *rest]
    try:
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    except TimeLimitReached:
        logger.info("time limit reached; the training loop did not stop by itself: "
                    "ended without the dev/test scoring")
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
