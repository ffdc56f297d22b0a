"""The sequences that matter most, written out, with every page checked against the model
after each step (as in ``test_learning_model``, whose random runs may not play them)."""
from __future__ import annotations

import pytest

from .modelled_site import ModelledSite

#: name -> steps: (what happens, the action on the modelled site)
SEQUENCES = {
    "a lesson made optional finishes her course; made required again it is new material": [
        ("she reads hello", lambda s: s.read("hello")),
        ("she passes the quiz", lambda s: s.take_quiz("check", True)),
        ("the trainer makes plan optional", lambda s: s.set_required("plan", False)),
        ("the trainer makes plan required again", lambda s: s.set_required("plan", True)),
        ("she reads plan", lambda s: s.read("plan")),
    ],
    "a lesson taken out finishes her course; put back it is new material": [
        ("she reads hello", lambda s: s.read("hello")),
        ("she passes the quiz", lambda s: s.take_quiz("check", True)),
        ("the trainer takes plan (and its module) out", lambda s: s.remove_lesson("plan")),
        ("the trainer puts plan back, in the first module",
         lambda s: s.add_lesson(0, 2, "plan", True)),
        ("she opens plan without marking it", lambda s: s.open_lesson("plan")),
        ("she marks plan done", lambda s: s.mark_done("plan")),
    ],
    "a quiz no longer named finishes her course; named again it is new material": [
        ("she reads hello", lambda s: s.read("hello")),
        ("she reads plan", lambda s: s.read("plan")),
        ("the trainer names the quiz nowhere", lambda s: s.place_quiz("check", "nowhere")),
        ("the trainer makes it the second module's quiz",
         lambda s: s.place_quiz("check", "module:posting")),
        ("she fails it", lambda s: s.take_quiz("check", False)),
        ("she passes it", lambda s: s.take_quiz("check", True)),
    ],
    "a quiz passed before the course named it counts once it does": [
        ("she passes recap, which the course does not name", lambda s: s.take_quiz("recap", True)),
        ("she reads hello and plan", lambda s: (s.read("hello"), s.read("plan"))),
        ("the trainer makes recap the quiz after hello",
         lambda s: s.place_quiz("recap", "lesson:hello")),
        ("she passes check", lambda s: s.take_quiz("check", True)),
    ],
    "double taps, expired pages, old papers and made-up tokens store nothing twice": [
        ("she marks hello done without opening it", lambda s: s.mark_done("hello")),
        ("she marks hello done from an expired page",
         lambda s: s.mark_done_from_expired_page("hello")),
        ("her quiz page expired", lambda s: s.send_expired_page("check", True)),
        ("she sends a wrong paper twice", lambda s: s.take_quiz("check", False, twice=True)),
        ("she sends that old paper again, right this time",
         lambda s: s.send_old_paper_again(0, True)),
        ("a made-up token", lambda s: s.send_made_up_token("check")),
        ("she passes, tapping twice", lambda s: s.take_quiz("check", True, twice=True)),
    ],
    "units merged and moved around her while she is overdue": [
        ("she opens hello", lambda s: s.open_lesson("hello")),
        ("four days pass: overdue", lambda s: s.days_pass(4)),
        ("her colleague's commune merges into hers", lambda s: s.merge("SM-A2", "SM-A1")),
        ("her commune moves to the other district", lambda s: s.move("SM-A1", "SM-DB")),
        ("that district's chairs get the course, due tomorrow",
         lambda s: s.assign("SM-DB", ("chair",), 1)),
        ("her old district merges into the new one", lambda s: s.merge("SM-DA", "SM-DB")),
        ("she finishes", lambda s: (s.read("hello"), s.read("plan"), s.take_quiz("check", True))),
        ("her commune merges into its neighbour; her certificate keeps the old name",
         lambda s: s.merge("SM-A1", "SM-B1")),
    ],
    "assignments by committee role, due date and removal": [
        ("the first assignment is removed", lambda s: s.unassign(s.world.assignments[0])),
        ("the province's committee members, due today",
         lambda s: s.assign("SM", ("committee_member",), 0)),
        ("the chairs of her commune, no due date", lambda s: s.assign("SM-A1", ("chair",), None)),
        ("a day passes", lambda s: s.days_pass(1)),
        ("she reads hello", lambda s: s.read("hello")),
        ("the chairs' assignment is removed", lambda s: s.unassign(s.world.assignments[-1])),
        ("the coordinator puts it back", lambda s: s.undo_unassign()),
        ("it is removed again", lambda s: s.unassign(s.world.assignments[-1])),
        ("her commune merges into her colleague's", lambda s: s.merge("SM-A1", "SM-A2")),
        ("the coordinator puts the assignment back: it covers the merged commune",
         lambda s: s.undo_unassign()),
    ],
}


@pytest.mark.parametrize("name", list(SEQUENCES))
def test_every_page_agrees_with_the_model_after_each_step(stateful_site, name):
    site = ModelledSite(stateful_site)
    try:
        site.check()
        for number, (what, action) in enumerate(SEQUENCES[name], start=1):
            action(site)
            try:
                site.check()
            except AssertionError as problem:
                raise AssertionError(f"after step {number} ({what}): {problem}") from None
    finally:
        site.close()
