"""Teacher cards the tenth reading missed on the bundled decks, shown on invented text."""

from __future__ import annotations

from anastro_quiz.generate import generate_decks


def _cards(tmp_path, text: str, name: str = "drug.txt"):
    doc = tmp_path / name
    doc.write_text(text, encoding="utf-8")
    return [c for d in generate_decks([doc]) for c in d.cards]


def _asked(cards) -> list[tuple[str, str]]:
    return [(str(c.data.get("prompt") or c.data.get("text")), str(c.data.get("answer"))) for c in cards]


def test_a_table_row_of_two_lists_asks_each_populations_list(tmp_path):
    # the men's list is too long to compare, so the row is no comparison: the women's list is asked too
    cards = _cards(tmp_path, "Letrozole is an oral aromatase inhibitor taken once a day by postmenopausal women.\n\n"
                   "Letrozole Protocols\n\n"
                   "Parameter Use in Women (Breast Cancer) Use in Men (Fertility Care)\n"
                   "Typical Dosage 2.5 mg daily. 2.5 mg twice weekly.\n"
                   "Follow-up Tests Liver enzymes, blood counts, kidney function. Serum estradiol levels, semen "
                   "analysis, prostate specific antigen, symptoms of low estrogen.\n")
    lists = {c.data["prompt"].split(": ")[-1]: c.data["items"] for c in cards if c.id.startswith("list-")}
    assert lists.get("name three follow-up tests in women with breast cancer.") == \
        ["Liver enzymes", "blood counts", "kidney function"], lists
    assert "name three follow-up tests in men (fertility care)." in lists
