"""Teacher cards the tenth reading missed on the bundled decks, shown on invented text."""

from __future__ import annotations


from generated import generated_cards
from anastro_quiz.generate.pipeline import read
from anastro_quiz.generate.teacher import teacher_drafts


def _cards(tmp_path, text: str, name: str = "drug.txt"):
    return generated_cards(tmp_path, text, name)  # read as plain text, as the bundled sources are


def _drafts(tmp_path, text: str, name: str = "drug.md"):
    """The teacher's candidates (before the selection keeps one card of a sentence)."""
    doc = tmp_path / name
    doc.write_text(text, encoding="utf-8")
    return teacher_drafts(read(doc))


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


def test_examples_of_what_an_agent_acts_on_say_what_it_does(tmp_path):
    # the link of the mechanism (the agent acts on the category) is in the prompt, not the examples alone
    drafts = _drafts(tmp_path, "# Zorbicin\n\n## Mechanism\n\n"
                     "Zorbicin blocks the activity of crucial cytokines like osteopontin and sclerostin, which are "
                     "essential for osteocyte survival.\n")
    lists = [d.data["prompt"] for d in drafts if d.data.get("items") == ["osteopontin", "sclerostin"]]
    assert lists == ["Zorbicin blocks the activity of cytokines essential for osteocyte survival: give two examples."], \
        _asked(drafts)


def test_how_an_effect_is_mediated_is_asked_from_the_conclusion_that_states_it(tmp_path):
    drafts = _drafts(tmp_path, "# Zorbicin\n\n## Bone\n\n"
                     "Men lacking the vitamin D receptor have soft bones. "
                     "This shows that calcitriol's protective effects on cartilage are largely mediated by its "
                     "binding to the vitamin D receptor.\n"
                     "This suggests that progesterone's effects on bone are partly mediated by osteoblasts.\n")
    asked = _asked(drafts)
    assert ("How are calcitriol’s protective effects on cartilage largely mediated?",
            "By its binding to the vitamin D receptor") in asked, asked
    assert not any("progesterone" in p for p, _ in asked), asked  # "suggests": a hedge, not a finding


def test_a_reason_given_in_brackets_beside_an_influence_is_a_why_card(tmp_path):
    drafts = _drafts(tmp_path, "# Zorbicin\n\n## Dosing\n\n"
                     "For children with epilepsy, zorbicin is dosed by weight. "
                     "The right dose is a moving one, influenced by the child's age, liver size (as the liver is the "
                     "main site of zorbicin breakdown), and other medicines.\n")
    asked = _asked(drafts)
    assert ("In children with epilepsy, why is the right dose influenced by liver size?",
            "The liver is the main site of zorbicin breakdown") in asked, asked


def test_a_regulators_lost_balance_is_one_chain_card(tmp_path):
    drafts = _drafts(tmp_path, "# Zorbicin\n\n## Muscle\n\n"
                     "Myostatin is a key regulator of muscle growth, inhibiting the activity of satellite cells "
                     "and promoting protein breakdown.\n\n"
                     "The marked loss of myostatin by zorbicin disrupts this balance, leading to a rapid gain of "
                     "muscle mass and an increased risk of tendon injury.\n")
    chains = [(d.data["prompt"], d.data["answer"]) for d in drafts if d.kind == "chain"]
    assert ("The marked loss of myostatin by zorbicin: what follows for muscle growth, step by step?",
            "Balance of muscle growth disrupted → rapid gain of muscle mass → increased risk of tendon injury") \
        in chains, chains
