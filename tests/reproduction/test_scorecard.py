"""The scorecard: Row deviation/within by hand, the Markdown table, collecting papers."""

from __future__ import annotations

import math
import types

import pytest

from tlspaper import papers
from tlspaper.papers import scorecard as sc


def test_verdicts_by_hand():
    # sigma = sqrt(0.03^2 + 0.04^2) = 0.05: |2.08 - 2.0| = 0.08 <= 0.1 -> agrees (z = 1.6)
    r = sc.Row("p", "Table I", "q", published=2.0, ours=2.08, uncertainty=0.03,
               published_sigma=0.04)
    assert r.sigma == pytest.approx(0.05) and r.z == pytest.approx(1.6)
    assert r.verdict == "agrees"
    # |2.2 - 2.0| = 0.2 = 4 sigma -> disagrees without a band ...
    far = sc.Row("p", "i", "q", 2.0, 2.2, 0.03, published_sigma=0.04)
    assert far.verdict == "disagrees" and far.z == pytest.approx(4.0)
    # ... agrees within systematics when the band widened by 2 sigma = 0.1 reaches 2.0
    assert sc.Row("p", "i", "q", 2.0, 2.2, 0.03, published_sigma=0.04,
                  band=(2.09, 2.3)).verdict == "agrees within systematics"
    assert sc.Row("p", "i", "q", 2.0, 2.2, 0.03, published_sigma=0.04,
                  band=(2.11, 2.3)).verdict == "disagrees"
    # a band's order does not matter; not comparable wins over everything
    assert sc.Row("p", "i", "q", 2.0, 2.2, 0.03, published_sigma=0.04,
                  band=(2.3, 2.09)).verdict == "agrees within systematics"
    assert sc.Row("p", "i", "q", 2.0, 2.0, not_comparable="other sample").verdict == \
        "not comparable"
    # an exact coefficient (sigma = 0): equal agrees, any difference disagrees with z = inf
    assert sc.Row("p", "i", "q", 0.5, 0.5).verdict == "agrees"
    exact = sc.Row("p", "i", "q", 3.0, 2.62)
    assert exact.z == math.inf and exact.verdict == "disagrees"
    # an unknown statistical error counts as 0, not as a free pass
    assert sc.Row("p", "i", "q", 1.0, 1.2, math.nan, published_sigma=0.05).verdict == "disagrees"
    assert sc.Row("p", "i", "q", 0.0, 0.3).deviation == math.inf
    d = r.as_dict()
    assert d["verdict"] == "agrees" and d["z"] == pytest.approx(1.6) and d["ours"] == 2.08


def test_fields_after_uncertainty_are_keyword_only():
    with pytest.raises(TypeError):
        sc.Row("p", "i", "q", 1.0, 1.0, 0.0, 0.05)  # a bare 7th argument is a mistake
    assert not hasattr(sc.Row("p", "i", "q", 1.0, 1.0), "tolerance")


def test_half_unit_and_published_precision_by_hand():
    assert sc.half_unit("0.27") == pytest.approx(0.005)
    assert sc.half_unit("0.0140") == pytest.approx(0.00005)
    assert sc.half_unit("21.53") == pytest.approx(0.005)
    assert sc.half_unit("3") == 0.5 and sc.half_unit("1.2e3") == pytest.approx(50.0)
    assert sc.Published(0.2, "Fig. 1", text="0.20").precision == pytest.approx(0.005)
    assert sc.Published(0.2, "Fig. 1").precision == pytest.approx(0.05)
    assert sc.Published(1 / 6, "text", sigma=0.0).precision == 0.0


def test_counts_and_rule_text():
    rows = [sc.Row("a", "i", "q", 1.0, 1.0), sc.Row("a", "i", "q", 1.0, 2.0),
            sc.Row("b", "i", "q", 1.0, 5.0, band=(1.0, 5.0))]
    c = sc.counts(rows)
    assert c["a"] == {"agrees": 1, "agrees within systematics": 0, "disagrees": 1,
                      "not comparable": 0}
    assert c["b"]["agrees within systematics"] == 1
    for verdict in sc.VERDICTS:
        assert verdict in sc.RULE
    assert "half a unit of the last printed digit" in sc.RULE


def test_to_markdown_by_hand():
    rows = [
        sc.Row("key", "Table I", "C x 1e4", published=2.9, ours=2.9 * 1.02, uncertainty=0.05,
               published_sigma=0.05),
        sc.Row("key", "Eq. 9", "mu", published=0.2, ours=0.1, published_sigma=0.005,
               band=(0.08, 0.12), band_over="windows", section="s-eq9"),
    ]
    lines = sc.to_markdown(rows, names={"key": "Key et al. (2000)"},
                           link=lambda r: f"ch.html#{r.section}" if r.section else None)
    lines = lines.splitlines()
    assert lines[0] == ("| paper | item | quantity | published | ours ± stat. | "
                        "systematic band | verdict |")
    # 2.9 * 1.02 = 2.958 -> "2.96"; z = 0.058 / 0.0707 = 0.8 -> agrees
    assert lines[2] == ("| Key et al. (2000) | Table I | C x 1e4 | 2.9 ± 0.05 | 2.96 ± 0.05 | "
                        "– | agrees |")
    # |0.1 - 0.2| / 0.005 = 20 sigma; band 0.08-0.12 + 0.01 misses 0.2
    assert lines[3] == ("| Key et al. (2000) | [Eq. 9](ch.html#s-eq9) | mu | 0.2 ± 0.005 | 0.1 | "
                        "0.08 … 0.12 (windows) | **disagrees** (20.0σ) |")
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
