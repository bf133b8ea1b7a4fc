"""The scorecard: Row deviation/within by hand, the Markdown table, collecting papers."""

from __future__ import annotations

import math
import types

import pytest

from tlspaper import papers
from tlspaper.papers import scorecard as sc


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
        sc.Row("key", "Table I", "C x 1e4", published=2.9, ours=2.9 * 1.02, uncertainty=0.05,
               tolerance=0.05),
        sc.Row("key", "Eq. 9", "mu", published=0.2, ours=0.1, tolerance=0.1),
    ]
    lines = sc.to_markdown(rows).splitlines()
    assert lines[0] == ("| paper | item | quantity | published | ours ± unc. | deviation | "
                        "tolerance | within |")
    assert lines[1] == "|---|---|---|---|---|---|---|---|"
    # 2.9 * 1.02 = 2.958 -> "2.96"; deviation +2.0 %; tolerance 5 %; within
    assert lines[2] == "| key | Table I | C x 1e4 | 2.9 | 2.96 ± 0.05 | +2.0 % | 5 % | yes |"
    # (0.1 - 0.2) / 0.2 = -50 %, no uncertainty printed, not within 10 %
    assert lines[3] == "| key | Eq. 9 | mu | 0.2 | 0.1 | -50.0 % | 10 % | **no** |"
    assert len(lines) == 4


def test_collect_concatenates_rows_paper_by_paper():
    one = types.SimpleNamespace(rows=lambda: [sc.Row("a", "i", "q", 1.0, 1.0)])
    two = types.SimpleNamespace(rows=lambda: [sc.Row("b", "i", "q", 2.0, 2.0)] * 2)
    assert [r.paper for r in sc.collect((one, two, one))] == ["a", "b", "b", "a"]
    assert sc.collect(()) == []


def test_every_paper_is_collected_in_reading_order():
    keys = [p.__name__.rpartition(".")[2] for p in papers.PAPERS]
    assert keys == ["churkin2021", "churkin2013", "carruzzo2020", "leggett2013"]
    for paper in papers.PAPERS:
        assert callable(paper.rows) and isinstance(paper.PUBLISHED, dict)


def test_published_records_where_it_is_printed():
    p = sc.Published(0.57, "text after Eq. 11")
    assert p.value == 0.57 and p.where == "text after Eq. 11"
    for paper in papers.PAPERS:
        for name, entry in paper.PUBLISHED.items():
            assert isinstance(entry, sc.Published), (paper.__name__, name)
            assert entry.where.strip(), (paper.__name__, name)


def test_find_dataset_names_the_known_datasets():
    with pytest.raises(KeyError, match="no paper declares a dataset named 'nope.npz'; known: "):
        papers.find_dataset("nope.npz")
