"""Benchmark the input stage: each reader on growing input (Markdown, HTML, PDF pages).

Run with ``python benchmarks/bench_readers.py`` (``--quick`` for a smoke run). The
"ms per KB" (Markdown, HTML) and "ms per page" (PDF) columns should stay roughly flat as
input grows: reading is linear in the size of the input. PDFs are built with fpdf2 (the
``test`` extra); without it the PDF rows are skipped. One warm-up read first takes the
one-off loading (langdetect's language profiles, about a second) out of the figures.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from anastro_quiz.generate.readers import read_blocks  # noqa: E402

PARAGRAPH = ("Letrozole section {n} lowers plasma estradiol by about 95% in postmenopausal women, and bone "
             "density falls by 2–3% a year while it is taken at 2.5 mg/day.[{n}] Hot flashes occur in a third of "
             "women, and joint pain is common; both fade after treatment ends in most of them.")


def markdown(sections: int) -> str:
    parts = ["# Letrozole\n"]
    for n in range(sections):
        parts += [f"## Part {n}\n", PARAGRAPH.format(n=n) + "\n", "- Hot flashes\n- Joint pain\n",
                  f"| Drug | Dose |\n|---|---|\n| Letrozole {n} | 2.5 mg |\n| Anastrozole {n} | 1 mg |\n"]
    return "\n".join(parts)


def html(sections: int) -> str:
    body = "".join(f"<h2>Part {n}</h2><p>{PARAGRAPH.format(n=n)}</p><ul><li>Hot flashes</li><li>Joint pain</li></ul>"
                   for n in range(sections))
    return f"<html><body><nav><a href='/'>Home</a></nav><main><h1>Letrozole</h1>{body}</main></body></html>"


def pdf(pages: int, path: Path) -> bool:
    try:
        from fpdf import FPDF
    except ImportError:
        return False
    doc = FPDF(format="A4")
    for n in range(pages):
        doc.add_page()
        doc.set_font("Helvetica", size=9)
        doc.cell(0, 5, "Journal of Test Pharmacology")
        doc.ln(10)
        doc.set_font("Helvetica", "B", 14)
        doc.cell(0, 8, f"Part {n}")
        doc.ln(12)
        doc.set_font("Helvetica", size=11)
        for _ in range(4):
            doc.multi_cell(0, 5.5, PARAGRAPH.format(n=n).replace("–", "-"))
            doc.ln(4)
        doc.set_xy(10, 285)
        doc.cell(0, 5, f"Page {n + 1}", align="C")
    doc.output(str(path))
    return True


def timed(path: Path) -> tuple[float, int]:
    start = time.perf_counter()
    blocks = read_blocks(path).blocks
    return (time.perf_counter() - start) * 1000, len(blocks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small inputs only (smoke test)")
    args = parser.parse_args()
    sizes = (5, 20) if args.quick else (20, 80, 320)
    pages = (2, 4) if args.quick else (10, 40, 160)
    print(f"{'input':28} {'blocks':>7} {'ms':>9} {'per unit':>12}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        warm = folder / "warm.md"
        warm.write_text(markdown(1), encoding="utf-8")
        timed(warm)
        for fmt, build in (("md", markdown), ("html", html)):
            for n in sizes:
                path = folder / f"doc{n}.{fmt}"
                path.write_text(build(n), encoding="utf-8")
                ms, blocks = timed(path)
                kb = path.stat().st_size / 1024
                print(f"{fmt + f' {kb:.0f} KB':28} {blocks:>7} {ms:>9.0f} {ms / kb:>8.1f} ms/KB")
        for n in pages:
            path = folder / f"doc{n}.pdf"
            if not pdf(n, path):
                print("pdf: skipped (fpdf2 not installed)")
                break
            ms, blocks = timed(path)
            print(f"{f'pdf {n} pages':28} {blocks:>7} {ms:>9.0f} {ms / n:>6.1f} ms/page")


if __name__ == "__main__":
    main()
