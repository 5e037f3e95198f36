"""Where the ACLED classifier may add an event of its own: sentences that tell an act, also through a report."""

from __future__ import annotations

import pytest

from eventwire.extractors.acled_coding import event_root as _event_root
from eventwire.extractors.acled_coding import may_tell_event as _may_tell_event


@pytest.mark.parametrize(
    ("text", "act", "tells"),
    [
        ("Gunmen stormed the compound at dawn.", "stormed", True),
        ("A local official said soldiers had raped two women at a checkpoint near the town.", "raped", True),
        ("Police said militants attacked a checkpoint overnight.", "attacked", True),
        ("He said the town was calm.", "said", False),
        ("A resident said gunfire could be heard across the city.", "said", False),
        ("The minister said troops would not withdraw from the area.", "said", False),
    ],
)
def test_reported_acts_can_tell_an_event(nlp, text, act, tells):
    sent = next(nlp(text).sents)
    assert _event_root(sent).text == act
    assert _may_tell_event(sent) is tells
