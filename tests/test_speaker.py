"""The speaker of a speech or statement: first-person pronouns outside a quoted speaker's
sentence are that actor (``# speaker`` metadata, a ``speaker`` column)."""

from __future__ import annotations

import logging

import pandas as pd
import pytest

from eventcoder import load_language, read_conllu
from eventcoder.coding import code_document

SPEECH = """# newdoc id = address
# date = 2022-03-01
{speaker}# sent_id = 1
# text = I spoke with the Prime Minister of Canada.
1	I	I	PRON	PRP	Case=Nom|Number=Sing|Person=1|PronType=Prs	2	nsubj	_	_
2	spoke	speak	VERB	VBD	Mood=Ind|Tense=Past|VerbForm=Fin	0	root	_	_
3	with	with	ADP	IN	_	6	case	_	_
4	the	the	DET	DT	Definite=Def|PronType=Art	6	det	_	_
5	Prime	Prime	PROPN	NNP	Number=Sing	6	compound	_	_
6	Minister	Minister	PROPN	NNP	Number=Sing	2	obl	_	_
7	of	of	ADP	IN	_	8	case	_	_
8	Canada	Canada	PROPN	NNP	Number=Sing	6	nmod	_	SpaceAfter=No
9	.	.	PUNCT	.	_	2	punct	_	_

# sent_id = 2
# text = "We condemn Russia," said Biden.
1	"	"	PUNCT	``	_	4	punct	_	SpaceAfter=No
2	We	we	PRON	PRP	Case=Nom|Number=Plur|Person=1|PronType=Prs	3	nsubj	_	_
3	condemn	condemn	VERB	VBP	Mood=Ind|Tense=Pres|VerbForm=Fin	7	ccomp	_	_
4	Russia	Russia	PROPN	NNP	Number=Sing	3	obj	_	SpaceAfter=No
5	,	,	PUNCT	,	_	3	punct	_	SpaceAfter=No
6	"	"	PUNCT	''	_	3	punct	_	_
7	said	say	VERB	VBD	Mood=Ind|Tense=Past|VerbForm=Fin	0	root	_	_
8	Biden	Biden	PROPN	NNP	Number=Sing	7	nsubj	_	SpaceAfter=No
9	.	.	PUNCT	.	_	7	punct	_	_
"""


def _events(speaker_line: str) -> list[tuple[str, str, str]]:
    doc = read_conllu(SPEECH.format(speaker=speaker_line))[0]
    return [(e.source, e.target, e.event_code) for e in code_document(doc, load_language("en"))]


@pytest.mark.parametrize("speaker", ["UKRGOV", "Volodymyr Zelensky", "zelensky"])
def test_document_speaker_is_the_first_person(speaker):
    events = _events(f"# speaker = {speaker}\n")
    assert ("UKRGOV", "CANGOV", "040") in events
    # a quoted speaker in the sentence wins over the document's
    assert ("USAGOV", "RUS", "111") in events and ("UKRGOV", "RUS", "111") not in events


def test_without_a_speaker_i_is_nobody_known():
    assert not [e for e in _events("") if e[0] == "UKRGOV"]


def test_unknown_speaker_is_logged_not_guessed(caplog):
    with caplog.at_level(logging.WARNING, logger="eventcoder.coding"):
        events = _events("# speaker = Nobody Inparticular\n")
    assert not [e for e in events if e[0] == "UKRGOV"]
    assert "'address'" in caplog.text and "Nobody Inparticular" in caplog.text


@pytest.mark.stanza
def test_speaker_column_in_code_articles():
    from eventcoder import code_articles

    text = "I spoke with the Prime Minister of Canada."
    frame = code_articles(pd.DataFrame({
        "id": ["a", "b", "c"], "date": ["2022-03-01"] * 3, "language": ["en"] * 3,
        "text": [text] * 3, "speaker": ["UKRGOV", "Volodymyr Zelensky", None]}), progress=False)
    rows = set(zip(frame["doc_id"], frame["source"], frame["target"], frame["event_code"]))
    assert {("a", "UKRGOV", "CANGOV", "040"), ("b", "UKRGOV", "CANGOV", "040")} <= rows
    assert not [r for r in rows if r[0] == "c" and r[1] == "UKRGOV"]
