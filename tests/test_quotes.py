"""Quotes and their speakers (extractors/quotes.py). Every snippet is fictional, written for these tests.

The spaCy pipeline comes from the session fixture ``nlp`` in ``conftest.py`` (loaded once).
"""

from __future__ import annotations

import random

import pytest

from eventwire.extractors.quotes import SPEECH_YAML, SpeechLexicon, find_quotes

pytestmark = pytest.mark.slow

KEYS = {
    "text", "kind", "speaker", "speaker_title", "speaker_org", "speaker_rank", "speaker_kind", "pronoun",
    "cue", "start", "end", "speaker_start", "speaker_end", "cue_start", "cue_end",
}  # fmt: skip


def _names_speaker(mention: str, speaker: str) -> bool:
    """The speaker span is the name, part of it (a surname), or a phrase ending in the same word."""
    if mention == speaker or mention in speaker:
        return True
    last = speaker.split()[-1].lower()
    return mention.lower().split()[-1] == last or speaker.lower() in mention.lower()


def quotes(nlp, text: str, lexicon: SpeechLexicon | None = None) -> list[dict]:
    doc = nlp(text)
    assert doc.text == text
    found = find_quotes(doc, lexicon)
    starts = [q["start"] for q in found]
    assert starts == sorted(starts), "quotes come in text order"
    for q in found:
        assert set(q) == KEYS
        assert q["kind"] in ("direct", "indirect", "partial")
        assert q["speaker_kind"] in ("official", "media", "monitor", "anonymous", "witness", "expert", "unknown")
        assert text[q["start"] : q["end"]] == q["text"]
        if q["cue"] is not None:
            assert text[q["cue_start"] : q["cue_end"]] == q["cue"]
        if q["speaker"] is not None:
            mention = text[q["speaker_start"] : q["speaker_end"]]
            assert _names_speaker(mention, q["speaker"]), (mention, q["speaker"])
        else:
            assert q["speaker_start"] is None and q["speaker_end"] is None
    return found


def one(found: list[dict], kind: str, startswith: str) -> dict:
    hits = [q for q in found if q["kind"] == kind and q["text"].startswith(startswith)]
    assert len(hits) == 1, [(q["kind"], q["text"]) for q in found]
    return hits[0]


# ------------------------------------------------------------------------------------------ direct quotes

CHECKPOINT = (
    "Interior Ministry spokesperson Brig. Gen. Samer Aziz said border guards had detained 14 smugglers near "
    "the northern crossing.\n\n"
    '"We will not let the smugglers use the chaos," Aziz said, "and we will close every route they use."\n\n'
    "He added that patrols would be doubled before the holiday."
)


def test_split_straight_quote_with_surname_back_reference(nlp):
    found = quotes(nlp, CHECKPOINT)
    first = one(found, "direct", "We will not let")
    second = one(found, "direct", "and we will close")
    for q in (first, second):
        assert q["speaker"] == "Samer Aziz"
        assert q["speaker_title"] == "Interior Ministry spokesperson"
        assert q["speaker_org"] == "Interior Ministry"
        assert q["speaker_rank"] == "Brig. Gen."
        assert q["speaker_kind"] == "official"
        assert q["cue"] == "said"
        assert CHECKPOINT[q["speaker_start"] : q["speaker_end"]] == "Aziz"
    assert first["text"] == "We will not let the smugglers use the chaos"  # the comma before the mark goes


def test_pronoun_takes_the_most_recent_named_speaker(nlp):
    found = quotes(nlp, CHECKPOINT)
    added = one(found, "indirect", "patrols would be doubled")
    assert added["speaker"] == "Samer Aziz" and added["pronoun"] is True
    assert added["cue"] == "added"
    assert CHECKPOINT[added["speaker_start"] : added["speaker_end"]] in ("Aziz", "Samer Aziz")


def test_curly_quote_inverted_cue_apposition_title_and_org(nlp):
    text = (
        "“The ceasefire is holding, but only just,” said Nadim Farouk, a Gulf security analyst at the "
        "Meridian Policy Institute."
    )
    q = one(quotes(nlp, text), "direct", "The ceasefire is holding")
    assert q["text"] == "The ceasefire is holding, but only just"
    assert q["speaker"] == "Nadim Farouk"
    assert q["speaker_title"] == "Gulf security analyst"
    assert q["speaker_org"] == "Meridian Policy Institute"
    assert q["speaker_kind"] == "expert"
    assert q["cue"] == "said"


def test_apposition_with_participle_and_she_added(nlp):
    text = (
        "Rana Suleiman, a Lebanese migration researcher based in Beirut, said the camps were overcrowded. "
        "“Nobody is planning for the winter,” she added."
    )
    found = quotes(nlp, text)
    said = one(found, "indirect", "the camps were overcrowded")
    assert said["speaker"] == "Rana Suleiman"
    assert said["speaker_title"] == "Lebanese migration researcher"
    assert said["speaker_kind"] == "expert"
    added = one(found, "direct", "Nobody is planning")
    assert added["speaker"] == "Rana Suleiman" and added["pronoun"] is True
    assert text[added["speaker_start"] : added["speaker_end"]] == "Rana Suleiman"


POLICE = (
    "Police spokesman Chief Supt. Daniel Okafor told reporters that officers had cleared the station.\n\n"
    "“We found two suspicious bags,” Okafor said. “Both were empty.”\n\n"
    "“Trains will run again tomorrow.”\n\n"
    "Commuters said the delays had lasted most of the day.\n\n"
    "“It was chaos.”"
)


def test_pre_name_title_and_rank(nlp):
    q = one(quotes(nlp, POLICE), "direct", "We found two")
    assert q["speaker"] == "Daniel Okafor"
    assert q["speaker_title"] == "Police spokesman"
    assert q["speaker_rank"] == "Chief Supt."
    assert q["speaker_kind"] == "official"


def test_continuation_in_next_sentence_and_paragraph(nlp):
    found = quotes(nlp, POLICE)
    for start in ("Both were empty.", "Trains will run again"):
        q = one(found, "direct", start)
        assert q["speaker"] == "Daniel Okafor"
        # one utterance: the continuation shares the cue that attributes the quote it continues
        assert q["cue"] == "said" and POLICE[q["cue_start"] : q["cue_end"]] == "said"


def test_no_continuation_across_an_unrelated_sentence(nlp):
    found = quotes(nlp, POLICE)
    q = one(found, "direct", "It was chaos.")
    assert q["speaker"] is None and q["speaker_kind"] == "unknown"


def test_quote_running_over_paragraphs(nlp):
    text = (
        '"Nobody here expected the river to rise so fast," said Ingrid Holm, a hydrologist with the '
        "Northern Water Board.\n\n"
        '"The forecasts were wrong by a full metre. We lost the lower fields in an hour.\n\n'
        '"Next year we will need higher banks," Holm said.'
    )
    found = quotes(nlp, text)
    middle = one(found, "direct", "The forecasts were wrong")
    # no closing mark: the content ends at the paragraph end
    assert middle["text"] == "The forecasts were wrong by a full metre. We lost the lower fields in an hour."
    assert middle["speaker"] == "Ingrid Holm"
    last = one(found, "direct", "Next year")
    assert last["speaker"] == "Ingrid Holm" and text[last["speaker_start"] : last["speaker_end"]] == "Holm"


def test_speaker_in_the_paragraph_before_a_colon(nlp):
    text = "Deputy Governor Teresa Lindqvist said:\n\n“Power has been restored to most districts.”"
    q = one(quotes(nlp, text), "direct", "Power has been restored")
    assert q["speaker"] == "Teresa Lindqvist" and q["speaker_title"] == "Deputy Governor"


def test_unbalanced_marks_do_not_break_anything(nlp):
    text = (
        '"This is only the start, he said. The council will act.\n\n'
        'The pipe was 12" wide and the "device was small.\n\n'
        '"" “” ‘ ’ " “'
    )
    found = quotes(nlp, text)
    # the forgotten closing mark is repaired at the attribution
    q = one(found, "direct", "This is only the start")
    assert q["text"] == "This is only the start"
    assert q["cue"] == "said" and q["pronoun"] is True
    assert not any("wide" in f["text"] or "device" in f["text"] for f in found)


# ------------------------------------------------------------------------------------------ speakers of many kinds


def test_organisation_speaker_resolved_to_earlier_name(nlp):
    text = (
        "The Defence Ministry announced the arrests on Sunday. The ministry said the suspects belonged to a "
        "cell operating near the coast."
    )
    q = one(quotes(nlp, text), "indirect", "the suspects belonged")
    assert q["speaker"] == "Defence Ministry"
    assert q["speaker_org"] == "Defence Ministry"
    assert q["speaker_kind"] == "official"
    assert text[q["speaker_start"] : q["speaker_end"]] == "The ministry"


def test_statement_released_by_an_organisation(nlp):
    text = "Oslandia's Foreign Ministry released a statement stressing that “talks remain the only way forward.”"
    q = one(quotes(nlp, text), "direct", "talks remain")
    assert q["speaker"] == "Oslandia's Foreign Ministry"
    assert q["speaker_kind"] == "official"
    assert q["cue"] == "stressing"


def test_media_speakers(nlp):
    text = (
        "State TV reported that three soldiers were wounded in the blast.\n\n"
        "The state news agency SANA reported that the market had reopened, citing a local official."
    )
    found = quotes(nlp, text)
    tv = one(found, "indirect", "three soldiers")
    assert tv["speaker"] == "State TV" and tv["speaker_kind"] == "media" and tv["cue"] == "reported"
    agency = one(found, "indirect", "the market had reopened")
    assert agency["speaker"] == "SANA" and agency["speaker_kind"] == "media"
    assert agency["text"] == "the market had reopened"  # ", citing ..." is not what was reported


def test_according_to_a_monitor(nlp):
    text = "According to the Coastal Observatory for Human Rights, at least nine fishermen were detained."
    q = one(quotes(nlp, text), "indirect", "at least nine")
    assert q["speaker"] == "Coastal Observatory for Human Rights"
    assert q["speaker_kind"] == "monitor"
    assert q["cue"] == "According to"
    assert q["text"] == "at least nine fishermen were detained"


def test_according_to_after_a_direct_quote(nlp):
    text = "“Reinforcements have reached the valley,” according to a statement from the regional command."
    q = one(quotes(nlp, text), "direct", "Reinforcements")
    assert q["speaker"] == "the regional command" and q["cue"] == "according to"
    assert q["speaker_kind"] == "official"


def test_anonymous_sources(nlp):
    text = (
        "A senior official, speaking on background, said the negotiations had stalled. "
        "Four sources familiar with the talks told Reuters the draft was nearly finished.\n\n"
        "“Our position has not changed,” a diplomat, who spoke on condition of anonymity, said."
    )
    found = quotes(nlp, text)
    official = one(found, "indirect", "the negotiations had stalled")
    assert official["speaker"] == "A senior official" and official["speaker_kind"] == "anonymous"
    sources = one(found, "indirect", "the draft was nearly finished")
    assert sources["speaker"].startswith("Four sources") and sources["speaker_kind"] == "anonymous"
    assert sources["cue"] == "told"
    diplomat = one(found, "direct", "Our position")
    assert diplomat["speaker"] == "a diplomat" and diplomat["speaker_kind"] == "anonymous"


def test_witnesses(nlp):
    text = (
        '"The ceiling came down on us," said Karim Haddou, a baker in the old quarter.\n\n'
        "Two witnesses told the newspaper they saw a drone shortly before the blast."
    )
    found = quotes(nlp, text)
    baker = one(found, "direct", "The ceiling")
    assert baker["speaker"] == "Karim Haddou" and baker["speaker_title"] == "baker"
    witnesses = one(found, "indirect", "they saw a drone")
    assert witnesses["speaker"] == "Two witnesses" and witnesses["speaker_kind"] == "witness"


def test_indirect_said_that_and_inverted_attribution(nlp):
    text = "The shelling destroyed two bridges, the army said. The governor said that schools would stay shut."
    found = quotes(nlp, text)
    army = one(found, "indirect", "The shelling destroyed")
    assert army["text"] == "The shelling destroyed two bridges" and army["speaker"] == "the army"
    assert army["speaker_kind"] == "official"
    governor = one(found, "indirect", "schools would stay shut")
    assert governor["speaker"] == "The governor" and governor["text"] == "schools would stay shut"


def test_dateline_is_not_reported_speech(nlp):
    text = "PORT ELLIS, March 3 (Wirewatch) - Two rockets hit the harbour overnight, police said."
    q = one(quotes(nlp, text), "indirect", "Two rockets")
    assert q["text"] == "Two rockets hit the harbour overnight"
    assert q["speaker"] == "police" and q["speaker_kind"] == "official"


def test_it_and_they_take_the_last_organisation_or_group(nlp):
    text = (
        "The coalition said it had shot down two drones. “The threat is growing,” it said.\n\n"
        "Rebel commanders said they would hold the ridge. “We stay,” they said."
    )
    found = quotes(nlp, text)
    it = one(found, "direct", "The threat")
    assert it["speaker"] == "The coalition" and it["pronoun"] is True
    they = one(found, "direct", "We stay")
    assert they["speaker"] == "Rebel commanders" and they["pronoun"] is True


def test_partial_quote_inside_reported_speech(nlp):
    text = 'The envoy said Washington was "closely reviewing its options" in the strait.'
    found = quotes(nlp, text)
    partial = one(found, "partial", "closely reviewing")
    assert partial["text"] == "closely reviewing its options"
    assert partial["speaker"] == "The envoy" and partial["cue"] == "said"
    indirect = one(found, "indirect", "Washington was")
    assert indirect["speaker"] == "The envoy"


def test_single_curly_quotes_not_apostrophes(nlp):
    text = (
        "The movement called the raid ‘a shameful crime’ and promised a response. "
        "The soldiers’ families said the officers’ union had ignored them."
    )
    found = quotes(nlp, text)
    q = one(found, "partial", "a shameful crime")
    assert q["speaker"] == "The movement"
    assert not any(f["kind"] == "partial" and "union" in f["text"] for f in found)


def test_scare_quotes_and_quoted_names_are_not_quotes(nlp):
    text = (
        'The so-called "Desert Falcons" brigade was dissolved in March. '
        'The army launched an offensive it named "Operation Northern Shield" on Monday.'
    )
    assert quotes(nlp, text) == []


# ------------------------------------------------------------------------------------------ more quote shapes


def test_transcript_labels_name_the_speaker(nlp):
    text = (
        "Partial transcript of the interview:\n\n"
        '"HOSTMAN: Will the minister resign over the report?\n\n'
        '"VARGA: No. The minister has the full confidence of the cabinet."'
    )
    found = quotes(nlp, text)
    host = one(found, "direct", "Will the minister resign")
    assert host["speaker"] == "HOSTMAN" and text[host["speaker_start"] : host["speaker_end"]] == "HOSTMAN"
    varga = one(found, "direct", "No. The minister")
    assert varga["speaker"] == "VARGA" and not varga["text"].startswith("VARGA")


def test_signed_quotes_take_the_name_after_the_dash(nlp):
    text = (
        "Readers sent us their views on the new bridge.\n"
        "“It cut my commute in half and I finally see my children in the morning.” ― Lena Ortiz\n"
        "“The tolls are far too high for the people who need it most.” — Piet van Dalen."
    )
    found = quotes(nlp, text)
    assert one(found, "direct", "It cut my commute")["speaker"] == "Lena Ortiz"
    assert one(found, "direct", "The tolls are")["speaker"] == "Piet van Dalen"


def test_doubled_apostrophes_are_quotation_marks(nlp):
    text = "''We are ready for the storm,'' said Mayor Ana Ruiz. ''The shelters are open.''"
    found = quotes(nlp, text)
    q = one(found, "direct", "We are ready")
    assert q["text"] == "We are ready for the storm"
    assert q["speaker"] == "Ana Ruiz" and q["cue"] == "said"
    assert one(found, "direct", "The shelters are open")["speaker"] == "Ana Ruiz"


def test_continued_before_a_colon_is_a_cue(nlp):
    text = "Ferro spoke for an hour.\n\nFerro continued: “The port will reopen when the divers finish their work.”"
    q = one(quotes(nlp, text), "direct", "The port will reopen")
    assert q["cue"] == "continued" and q["speaker"] == "Ferro"


def test_the_statement_speaks_for_whoever_issued_it(nlp):
    text = (
        "Two soldiers were wounded near the border, the Defence Ministry said in a statement on Sunday.\n\n"
        "The attackers fled across the river, the statement said."
    )
    q = one(quotes(nlp, text), "indirect", "The attackers fled")
    assert q["speaker"] == "Defence Ministry"


def test_the_army_is_not_a_rebel_army_named_before(nlp):
    text = (
        "Fighters of the Northern Liberation Army attacked a checkpoint on Friday. "
        "The army said that four of its soldiers were wounded in the attack."
    )
    q = one(quotes(nlp, text), "indirect", "four of its soldiers")
    assert q["speaker"] == "The army"


def test_beliefs_intentions_and_calls_are_attributed(nlp):
    text = (
        "The minister believes the ceasefire will hold through the winter. "
        "The teachers' union wants to reopen talks with the ministry. "
        "The governor urged residents to stay indoors until the water recedes. "
        "The opposition accused the government of rigging the vote in three provinces. "
        "The council called for an independent inquiry into the shooting. "
        "The mayor called the decision a betrayal of the whole city."
    )
    found = quotes(nlp, text)
    assert one(found, "indirect", "the ceasefire will hold")["speaker"] == "The minister"
    assert one(found, "indirect", "to reopen talks")["cue"] == "wants"
    assert one(found, "indirect", "residents to stay indoors")["speaker"] == "The governor"
    assert one(found, "indirect", "the government of rigging")["speaker"] == "The opposition"
    assert one(found, "indirect", "an independent inquiry")["cue"] == "called"
    assert one(found, "indirect", "the decision a betrayal")["speaker"] == "The mayor"


def test_a_claim_noun_with_its_owner(nlp):
    text = "The ministry's claim that the convoy carried weapons was rejected by aid groups."
    q = one(quotes(nlp, text), "indirect", "the convoy carried weapons")
    assert q["speaker"] == "The ministry" and q["cue"] == "claim"


def test_quote_inside_reported_speech_is_partial(nlp):
    text = "The governor says the flooding is severe, and “we are going to rebuild every bridge” before winter."
    found = quotes(nlp, text)
    part = one(found, "partial", "we are going to rebuild")
    indirect = one(found, "indirect", "the flooding is severe")
    assert part["speaker"] == indirect["speaker"] == "The governor"
    assert indirect["start"] < part["start"] and part["end"] <= indirect["end"]


def test_parenthetical_attribution_keeps_the_whole_sentence(nlp):
    text = "The new bridge, the mayor said, will open to traffic in May."
    q = one(quotes(nlp, text), "indirect", "The new bridge")
    assert q["text"] == "The new bridge, the mayor said, will open to traffic in May"
    assert q["speaker"] == "the mayor"


def test_quoted_as_saying_gives_the_quoted_person(nlp):
    text = (
        "The state news agency quoted the rebels' negotiator, Samir Haddad, as saying the truce showed that "
        '"talks can work".'
    )
    found = quotes(nlp, text)
    assert one(found, "partial", "talks can work")["speaker"] == "Samir Haddad"
    assert one(found, "indirect", "the truce showed")["speaker"] == "Samir Haddad"


def test_headline_conventions(nlp):
    colon = "Mayor Lund: Harbour Tolls Will Rise Next Year.\n\nThe council met on Monday to discuss the budget."
    q = one(quotes(nlp, colon), "indirect", "Harbour Tolls")
    assert q["text"] == "Harbour Tolls Will Rise Next Year" and q["speaker"].endswith("Lund")
    says = "Lund Says Harbour Tolls Will Rise Next Year\n\nThe council met on Monday to discuss the budget."
    q = one(quotes(nlp, says), "indirect", "Harbour Tolls")
    assert q["cue"] == "Says" and q["speaker"] == "Lund"
    for title in ("Analysis: Harbour Tolls Will Rise Next Year", "Stormy Waters: Harbour Tolls Will Rise Next Year"):
        assert quotes(nlp, title + "\n\nThe council met on Monday to discuss the budget.") == []


def test_no_quote_without_a_speaker_or_from_actions(nlp):
    text = (
        "The new terminal is expected to open to passengers in May. "
        "A resident, who asked not to be named for fear of reprisals, described the night. "
        "Rebels attacked the army base outside the town on Friday."
    )
    found = quotes(nlp, text)
    assert not any("open to passengers" in q["text"] for q in found)
    assert not any("not to be named" in q["text"] for q in found)
    assert not any("army base" in q["text"] for q in found)


# ------------------------------------------------------------------------------------------ robustness


def test_never_raises_on_odd_documents(nlp):
    rng = random.Random(7)
    alphabet = "ab \"“”‘’'.,:\n\nXy said he told"
    samples = ["", " ", '"', "“", "‘’", '""', "“ ”", '\n\n"\n\n"', "said said said", "he said, “”"]
    samples += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 80))) for _ in range(150)]
    for text in samples:
        quotes(nlp, text)


def test_long_unparsed_document_is_fast(nlp):
    import time

    text = (CHECKPOINT + "\n\n" + POLICE + "\n\n") * 300  # ~ 200k characters
    doc = nlp.make_doc(text)  # tokens only, no parse: nothing may assume one
    t0 = time.perf_counter()
    found = find_quotes(doc)
    assert time.perf_counter() - t0 < 10
    assert found and all(text[q["start"] : q["end"]] == q["text"] for q in found)


def test_user_can_extend_the_cue_verbs(nlp, tmp_path):
    text = "“We will stay,” the farmer grumbled."
    assert not any(q["cue"] == "grumbled" for q in quotes(nlp, text))
    custom = tmp_path / "speech.yaml"
    custom.write_text(SPEECH_YAML.read_text(encoding="utf-8").replace("verbs:\n", "verbs:\n  - grumble\n", 1))
    q = one(quotes(nlp, text, SpeechLexicon.from_yaml(custom)), "direct", "We will stay")
    assert q["cue"] == "grumbled" and q["speaker"] == "the farmer"
