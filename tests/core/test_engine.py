"""Offline engine v2 (issue #11): the lede first, whole clauses only, no context-bound bullets."""

from __future__ import annotations

import pytest

from summarizer.ingest import plain_article
from summarizer.providers.compress import compress, fragment_reason, local_fragment_reason, unglue
from summarizer.providers.extractive import ExtractiveProvider, lede_index, needs_context, resolve_pronoun
from summarizer.review import NothingNew, propose_replacement
from summarizer.text import word_count
from summarizer.validate.fragment import fragment_reason as validator_fragment_reason

WINDSTORM = ("SEATTLE, Jan 14 (Wire) - A powerful windstorm swept through the Seattle area on Tuesday night, "
             "toppling trees and leaving more than 200,000 homes and businesses without electricity, "
             "utility officials said.")

STORM_ARTICLE = " ".join([
    WINDSTORM,
    "Crews from three states worked through the night to restore power to hospitals and water plants.",
    "The National Weather Service recorded gusts of 70 miles per hour at the airport before midnight.",
    "Schools in four districts stayed closed on Wednesday while roads were cleared of fallen trees.",
    "The utility said most customers should have electricity again by Friday evening.",
])

# the three fragments the issue reports, and the sentences they came from
PORT = ("The port authority said on Monday that the dredging project in the outer harbor would cost $42 million "
        "and take three years to complete, according to a statement released by the agency late on Monday.")
HARTLEY = ("Hartley, the Wales captain who will lead Cardiff's attack in the absence of the suspended "
           "Owen Pryce, has been criticised by fans and pundits for his conduct off the field this season.")
FRESAS = ("Fresas, which refers to teenagers who enjoy 'lavish shopping, showing off and vanity' "
          "and are 'ranked above everyone else', share photos of yachts with a hashtag of the same name.")
FRAGMENTS = [
    "The port authority said on Monday that the dredging project.",
    "Hartley, the Wales captain who will lead Cardiff's attack in the absence of Owen Pryce.",
    "Fresas, which refers to teenagers who enjoy lavish shopping.",
    "Curbside parking on portions of Main Street.",
    "After the Everton winger posted a clip of himself doing an odd little dance in Lisbon.",
    "Singer Dana Whitlock has revealed that the cropped silver haircut she wears.",
]
CLAUSES = [
    "The port authority said the dredging project would cost $42 million.",
    "Hartley has been criticised by fans for his conduct off the field.",
    "Workers who have never changed employer can expect a pension pot 9 per cent larger.",
    "The plan, which the mayor backed, passed on Tuesday after a long debate.",
    "Carl Dunmore and Ray Okafor go head-to-head in Atlantic City on Saturday.",
    "After the match, Locke paid tribute to the players.",
]


def test_windstorm_lede_is_the_first_bullet() -> None:
    article = plain_article(STORM_ARTICLE)
    draft = ExtractiveProvider().draft(article, 3)
    first = draft.takeaways[0]
    assert first.sources == [0]
    assert first.text.startswith("A powerful windstorm swept through the Seattle area on Tuesday night")
    assert "SEATTLE" not in first.text and "utility officials said" not in first.text
    assert word_count(first.text) <= 25


def test_a_bare_source_credit_is_not_the_lede() -> None:
    """ "(The Hollywood Reporter)" opening the body is furniture: the lede is the sentence after it."""
    article = plain_article("(The Hollywood Reporter) " + STORM_ARTICLE)
    assert article.sentence_text(0).strip() == "(The Hollywood Reporter)"
    assert lede_index(article) == 1
    first = ExtractiveProvider().draft(article, 3).takeaways[0]
    assert first.sources == [1]
    assert first.text.startswith("A powerful windstorm swept through the Seattle area")
    assert lede_index(plain_article(STORM_ARTICLE)) == 0
    # a bracketed opener that runs into a sentence is not a bare credit
    assert lede_index(plain_article("(CNN) A powerful windstorm swept through the area on Tuesday night. "
                                    "Crews worked through the night to restore power to hospitals.")) == 0


def test_lede_compression_keeps_subject_verb_and_object() -> None:
    out = compress(WINDSTORM)
    assert out is not None and word_count(out) <= 25
    assert out.startswith("A powerful windstorm swept")
    # at a tighter target the participial tail goes, the main clause stays whole
    short = compress(WINDSTORM, 25, 12)
    assert short == "A powerful windstorm swept through the Seattle area on Tuesday night."


@pytest.mark.parametrize("text", FRAGMENTS)
def test_fragment_guard_names_a_missing_verb(text: str) -> None:
    assert fragment_reason(text) is not None


@pytest.mark.parametrize("text", CLAUSES)
def test_fragment_guard_passes_whole_clauses(text: str) -> None:
    assert local_fragment_reason(text) is None
    assert fragment_reason(text) is None


def test_port_authority_keeps_its_verb() -> None:
    out = compress(PORT)
    assert out is not None
    assert "would cost $42 million" in out
    assert out != "The port authority said on Monday that the dredging project."


def test_hartley_appositive_goes_and_the_verb_stays() -> None:
    out = compress(HARTLEY)
    assert out is not None and fragment_reason(out) is None
    assert out.startswith("Hartley has been criticised")


def test_fresas_is_never_a_verbless_fragment() -> None:
    out = compress(FRESAS)
    assert out is None or (fragment_reason(out) is None and "share photos" in out)
    assert out is None or not out.startswith("Fresas, which")


def test_a_cut_never_splits_a_coordinated_list() -> None:
    s = ("The city council voted on Tuesday to convert curbside parking on portions of Main Street, Elm Avenue "
         "and Harbor Boulevard into lanes for buses and bicycles by the end of next year, officials said.")
    out = compress(s)
    assert out is not None
    assert "Main Street, Elm Avenue and Harbor Boulevard" in out
    assert not out.endswith("Main Street.")


def test_a_cut_never_splits_a_number_from_its_unit_or_a_quotation() -> None:
    s = ("The council approved a plan to spend 42 million on the new harbour wall and two ferry terminals at the "
         "meeting, which the mayor described as 'the biggest investment in the waterfront for a generation'.")
    out = compress(s)
    assert out is None or "'" not in out or out.count("'") % 2 == 0
    assert out is None or not out.endswith(" 42.")


def test_split_keeps_a_later_main_clause_when_no_head_fits() -> None:
    s = ("Officials in the northern province, where heavy rain and mudslides have cut off dozens of mountain "
         "villages for a week; the army flew food, water and medicine to 3,000 stranded residents on Sunday.")
    out = compress(s)
    assert out == "The army flew food, water and medicine to 3,000 stranded residents on Sunday."


def test_a_glued_caption_is_taken_apart() -> None:
    s = ("Workers who have never changed employer can expect a pension pot 9% larger than a colleague "
         "The cost of switching jobs can dent savings many years after the move to a new firm.")
    assert len(unglue(s)) == 2
    out = compress(s)
    assert out is not None and fragment_reason(out) is None


CRASH = " ".join([
    "A bus carrying 40 passengers collided with a delivery truck on the coastal highway near Brookfield on Monday.",
    "The driver was taken to a hospital with head injuries and is in stable condition.",
    "He said the brakes had failed as the bus came down the hill.",
    "Police closed the highway for six hours while investigators examined both vehicles.",
])


def test_context_bound_sentences_are_not_offered_alone() -> None:
    article = plain_article(CRASH)
    # "The driver" refers back to the bus in sentence 0: it needs that bullet on screen
    assert needs_context(article, 1, article.sentence_text(1), [])
    assert not needs_context(article, 1, article.sentence_text(1), ["A bus driver crashed."])
    # "He" has no named antecedent: it is passed over, not guessed
    assert resolve_pronoun(article, 2) is None
    lede = ExtractiveProvider().draft(article, 1).takeaways[0].text
    draft = ExtractiveProvider().draft(article, 3, exclude=[lede])
    texts = [t.text for t in draft.takeaways]
    assert not any(t.startswith(("The driver", "He ")) for t in texts), texts


def test_regenerate_on_a_short_article_offers_sense_or_says_nothing_else() -> None:
    article = plain_article(CRASH)
    engine = ExtractiveProvider()
    shown = [t.text for t in engine.draft(article, 2).takeaways]
    seen = list(shown)
    offered = []
    while True:
        try:
            text, sources, _ = propose_replacement(article, seen, engine, 3)
        except NothingNew:
            break
        assert text not in seen
        assert fragment_reason(text) is None
        assert not text.startswith(("He ", "The driver")), text
        offered.append(text)
        seen.append(text)
        assert len(offered) < 10
    # the only sentence left is the police one; after it the engine says there is nothing else
    assert offered == ["Police closed the highway for six hours while investigators examined both vehicles."]


def test_he_is_resolved_from_a_named_subject_and_cites_both_sentences() -> None:
    text = " ".join([
        "Brendan Rodgers has reminded his young players about their professional responsibilities this week.",
        "He said the club would deal with the matter internally and that no fines had been issued.",
        "Liverpool face Aston Villa in the FA Cup semi-final at Wembley on Sunday afternoon.",
    ])
    article = plain_article(text)
    assert resolve_pronoun(article, 1) == ("Brendan Rodgers said the club would deal with the matter internally "
                                           "and that no fines had been issued.")
    draft = ExtractiveProvider().draft(article, 3)
    resolved = [t for t in draft.takeaways if t.text.startswith("Brendan Rodgers said")]
    assert resolved and resolved[0].sources == [0, 1]


def test_engine_bullets_pass_the_validator_fragment_check(seed_path) -> None:
    from summarizer.ingest import ingest_path

    article = ingest_path(seed_path)
    for t in ExtractiveProvider().draft(article, 6).takeaways:
        assert validator_fragment_reason(t.text) is None, t.text
        assert local_fragment_reason(t.text) is None, t.text
        assert word_count(t.text) <= 25


def test_output_is_deterministic() -> None:
    article = plain_article(STORM_ARTICLE)
    a = ExtractiveProvider().draft(article, 4).takeaways
    b = ExtractiveProvider().draft(article, 4).takeaways
    assert a == b


def test_a_relative_clause_between_subject_and_verb_can_go() -> None:
    s = ("A retired nurse from Cardiff who likes to spend the weekend away hiking in the hills says her routine "
         "is a world away from her own mother.")
    assert compress(s) == "A retired nurse from Cardiff says her routine is a world away from her own mother."
    # short enough: nothing is deleted
    assert compress("The man who was arrested on Friday has been charged.") == (
        "The man who was arrested on Friday has been charged.")


def test_hedge_prefix_and_glued_caption_do_not_cost_the_sentence() -> None:
    s = ("It is understood a health regulator is preparing possible misconduct cases against current and "
         "former care workers at several homes in Leeds.")
    assert compress(s) == ("A health regulator is preparing possible misconduct cases against current and "
                           "former care workers at several homes in Leeds.")


def test_engine_drops_a_fragment_even_if_compression_let_one_through(monkeypatch: pytest.MonkeyPatch) -> None:
    import summarizer.providers.extractive as engine_module

    fragment = "The port authority said on Monday that the dredging project."
    monkeypatch.setattr(engine_module, "compress", lambda *a, **k: fragment)
    draft = ExtractiveProvider().draft(plain_article(STORM_ARTICLE), 3)
    assert fragment not in [t.text for t in draft.takeaways]


def test_safe_cut_refuses_number_unit_quote_and_list_boundaries() -> None:
    from summarizer.providers.compress import _safe_cut

    s = "The project will cost 42 million dollars over three years"
    at = s.index(" million")
    assert not _safe_cut(s, at, at + 1)  # "42 | million"
    q = "The comedian told the crowd the popstar 'should be ashamed of herself'"
    at = q.index(" 'should")
    assert not _safe_cut(q, at, at + 1)  # the quotation is the object
    lst = "parking on portions of Main Street, Elm Avenue and Harbor Boulevard into lanes"
    at = lst.index(", Elm")
    assert not _safe_cut(lst, at, at + 2)
    ok = "The council approved the budget, which the mayor had opposed for months"
    at = ok.index(", which")
    assert _safe_cut(ok, at, at + 2)


@pytest.mark.parametrize("text", FRAGMENTS)
def test_compress_never_returns_a_fragment_it_was_given(text: str) -> None:
    # short enough that nothing is cut: only the final guard stands between it and a bullet
    assert compress(text) is None


def test_split_never_bares_a_pronoun() -> None:
    s = ("Officials in the northern province, where heavy rain and mudslides have cut off dozens of mountain "
         "villages for a week; they flew food, water and medicine to 3,000 stranded residents on Sunday.")
    assert compress(s) is None


@pytest.mark.parametrize("text", [
    "While Hendry's response might well have been the product of an inflated sense of pride.",
    "When asked to comment on local councillors in general.",
    "Copeland and his wife were talking in the street when a 22-year-old man, Shezoy Bleary.",
])
def test_an_opening_or_closing_subordinate_clause_alone_is_a_fragment(text: str) -> None:
    assert local_fragment_reason(text) is not None


def test_a_cut_never_leaves_a_dangling_coordination() -> None:
    s = ("After leaving Porto he moved to Boavista and at a side with one of the smallest wage bills "
         "in Portuguese football he has had the best year of his career.")
    out = compress(s)
    assert out is None or not out.endswith("smallest wage bills.")


def test_dropping_an_attribution_never_orphans_a_pronoun_that_points_to_the_speaker() -> None:
    """ "X has revealed that the hairstyle she models ..." without "X has revealed that"
    leaves "she" pointing at nobody: the attribution stays, or the sentence is not used."""
    sentence = ("Actress Dana Whitlock has revealed that the cropped silver haircut she wears in the latest "
                "series of the streaming drama Harbour was inspired by none other than former senator "
                "Ruth Calder.")
    bullet = compress(sentence)
    assert bullet is None or "Dana Whitlock" in bullet
    # without a pronoun the attribution still goes when the sentence is too long
    port = compress("The port authority said on Monday that the new dredging project in the outer harbor "
                    "would cost the city $42 million and take three years to complete in full.", 25, 18)
    assert port is not None and not port.startswith("The port authority said")


def test_a_cut_never_drops_the_main_verb_after_a_relative_clause() -> None:
    # "said the plan, which costs ..., is dead" must not become "said the plan."
    sentence = ("Smith, who has led the council since 2019 and chaired its finance committee for a decade, "
                "said the plan, which costs millions of dollars every single year, is dead.")
    out = compress(sentence)
    assert out is None or "is dead" in out
    shorter = "The mayor said the plan, which costs millions of dollars every single year for the city, is dead."
    out = compress(shorter, max_words=12)
    assert out is None or "is dead" in out


@pytest.mark.parametrize("sentence, kept", [
    ("Underlining how far apart Kyiv and Moscow are on territory, Kremlin spokesman Dmitry Peskov said "
     "Ukraine must withdraw its troops from the small part of Donbas that it still controls.", "Peskov said"),
    ("The union said the city should pay every bus driver the overtime owed since the strike began in the "
     "spring of last year, its lawyers added.", "union said"),
    ("It is alleged that the former manager took payments from three agents over two seasons at the club.",
     "It is alleged"),
])
def test_a_demand_view_or_allegation_keeps_its_speaker(sentence: str, kept: str) -> None:
    # dropping "X said" from "X said Ukraine must withdraw" states a demand as fact,
    # however short the bullet is asked to be
    for target in (25, 18, 12):
        out = compress(sentence, 25, target)
        assert out is None or kept in out


def test_a_draft_is_never_silently_empty() -> None:
    # every sentence fails the stricter rules (a pronoun opener, under six words), so the
    # ranked pass offers nothing; the fallback gives the first whole sentence that is a clause
    article = plain_article("He said the budget passed on Monday after a long and bitter debate. It did. Fine.")
    draft = ExtractiveProvider().draft(article, 3)
    assert [t.text for t in draft.takeaways] == ["He said the budget passed on Monday after a long and bitter debate."]
    assert draft.takeaways[0].sources == [0]
    # regenerating (exclude) may still say "nothing else": the fallback is for a first draft only
    again = ExtractiveProvider().draft(article, 3, exclude=[draft.takeaways[0].text])
    assert again.takeaways == []


def test_no_sentence_the_guard_accepts_is_a_clear_error_not_an_empty_draft(
        tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    from summarizer.cli import main

    # the fragment guard reads "0 approved" as a number before a noun: no finite verb
    path = tmp_path / "odd.txt"
    path.write_text("The town 0 approved a new budget for the coming year on Monday night.\n")
    code = main(["generate", "--provider", "extractive", str(path)])
    out, err = capsys.readouterr()
    assert code == 2
    assert "(no takeaways)" not in out and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("takeaways: the offline engine found no sentence")
    assert "Traceback" not in err


TAIL = " The council met again on Wednesday to discuss the plans for the coming year."


@pytest.mark.parametrize("lede, bullet", [
    # "Although X, Y" asserts both: the main clause when it reads alone ...
    ("Although the heavy rain fell across the whole region for most of the long weekend, organisers of the "
     "city's annual food festival reported a record 120,000 visitors on Sunday.",
     "Organisers of the city's annual food festival reported a record 120,000 visitors on Sunday."),
    # ... the opening clause alone when the main clause points back into it ("its", "it")
    ("Although the city council approved a record budget of $4.2 billion on Tuesday, not one of its members "
     "would say how it will be paid for next year.",
     "The city council approved a record budget of $4.2 billion on Tuesday."),
    # no comma closes the opening clause; it ends before the main clause's possessive
    ("When Portland teacher Maria Lopez learned that her eldest daughter, Ana, had won a national science prize "
     "her first thought was of the years of late-night homework.",
     "Portland teacher Maria Lopez learned that her eldest daughter had won a national science prize."),
])
def test_a_long_lede_is_split_at_its_clause_boundary_not_skipped(lede: str, bullet: str) -> None:
    assert compress(lede) is None  # no deletion or cut brings it to 25 words whole
    draft = ExtractiveProvider().draft(plain_article(lede + TAIL), 2)
    assert draft.takeaways[0].text == bullet and draft.takeaways[0].sources == [0]
    assert fragment_reason(bullet) is None and word_count(bullet) <= 25


def test_a_second_relative_clause_joined_by_and_can_go() -> None:
    sentence = ("Jack Morton, whose novels sold millions of copies around the world and whose radio plays were "
                "broadcast in Britain, Canada and Australia for decades, has died.")
    assert compress(sentence) == "Jack Morton, whose novels sold millions of copies around the world, has died."


def test_the_speaker_takes_the_place_of_the_pronoun_that_points_back() -> None:
    sentence = ("Actress Dana Whitlock has revealed that the cropped silver haircut she wears in the latest "
                "series of the streaming drama Harbour was inspired by none other than former senator "
                "Ruth Calder.")
    assert compress(sentence) == ("The cropped silver haircut Dana Whitlock wears in the latest series of "
                                  "the streaming drama Harbour was inspired by former senator Ruth Calder.")
    # not when the speaker is no name ("The port authority") or the pronoun is not "he"/"she"
    assert compress("The museum's director has revealed that the painting she restored in the basement of the "
                    "old city library over three long winters was bought by a collector in Geneva.") is None


@pytest.mark.parametrize("sentence, bullet", [
    # a quantified relative clause between commas describes the subject
    ("Twelve nursing students, some of whom attend the state university in Denver, were misled by the same "
     "recruiter who was pretending to run a modelling agency in Los Angeles.",
     "Twelve nursing students were misled by the same recruiter who was pretending to run a modelling agency in "
     "Los Angeles."),
    # a cut before "by <doing>" keeps the claim; the means can go
    ("City manager Joan Ellis has ruled out any increase in parking charges in the town centre this year by "
     "declaring the budget is balanced and making it clear that no new fees are planned.",
     "City manager Joan Ellis has ruled out any increase in parking charges in the town centre this year."),
    # a picture desk's frame around the news is not part of the claim
    ("This is the moment a delivery driver swerved off the road and into a river in Devon after his brakes "
     "failed on a steep hill.",
     "A delivery driver swerved off the road and into a river in Devon after his brakes failed on a steep hill."),
])
def test_more_ledes_compress_whole(sentence: str, bullet: str) -> None:
    assert compress(sentence) == bullet
    assert fragment_reason(bullet) is None


def test_a_cut_falls_between_words_never_inside_one() -> None:
    # "in" is a boundary word; "international" must not offer a cut after "The Welsh"
    sentence = ("Veteran striker Tom Price does an odd little jig in front of the old town hall The Welsh "
                "international posted the video of himself dancing beside the river on his Instagram account "
                "He joined the club in 2011 from Cardiff City.")
    bullet = compress(sentence)
    assert bullet is None or not bullet.endswith("The Welsh."), bullet
    if bullet is not None:
        head = bullet.rstrip(".")
        assert sentence.startswith(head) and not sentence[len(head)].isalnum(), bullet


def test_a_lede_may_be_cut_to_a_short_head_that_a_later_sentence_may_not() -> None:
    lede = ('Regional budget airline Skyhop Air is apologising after tweeting that "its pilots have more holidays '
            'than any teacher in the country and far fewer marking duties."')
    assert compress(lede) is None  # a later sentence keeps at least ten words before a weak boundary
    draft = ExtractiveProvider().draft(plain_article(lede + TAIL), 2)
    assert draft.takeaways[0].text == "Regional budget airline Skyhop Air is apologising."
    assert draft.takeaways[0].sources == [0]
