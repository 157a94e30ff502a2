"""``anastro-quiz plan``: an exam plan (make, show, clear); the work is in ``exam_planner``."""

from __future__ import annotations

import json

import click

from .context import Context, fail, user_errors
from ..numbers import noun, plural


@click.command("plan")
@click.option("--exam", metavar="YYYY-MM-DD", help="The exam date (a day after today).")
@click.option("--recall", metavar="R", help="Predicted recall every card should have on the exam day, "
                                             "between 0 and 1 (e.g. 0.9).")
@click.option("--deck", "deck_ids", multiple=True, metavar="ID", help="Only these deck ids (repeatable; "
                                                                      "default: every deck in use).")
@click.option("--dry-run", is_flag=True, help="Show the plan; change nothing.")
@click.option("--clear", is_flag=True, help="Drop the plan in force (due dates it set stay).")
@click.option("--json", "as_json", is_flag=True, help="Print the plan as JSON.")
@click.pass_obj
def plan_command(obj: Context, exam: str | None, recall: str | None, deck_ids: tuple[str, ...], dry_run: bool,
                 clear: bool, as_json: bool) -> None:
    """Plan for an exam: every card of the decks at recall R or above on the exam day.

    Cards whose next review would leave them below R on the day get it brought forward to a
    day before the exam, spread over the days left within the daily review limits; new cards
    enter at the daily new-card limit (the plan says which come too late). Grades keep
    following the plan until the exam, then the normal schedule resumes. The Progress
    screen's Exam tab shows the plan as you study. With no option: the plan in force.
    """
    from ..exam_plan import check_plan
    from ..exam_planner import forecast_plan, make_plan

    if clear and (exam or recall or deck_ids or dry_run):
        fail("--clear takes no other option")
    if (exam is None) != (recall is None):
        fail("give both --exam YYYY-MM-DD and --recall R")
    if exam is None and (deck_ids or dry_run):
        fail("--deck and --dry-run need --exam and --recall")
    collection = obj.open_collection()
    try:
        if clear:
            cleared = collection.clear_exam_plan()
            click.echo("exam plan dropped (due dates it set stay)" if cleared else "there was no exam plan")
            return
        with user_errors():
            if exam is None:
                plan = collection.exam_plan()
                if plan is None:
                    fail("there is no exam plan: make one with --exam YYYY-MM-DD --recall R")
                result, moves = forecast_plan(collection, plan), []
            else:
                plan = check_plan(exam, recall, deck_ids, list(collection.decks), collection.now())
                result, moves = make_plan(collection, plan)
                if not dry_run:
                    with user_errors("the plan was not saved: "):
                        collection.apply_exam_plan(plan, moves)
    finally:
        collection.close()
    applied = exam is not None and not dry_run
    if as_json:
        click.echo(json.dumps(result.to_dict() | {"applied": applied}, indent=2))
        return
    _print(result, applied, dry_run, {d: collection.decks[d].title for d in result.plan.decks})


def _print(result, applied: bool, dry_run: bool, titles: dict[str, str]) -> None:
    plan = result.plan
    click.echo(f"exam on {plan.exam.isoformat()}, recall {plan.recall:g} or above: "
               f"{', '.join(titles.values())} ({plural(result.cards, 'card')})")
    click.echo(f"predicted on the day, keeping to the plan: {result.at_or_above} of {result.cards} "
               f"({result.predicted_share:.0%}) at or above {plan.recall:g}")
    if result.normal_reviews is not None:
        click.echo(f"{plural(result.reviews, 'review')} until the exam ({result.normal_reviews} without the plan); "
                   f"{plural(result.moved, 'card')} brought forward")
    if result.new_cards:
        click.echo(f"{plural(result.new_cards, 'new card')}: "
                   + (f"{result.new_late} {noun(result.new_late, 'comes', 'come')} too late at the daily "
                      "new-card limit to reach the target (raise it in Settings)" if result.new_late
                      else "all introduced in time at the daily new-card limit"))
    if result.waiting:
        click.echo(f"{plural(result.waiting, 'review')} {noun(result.waiting, 'waits', 'wait')} a day or more "
                   "for room under the daily review limit (raise it in Settings)")
    click.echo("reviews per day:")
    top = max(result.reviews_per_day.values(), default=0) or 1
    for day, count in result.reviews_per_day.items():
        new = result.new_per_day.get(day, 0)
        click.echo(f"  {day}  {'█' * round(20 * count / top):<20} {count}" + (f" + {new} new" if new else ""))
    if dry_run:
        click.echo("dry run: nothing changed")
    elif applied:
        click.echo("plan saved: grades follow it until the exam; Progress (Exam tab) shows it")


COMMANDS = [plan_command]
