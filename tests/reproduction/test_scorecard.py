"""tlspaper.scorecard: Row deviation/within by hand, the Markdown table, collecting modules."""

from __future__ import annotations

import math
import sys
import types

import pytest

from tlspaper import scorecard as sc


def test_row_deviation_and_within_by_hand():
    # (2.1 - 2.0) / 2.0 = +5 %: inside a 10 % tolerance, outside a 1 % one
    r = sc.Row("p", "Table I", "q", published=2.0, ours=2.1, uncertainty=0.0, tolerance=0.10)
    assert r.deviation == pytest.approx(0.05)
    assert r.within
    tight = sc.Row("p", "Table I", "q", published=2.0, ours=2.1, uncertainty=0.0, tolerance=0.01)
    assert not tight.within
    # ... but |2.1 - 2.0| = 0.1 <= 2 sigma for sigma = 0.06 (0.12), not for sigma = 0.04 (0.08)
    assert sc.Row("p", "i", "q", 2.0, 2.1, 0.06, 0.01).within
    assert not sc.Row("p", "i", "q", 2.0, 2.1, 0.04, 0.01).within
    # published zero: infinite deviation unless ours is zero too
    assert sc.Row("p", "i", "q", 0.0, 0.3).deviation == math.inf
    assert sc.Row("p", "i", "q", 0.0, 0.0).deviation == 0.0
    d = r.as_dict()
    assert d["deviation"] == pytest.approx(0.05) and d["within"] is True and d["ours"] == 2.1


def test_to_markdown_by_hand():
    rows = [
        sc.Row("seed", "Table I", "C x 1e4", published=2.9, ours=2.9 * 1.02, uncertainty=0.05,
               tolerance=0.05),
        sc.Row("seed", "Eq. 9", "mu", published=0.2, ours=0.1, tolerance=0.1),
    ]
    lines = sc.to_markdown(rows).splitlines()
    assert lines[0] == ("| paper | item | quantity | published | ours ± unc. | deviation | "
                        "tolerance | within |")
    assert lines[1] == "|---|---|---|---|---|---|---|---|"
    # 2.9 * 1.02 = 2.958 -> "2.96"; deviation +2.0 %; tolerance 5 %; within
    assert lines[2] == "| seed | Table I | C x 1e4 | 2.9 | 2.96 ± 0.05 | +2.0 % | 5 % | yes |"
    # (0.1 - 0.2) / 0.2 = -50 %, no uncertainty printed, not within 10 %
    assert lines[3] == "| seed | Eq. 9 | mu | 0.2 | 0.1 | -50.0 % | 10 % | **no** |"
    assert len(lines) == 4


def test_collect_skips_missing_modules_and_concatenates_rows(monkeypatch):
    fake = types.ModuleType("tlspaper._fake_scorecard_source")
    fake.scorecard_rows = lambda: [sc.Row("p", "i", "q", 1.0, 1.0)]
    monkeypatch.setitem(sys.modules, fake.__name__, fake)
    rows = sc.collect(("tlspaper.no_such_chapter", fake.__name__, fake.__name__))
    assert rows == [sc.Row("p", "i", "q", 1.0, 1.0)] * 2
    assert sc.collect(("tlspaper.no_such_chapter",)) == []
    assert set(sc.SOURCES) >= {"tlspaper.dos", "tlspaper.universal", "tlspaper.ultrasonics"}
