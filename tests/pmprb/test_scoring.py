"""Scoring by hand: weight × mean of values, sums up the tree, gaps ranked."""
from decimal import Decimal as D

from rbtasks.pmprb.scoring import Node, rounded, score


def tree():
    """A (60) → A.1 (20: A.1.1, A.1.2), A.2 (10: A.2.1, A.2.2, A.2.3); B (40) → B.1 (40: B.1.1)."""
    return [
        Node(1, None, "A", "Pengungkit", D(60), False),
        Node(2, 1, "A.1", "Pemenuhan", D(20), False),
        Node(3, 2, "A.1.1", "", None, True), Node(4, 2, "A.1.2", "", None, True),
        Node(5, 1, "A.2", "Hasil antara", D(10), False),
        Node(6, 5, "A.2.1", "", None, True), Node(7, 5, "A.2.2", "", None, True),
        Node(8, 5, "A.2.3", "", None, True),
        Node(9, None, "B", "Hasil", D(40), False),
        Node(10, 9, "B.1", "Akuntabilitas", D(40), False),
        Node(11, 10, "B.1.1", "", None, True),
    ]


def test_the_issue_example_scores_20_times_the_mean():
    nodes = tree()[:4]
    result = score(nodes, {3: D(1), 4: D("0.625")}, {})
    assert result.self_scores[2] == D(20) * (D(1) + D("0.625")) / 2 == D("16.25")
    assert result.index == D("16.25")
    assert result.grade == "D"
    assert result.evaluator_index == 0


def test_unanswered_counts_zero_and_nodes_sum_their_children():
    values = {3: D(1), 6: D("0.5"), 7: D("0.67"), 11: D("0.8")}
    result = score(tree(), values, {})
    a1 = D(20) * (D(1) + 0) / 2                       # 10
    a2 = D(10) * (D("0.5") + D("0.67") + 0) / 3       # 3.9
    b1 = D(40) * D("0.8")                             # 32
    assert result.self_scores[1] == a1 + a2
    assert result.self_scores[9] == b1
    assert result.index == a1 + a2 + b1
    assert rounded(result.index) == D("45.90")
    assert result.grade == "C"


def test_evaluator_index_and_difference():
    result = score(tree(), {3: D(1), 4: D(1), 11: D(1)}, {3: D(1), 4: D(0), 11: D("0.9")})
    assert result.index == D(60)
    assert result.evaluator_index == D(10) + D(36)
    assert result.difference == D(-14)
    assert (result.grade, result.evaluator_grade) == ("CC", "C")


def test_gaps_are_ranked_by_points_lost_then_code():
    self_values = {3: D(1), 4: D("0.5"), 6: D(1), 7: D("0.33"), 11: D("0.75")}
    evaluator_values = {6: D("0.5")}  # the evaluator's value wins where given
    result = score(tree(), self_values, evaluator_values)
    lost = [(gap.indicator.code, gap.points_lost) for gap in result.gaps]
    third = D(10) / 3
    assert lost == [
        ("B.1.1", D(40) * D("0.25")),           # 10
        ("A.1.2", D(10) * D("0.5")),            # 5
        ("A.2.3", third),                       # 3.333…, unanswered
        ("A.2.2", third * D("0.67")),           # 2.2333…
        ("A.2.1", third * D("0.5")),            # 1.666…
    ]
    assert "A.1.1" not in dict(lost)


def test_equal_losses_rank_by_code():
    result = score(tree(), {}, {})
    codes = [gap.indicator.code for gap in result.gaps]
    assert codes == ["B.1.1", "A.1.1", "A.1.2", "A.2.1", "A.2.2", "A.2.3"]


def test_rounding_is_half_up_for_display_only():
    assert rounded(D("16.245")) == D("16.25")
    assert rounded(D(10) / 3, 4) == D("3.3333")
    assert rounded(None) is None
