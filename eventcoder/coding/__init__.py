"""The coder: dependency trees + dictionaries -> CAMEO event records.

The algorithm is language-neutral; everything language-specific comes from
:class:`~eventcoder.dictionaries.LanguageResources`. For each verb of a
sentence the coder

1. looks up verb patterns by lemma (the parser's lemma, simplemma's lemma of the
   form, and the lemma joined with a separable particle: "fordern ... auf" ->
   "auffordern"), checking a pattern's required object noun ("Veto einlegen") or
   particle ("call on");
2. finds the source (subject; the agent of a passive; the subject shared with a
   coordinated verb; the controller of an infinitive; the antecedent of a
   relative pronoun) and the target (object, passive subject, the pattern's
   prepositional objects), each expanded over coordination ("Russland und China"
   -> one event each);
3. resolves actors from the noun phrases (:mod:`eventcoder.actors`), with
   pronouns and "das Land"/"die beiden Länder" resolved to actors named earlier
   in the document, and first-person pronouns inside reported speech to the
   speaker ("'Wir fordern ...', sagte Kirby");
4. sets the event's mode: negated, hypothetical (conditionals, "würde", content
   of an appeal or warning), future/intended, belief, question, or asserted.

The package, in the order the coder works:

- :mod:`~eventcoder.coding.clause`: options, document context, the sentence state;
- :mod:`~eventcoder.coding.tree`: questions about the dependency tree;
- :mod:`~eventcoder.coding.patterns`: verb keys and the verb pattern a verb matches;
- :mod:`~eventcoder.coding.arguments`: the words of the source and the target;
- :mod:`~eventcoder.coding.reference`: words to actors (pronouns, speaker);
- :mod:`~eventcoder.coding.targets`: targets found by searching where no argument names one;
- :mod:`~eventcoder.coding.modes`: the event's mode (modality);
- :mod:`~eventcoder.coding.sentence`: one sentence to events;
- :mod:`~eventcoder.coding.document`: documents to events.
"""

from ..dates import parse_date
from .clause import CodingOptions, DocumentContext
from .document import code_document, code_documents
from .sentence import RECIPROCAL_CODES, code_sentence

__all__ = ["RECIPROCAL_CODES", "CodingOptions", "DocumentContext", "code_document", "code_documents",
           "code_sentence", "parse_date"]
