"""``anastro-quiz plan`` (an exam plan: make, show, clear; the work is in ``exam_planner``) and
``anastro-quiz simulate`` (FSRS's simulator, ``interop.simulate``) and ``anastro-quiz reschedule``
(``reschedule``): scheduling ahead."""

from __future__ import annotations

import json

import click

from .context import Context, fail, user_errors
from ..numbers import noun, plural


@click.command("plan", short_help="Plan for an exam: every card at recall R on the day.")
@click.option("--exam", metavar="YYYY-MM-DD", help="The exam date (a day after today).")
@click.option("--recall", metavar="R", help="Predicted recall every card should have on the exam day, "
                                             "between 0 and 1 (e.g. 0.9).")
@click.option("--deck", "deck_ids", multiple=True, metavar="ID", help="Only these deck ids (repeatable; "
                                                                      "default: every deck in use).")
@click.option("--topic", "topics", multiple=True, metavar="TAG", help="Only the cards with this topic (tag) "
                                                                   "in those decks (repeatable: any of them).")
@click.option("--dry-run", is_flag=True, help="Show the plan; change nothing.")
@click.option("--clear", is_flag=True, help="Drop the plan in force (due dates it set stay).")
@click.option("--json", "as_json", is_flag=True, help="Print the plan as JSON.")
@click.pass_obj
def plan_command(obj: Context, exam: str | None, recall: str | None, deck_ids: tuple[str, ...],
                 topics: tuple[str, ...], dry_run: bool, clear: bool, as_json: bool) -> None:
    """Plan for an exam: every card of the decks at recall R or above on the exam day.

    --topic narrows the plan to the cards of those decks tagged with one of the topics.
    Cards whose next review would leave them below R on the day get it brought forward to a
    day before the exam, spread over the days left within the daily review limits; new cards
    enter at the daily new-card limit (the plan says which come too late). Grades keep
    following the plan until the exam, then the normal schedule resumes. The Progress
    screen's Exam tab shows the plan as you study. With no option: the plan in force.
    """
    from ..exam_plan import check_plan, read_exam
    from ..exam_planner import forecast_plan, make_plan

    if clear and (exam or recall or deck_ids or topics or dry_run):
        fail("--clear takes no other option")
    if (exam is None) != (recall is None):
        fail("give both --exam YYYY-MM-DD and --recall R")
    if exam is None and (deck_ids or topics or dry_run):
        fail("--deck, --topic and --dry-run need --exam and --recall")
    if clear:
        obj.refuse_in_preview("drop the exam plan")
    elif exam is not None and not dry_run:
        obj.refuse_in_preview("save the plan", " (--dry-run shows it)")
    if exam is not None:
        with user_errors():  # a mistyped date or recall, said before any database is opened (or made)
            read_exam(exam, recall)
    collection = obj.open_collection(create=exam is not None and not dry_run)  # a plan saved may start one
    try:
        if clear:
            cleared = collection.clear_exam_plan()
            click.echo("exam plan dropped (due dates it set stay)" if cleared else "there was no exam plan")
            return
        with user_errors():
            if exam is None:
                plan = collection.exam_plan()
                if plan is None:
                    click.echo("null" if as_json else "no exam plan in force: make one with "
                               "'anastro-quiz plan --exam YYYY-MM-DD --recall R' (add --dry-run to see it first)")
                    return
                result, moves = forecast_plan(collection, plan), []
            else:
                plan = check_plan(exam, recall, deck_ids, list(collection.decks), collection.now(), topics,
                                  collection.tags_of)
                result, moves = make_plan(collection, plan)
                if not dry_run:
                    with user_errors("the plan was not saved: "):
                        collection.apply_exam_plan(result.plan, moves)  # calibrated by make_plan
    finally:
        collection.close()
    applied = exam is not None and not dry_run
    if as_json:
        click.echo(json.dumps(result.to_dict() | {"applied": applied}, indent=2))
        return
    _print(result, applied, dry_run, {d: collection.decks[d].title for d in result.plan.decks})


def _print(result, applied: bool, dry_run: bool, titles: dict[str, str]) -> None:
    plan = result.plan
    topics = f", topics {', '.join(plan.topics)}" if plan.topics else ""
    click.echo(f"exam on {plan.exam.isoformat()}, recall {plan.recall:g} or above: "
               f"{', '.join(titles.values())}{topics} ({plural(result.cards, 'card')})")
    click.echo(f"predicted on the day, keeping to the plan: {result.at_or_above} of {result.cards} "
               f"({result.predicted_share:.0%}) at or above {plan.recall:g}")
    if result.normal_reviews is not None:
        click.echo(f"{plural(result.reviews, 'review')} until the exam ({result.normal_reviews} without the plan); "
                   f"{plural(result.moved, 'card')} brought forward")
    record = result.calibration.describe() if result.calibration is not None else None
    if record:
        click.echo(record)
    if result.new_cards:
        click.echo(f"{plural(result.new_cards, 'new card')}: "
                   + (f"{result.new_late} {noun(result.new_late, 'comes', 'come')} too late at the daily "
                      "new-card limit to reach the target (raise it in Settings)" if result.new_late
                      else "all introduced in time" + ("" if plan.new_pace else " at the daily new-card limit")))
    if result.pace_note():
        click.echo(result.pace_note())
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


@click.command("simulate", short_help="Simulate the workload and recall of the days ahead.")
@click.option("--days", type=click.IntRange(1, 3650), default=365, show_default=True, help="Days to simulate.")
@click.option("--retention", type=float, default=None,
              help="Desired retention to simulate (default: the scheduler's, 0.70-0.99).")
@click.option("--json", "as_json", is_flag=True, help="Print the simulation as JSON.")
@click.pass_obj
def simulate_command(obj: Context, days: int, retention: float | None, as_json: bool) -> None:
    """Simulate workload and knowledge over the next DAYS days at a desired retention, and the
    retention that minimises study time per remembered card (FSRS's simulator).

    Starts from the cards as they are (studied ones with their memory state and due date,
    new ones introduced at the global daily limit), graded by draws from FSRS's predicted
    recall through each deck's scheduler. Needs the optional optimizer:
    pip install "anastro-quiz[optimizer]".
    """
    from ..interop.optimize import backend
    from ..interop.simulate import simulate_collection

    with user_errors():
        backend()  # say how to install it before loading anything
    collection = obj.open_collection(create=False)
    try:
        limits = collection.limits()
        with user_errors():
            result = simulate_collection(collection, days, retention)
    finally:
        collection.close()
    if as_json:
        click.echo(json.dumps(result.to_dict(), indent=2))
        return
    click.echo(f"{plural(result.cards, 'card')}, {days} days at desired retention {result.retention:g} "
               f"({limits.new_per_day} new, {limits.reviews_per_day} reviews a day at most):")
    click.echo(f"  {result.total_reviews} reviews, {sum(result.minutes_per_day) / 60:.1f} hours; "
               f"{result.memorized_per_day[-1]:.0f} cards memorised at the end")
    click.echo(f"retention with the least study time per memorised card: {result.optimal_retention:.2f}")
    click.echo(f"  {'day':>5}  {'reviews':>7}  {'new':>4}  {'minutes':>7}  {'memorised':>9}")
    step = max(1, days // 12)
    for day in list(range(0, days, step)) + ([days - 1] if (days - 1) % step else []):
        click.echo(f"  {day + 1:>5}  {result.reviews_per_day[day]:>7}  {result.new_per_day[day]:>4}  "
                   f"{result.minutes_per_day[day]:>7.1f}  {result.memorized_per_day[day]:>9.0f}")


@click.command("reschedule", short_help="Recompute due dates after changing the scheduler.")
@click.option("--deck", "deck_ids", multiple=True, metavar="ID", help="Only these deck ids (repeatable).")
@click.option("--dry-run", is_flag=True, help="Show how the load would change; change nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the change as JSON.")
@click.pass_obj
def reschedule_command(obj: Context, deck_ids: tuple[str, ...], dry_run: bool, as_json: bool) -> None:
    """Recompute every studied card's state and due date from its review history with the
    scheduler's settings as they are now (after changing desired retention or parameters),
    as Anki's FSRS does; shows the reviews due per day before and after."""
    from ..reschedule import apply_reschedule, preview_reschedule

    if not dry_run:
        obj.refuse_in_preview("reschedule", " (--dry-run shows how the load would change)")
    collection = obj.open_collection(create=False)  # a new database has no history to reschedule
    try:
        unknown = [d for d in deck_ids if d not in collection.decks]
        if unknown:
            fail(f"no deck {', '.join(map(repr, unknown))} is loaded (decks: {', '.join(collection.decks)})")
        preview = preview_reschedule(collection, list(deck_ids) or None)
        applied = 0
        if not dry_run and preview.changed:
            with user_errors("nothing was rescheduled: "):
                applied = apply_reschedule(collection, preview)
    finally:
        collection.close()
    if as_json:
        click.echo(json.dumps(preview.to_dict() | {"applied": not dry_run and bool(applied)}, indent=2))
        return
    click.echo(f"{plural(preview.cards, 'studied card')}: {preview.changed} with a new due date")
    click.echo(f"  {'day':<10}  {'due now':>7}  {'after':>5}")
    for day, count in preview.before.items():
        after = preview.after[day]
        if count or after:
            click.echo(f"  {day:<10}  {count:>7}  {after:>5}")
    click.echo(f"next 30 days: {sum(preview.before.values())} reviews due now, {sum(preview.after.values())} after")
    click.echo("dry run: nothing changed" if dry_run else f"rescheduled {plural(applied, 'card')}")


COMMANDS = [plan_command, simulate_command, reschedule_command]
