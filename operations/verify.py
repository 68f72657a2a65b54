"""Compare two databases table by table: row counts and content checksums.

Each row is read through Django (its field converters), turned into one canonical
text (decimals normalised, datetimes in UTC, JSON with sorted keys, bytes as hex)
and hashed; a table's checksum is the sum of its rows' hashes modulo 2**256, so it
does not depend on the order rows come back in (SQLite and MariaDB sort text keys
differently). When the checksums differ, the rows behind the difference are found
by primary key and a few are named.
"""

import datetime
import decimal
import hashlib
import json
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.apps import apps
from django.db import models
from wagtail.blocks import StreamValue

MODULUS = 2**256
BATCH_SIZE = 2000


def copied_models() -> list[type[models.Model]]:
    """Every model with a table of its own (auto-created M2M tables included)."""
    by_table: dict[str, type[models.Model]] = {}
    for model in apps.get_models(include_auto_created=True):
        opts = model._meta
        if opts.proxy or not opts.managed:
            continue
        by_table.setdefault(opts.db_table, model)
    return sorted(by_table.values(), key=lambda m: m._meta.db_table)


def stored_fields(model: type[models.Model]) -> list[models.Field]:
    """The columns of the model's own table (not a parent's), not generated ones."""
    return [
        f
        for f in model._meta.local_concrete_fields
        if not getattr(f, "generated", False)
    ]


def canonical(value) -> str:
    if isinstance(value, StreamValue):
        # What the column holds, not the rendered HTML (which reads other rows).
        value = value.get_prep_value()
    if value is None:
        return "\x00"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, decimal.Decimal):
        if value.is_nan() or value.is_infinite():
            return str(value)
        text = format(value.normalize(), "f")
        return "0" if text in ("-0", "0") else text
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(datetime.UTC).replace(tzinfo=None)
        return value.isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return str(value.total_seconds())
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True, separators=(",", ":"))
    if isinstance(value, uuid.UUID):
        return value.hex
    if isinstance(value, float):
        return repr(value)
    return str(value)


def row_hash(row: Iterable) -> int:
    text = "\x1f".join(canonical(value) for value in row)
    return int.from_bytes(hashlib.sha256(text.encode()).digest(), "big")


def iter_rows(
    model: type[models.Model], alias: str, batch_size: int = BATCH_SIZE
) -> Iterator[tuple]:
    """All rows of the model's own table, in primary-key batches (keyset paging)."""
    fields = stored_fields(model)
    names = [f.attname for f in fields]
    pk_name = model._meta.pk.attname
    pk_index = names.index(pk_name)
    queryset = model._base_manager.using(alias).order_by(pk_name).values_list(*names)
    last = None
    while True:
        batch = (
            queryset.filter(**{f"{pk_name}__gt": last})
            if last is not None
            else queryset
        )
        rows = list(batch[:batch_size])
        yield from rows
        if len(rows) < batch_size:
            return
        last = rows[-1][pk_index]


@dataclass
class TableDigest:
    table: str
    rows: int
    checksum: int

    @property
    def hex(self) -> str:
        return f"{self.checksum:064x}"[:16]


def digest(model: type[models.Model], alias: str) -> TableDigest:
    total = 0
    count = 0
    for row in iter_rows(model, alias):
        total = (total + row_hash(row)) % MODULUS
        count += 1
    return TableDigest(model._meta.db_table, count, total)


@dataclass
class TableDifference:
    table: str
    source_rows: int
    target_rows: int
    source_checksum: str
    target_checksum: str
    examples: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        text = (
            f"{self.table}: {self.source_rows} rows ({self.source_checksum}) in the "
            f"source, {self.target_rows} rows ({self.target_checksum}) in the target"
        )
        if self.examples:
            text += "; e.g. " + ", ".join(self.examples)
        return text


@dataclass
class Report:
    tables: list[TableDigest] = field(default_factory=list)
    differences: list[TableDifference] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.differences and not self.problems

    @property
    def rows(self) -> int:
        return sum(t.rows for t in self.tables)


def _row_examples(model: type[models.Model], source: str, target: str) -> list[str]:
    """Up to five primary keys whose row is missing, extra or different."""
    pk_index = [f.attname for f in stored_fields(model)].index(model._meta.pk.attname)

    def by_pk(alias):
        return {row[pk_index]: row_hash(row) for row in iter_rows(model, alias)}

    left, right = by_pk(source), by_pk(target)
    examples = []
    for pk in sorted(set(left) | set(right), key=str):
        if pk not in right:
            examples.append(f"pk={pk} missing in the target")
        elif pk not in left:
            examples.append(f"pk={pk} only in the target")
        elif left[pk] != right[pk]:
            examples.append(f"pk={pk} differs")
        if len(examples) == 5:
            break
    return examples


def compare(
    source: str, target: str, models_: list[type[models.Model]] | None = None
) -> Report:
    """Row counts and checksums of every copied table, source against target."""
    report = Report()
    for model in models_ or copied_models():
        left = digest(model, source)
        right = digest(model, target)
        report.tables.append(left)
        if (left.rows, left.checksum) != (right.rows, right.checksum):
            report.differences.append(
                TableDifference(
                    left.table,
                    left.rows,
                    right.rows,
                    left.hex,
                    right.hex,
                    _row_examples(model, source, target),
                )
            )
    return report
