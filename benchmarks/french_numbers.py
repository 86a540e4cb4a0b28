"""Cost of formatting one French number: the project's formatter (:mod:`observatoire.numbers`) beside
Babel's ``format_decimal`` with a precompiled pattern (the fastest way to use Babel), when Babel is
installed (it is not a dependency: ``pip install babel`` to compare).

Prints microseconds per number and what a page with 5,000 numbers would spend; asserts nothing.
Why it matters: a cold territory page renders thousands of figures (tables, chart descriptions, texts).
"""

from __future__ import annotations

import random
import timeit

from observatoire.numbers import number

COUNT = 5_000


def _values() -> list[float]:
    rng = random.Random(1)
    return [rng.uniform(-100_000, 100_000) if i % 3 == 0 else rng.uniform(0, 10) for i in range(COUNT)]


def _row(name: str, seconds: float) -> None:
    print(f"{name:<44} {seconds / COUNT * 1e6:8.2f} µs/number {seconds * 1e3:8.2f} ms per {COUNT} numbers")


def main() -> None:
    values = _values()
    repeat = 20  # the best of many runs: a shared machine is noisy
    ours = min(timeit.repeat(lambda: [number(v, 1) for v in values], number=1, repeat=repeat))
    _row("observatoire.numbers.number", ours)

    def previous() -> list[str]:  # what the pages wrote by hand before (no grouping, no missing value)
        return [f"{v:.1f}".replace(".", ",").replace("-", "\u2212") for v in values]

    _row("f-string and replace (the former hand-made)", min(timeit.repeat(previous, number=1, repeat=repeat)))
    try:
        from babel import Locale
        from babel.numbers import format_decimal, parse_pattern
    except ImportError:
        print("babel absent: pip install babel to compare")
        return
    locale = Locale.parse("fr_FR")
    pattern = parse_pattern("#,##0.0")

    def with_pattern() -> list[str]:
        return [pattern.apply(v, locale).replace("-", "\u2212") for v in values]

    def plain() -> list[str]:
        return [format_decimal(v, "#,##0.0", locale="fr_FR") for v in values]

    precompiled = min(timeit.repeat(with_pattern, number=1, repeat=repeat))
    _row("babel pattern.apply (precompiled) + minus", precompiled)
    _row("babel format_decimal(locale='fr_FR')", min(timeit.repeat(plain, number=1, repeat=repeat)))
    same = sum(a == b for a, b in zip(with_pattern(), [number(v, 1) for v in values], strict=True))
    print(f"identical texts: {same} / {COUNT}")


if __name__ == "__main__":
    main()
