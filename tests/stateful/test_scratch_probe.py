import pytest
from stateful.modelled_site import ModelledSite

PROBES = {
    "opened lesson removed": [lambda s: s.open_lesson("hello"), lambda s: s.remove_lesson("hello")],
    "failed quiz unnamed then renamed": [lambda s: s.take_quiz("check", False), lambda s: s.place_quiz("check", "nowhere"),
                                          lambda s: s.place_quiz("check", "course")],
    "completed then moved overdue": [lambda s: (s.read("hello"), s.read("plan"), s.take_quiz("check", True)),
                                     lambda s: s.assign("SM-DB", (), 0), lambda s: s.days_pass(2),
                                     lambda s: s.move("SM-A1", "SM-DB"), lambda s: s.add_lesson(0, 0, "rules", True),
                                     lambda s: s.merge("SM-A1", "SM-B1")],
    "lesson quiz made optional lesson": [lambda s: s.place_quiz("recap", "lesson:extra"), lambda s: s.read("hello"),
                                         lambda s: s.read("plan"), lambda s: s.take_quiz("check", True),
                                         lambda s: s.take_quiz("recap", True)],
    "role assignment on unit below": [lambda s: s.assign("SM-A1", ("committee_member",), 1), lambda s: s.unassign(s.world.assignments[0]),
                                      lambda s: s.merge("SM-A2", "SM-A1"), lambda s: s.days_pass(2)],
    "district merge with her open": [lambda s: s.open_lesson("plan"), lambda s: s.assign("SM-DB", ("chair",), 3),
                                     lambda s: s.merge("SM-DB", "SM-DA"), lambda s: s.days_pass(3), lambda s: s.days_pass(1)],
    "all optional but quiz": [lambda s: s.set_required("hello", False), lambda s: s.set_required("plan", False),
                              lambda s: s.take_quiz("check", True)],
    "module quiz module removed": [lambda s: s.place_quiz("recap", "module:posting"), lambda s: s.read("hello"),
                                   lambda s: s.take_quiz("check", True), lambda s: s.read("plan"),
                                   lambda s: s.remove_lesson("plan")],
}

@pytest.mark.parametrize("name", list(PROBES))
def test_probe(stateful_site, name):
    s = ModelledSite(stateful_site)
    try:
        s.check()
        for i, step in enumerate(PROBES[name]):
            step(s)
            try:
                s.check()
            except AssertionError as e:
                raise AssertionError(f"step {i+1}: {e}") from None
    finally:
        s.close()
