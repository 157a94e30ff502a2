"""Optimizer benchmark: default vs fitted FSRS parameters on held-out real reviews.

Reads a review-log CSV (default: ``../shared/data/review-log-sample.csv``, i.e. ``shared/data/``
beside the repository's folder: 12,580 real reviews of 1,205 cards, the py-fsrs project's
MIT-licensed test data, which is not committed here), fits the 21 FSRS parameters with
``anastro_quiz.interop.optimize`` on the chronologically earlier reviews and scores the
default and the fitted parameters by log loss and RMSE(bins) on the chronologically last
part, held out from fitting. One row per held-out fraction (20% is what
``anastro-quiz optimize`` uses). Study days (04:00 rollover) are counted in UTC here so the
numbers do not depend on the machine's time zone (``--local-time`` uses the local zone, as
``anastro-quiz optimize`` does).

Exit status: 0 when the fit improves both metrics at the 20% split, and also when the
default sample log is absent (it prints "skipped: ..." and where to put the file); 1 if the
fit does not improve both metrics; 2 if a ``--csv FILE`` given is missing or not a valid
review log, or the optimizer extra is not installed.

Needs the optimizer extra: ``pip install ".[optimizer]"``.
Run: ``python benchmarks/bench_optimize.py [--csv FILE] [--quick]``.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CSV = REPO_ROOT.parent / "shared" / "data" / "review-log-sample.csv"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=None,
                        help=f"review-log CSV in the py-fsrs format (default: {DEFAULT_CSV})")
    parser.add_argument("--quick", action="store_true", help="only the 20%% split")
    parser.add_argument("--local-time", action="store_true", help="count study days in the local time zone")
    args = parser.parse_args(argv)

    if args.csv is None:
        args.csv = DEFAULT_CSV
        if not args.csv.is_file():
            print(f"skipped: the sample review log is not at {args.csv} (it is not part of the repository: "
                  "put review-log-sample.csv, the py-fsrs test data, in shared/data/ beside the repository's "
                  "folder, or give another log with --csv FILE)")
            return 0
    elif not args.csv.is_file():
        print(f"no review log at {args.csv}", file=sys.stderr)
        return 2

    if not args.local_time and hasattr(time, "tzset"):
        os.environ["TZ"] = "UTC"
        time.tzset()

    from anastro_quiz.interop import InteropError
    from anastro_quiz.interop.optimize import available, fit
    from anastro_quiz.interop.progress import read_review_log

    if not available():
        print('the optimizer extra is not installed: pip install ".[optimizer]"', file=sys.stderr)
        return 2
    try:
        reviews = read_review_log(args.csv)
    except InteropError as exc:
        print(exc, file=sys.stderr)
        return 2
    print(f"review log: {args.csv.name}: {len(reviews)} reviews of {len({r.card_id for r in reviews})} cards")
    fractions = [0.2] if args.quick else [0.1, 0.2, 0.3]
    header = (f"{'held out':>8} {'train':>6} {'test':>6}  {'log loss default':>16} {'fitted':>8}  "
              f"{'RMSE(bins) default':>18} {'fitted':>8}  {'fit time':>8}")
    print(header)
    print("-" * len(header))
    ok = True
    for fraction in fractions:
        started = time.perf_counter()
        result = fit(reviews, held_out_fraction=fraction)
        elapsed = time.perf_counter() - started
        print(f"{fraction:>8.0%} {result.train:>6} {result.held_out:>6}  {result.default.log_loss:>16.4f} "
              f"{result.fitted.log_loss:>8.4f}  {result.default.rmse_bins:>18.2%} {result.fitted.rmse_bins:>8.2%}  "
              f"{elapsed:>7.2f}s")
        if fraction == 0.2:
            ok = (result.fitted.log_loss < result.default.log_loss
                  and result.fitted.rmse_bins < result.default.rmse_bins)
            parameters = result.parameters
    print("fitted parameters (20% split): " + ", ".join(f"{p:g}" for p in parameters))
    print("fit improves both metrics at the 20% split: " + ("yes" if ok else "NO"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
