"""Direct, partial and indirect quotes with their speakers: the record's ``quotes``.

``find_quotes(doc)`` returns one dict per quote, in text order::

    {"text": "We will not allow ...", "kind": "direct",          # direct | partial | indirect
     "speaker": "Fares Khalil", "speaker_title": "Interior Ministry spokesperson",
     "speaker_org": "Interior Ministry", "speaker_rank": "Maj. Gen.", "speaker_kind": "official",
     "pronoun": False, "cue": "said", "start": 10, "end": 65,
     "speaker_start": 80, "speaker_end": 86, "cue_start": 87, "cue_end": 91}

How it works, in order:

1. Quote marks are paired per paragraph from the characters themselves (straight and curly double marks,
   guillemets, doubled apostrophes as news archives print them (``''Yes,'' he said``), and single marks only
   where they cannot be apostrophes). An opening mark left open at the end of a paragraph whose next paragraph
   opens with a mark is a quote running over paragraphs: its piece ends at the paragraph end and the pieces
   share one speaker.
2. A quote piece is *direct* when it stands as an utterance (sentence start, after ``:`` or ``,``), *partial*
   when it sits inside running text (``said Washington was "constantly evaluating its posture"``); a direct
   piece lying inside a clause reported by a cue with the reporter's own words around it becomes partial.
3. Its cue is, in order: a transcript label opening the quote (``"OKAFOR: ...``, the label is the speaker); a
   signature after it (``“...” ― Lena Ortiz``); a speech verb governing the quoted words in the parse; a
   speech verb right after the closing mark (``,” Khalil said``); one before the opening mark in the same
   sentence (``Limbaugh continued: “...”``); a speech noun ("statement") in the sentence; else the previous
   quote's speaker and cue when nothing but its attribution lies between them (continuation: the pieces of
   one utterance share its cue).
4. Indirect quotes are the clausal complements of speech verbs ("X said (that) ..."), including a reported
   sentence around a parenthetical attribution ("The bridge, Mr. Osei said, will ..."); the clauses carrying
   "according to X"; the that-clauses and to-infinitives of verbs of belief, intention and evidence ("believes
   ...", "wants to ...", "urged residents to ..."); the objects of verbs whose object is what was said
   ("cited ...", "called for ...", "accused X of ..."); the that-clauses and objects of claim nouns with an
   owner ("the ministry's claim that ..."); and a headline's "Name: claim" or "Name Says Claim". Belief and
   object verbs need a speaker: "is expected to travel" reports nobody.
5. The speaker is read from the cue in the parse (subject, inverted subject, agent, "according to" object,
   "a statement from X", the subject of "released a statement ...", the issuer of an earlier statement for
   "the statement said"), then widened to a name, a title before the name, an apposition after it ("X, a ...
   analyst at Y"), resolved to the first full mention of the same surname, or, for pronouns (and possessives:
   "its report"), to the most recent named person speaker or subject.

Every cue word, role noun, rank and speaker-kind word comes from ``data/speech.yaml``.

Modules, in the order the work runs: ``lexicon`` (the word lists), ``marks`` (pairing quote marks into pieces),
``context`` (the per-document state the steps share), ``cues`` (cue words in the parse), ``direct`` (direct and
partial pieces and their attribution), ``indirect`` (reported speech), ``speakers`` (the speaker phrase from the
parse), ``resolve`` (speakers across the report), ``finder`` (the order of work and ``find_quotes``).
"""

from eventwire.extractors.quotes.finder import find_quotes
from eventwire.extractors.quotes.lexicon import KIND_ORDER, SPEECH_YAML, SpeechLexicon, default_lexicon

__all__ = ["KIND_ORDER", "SPEECH_YAML", "SpeechLexicon", "default_lexicon", "find_quotes"]
