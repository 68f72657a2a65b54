# SQL here is built only from quoted table and column names of our own models.
# ruff: noqa: S608
"""Copy every table of one database into another built by the same migrations.

The target's schema comes from `migrate`; the rows migrations put there
(content types, permissions, Wagtail's root page and default site) are emptied,
then every model's table is copied from the source in dependency order (a table
after the tables its foreign keys point to), in primary-key batches, each table in
one transaction. Wagtail has cycles (a page points at its latest revision, which
points back at the page by text id), so foreign-key checks are off in the copying
session and the links are checked afterwards instead (`orphan_problems`).
"""

import os
import subprocess
import sys
from collections.abc import Callable

from django.conf import settings
from django.db import connections, models, transaction

from operations.databases import table_names
from operations.verify import copied_models, digest, iter_rows, stored_fields

AUTO_FIELD_TYPES = {"AutoField", "BigAutoField", "SmallAutoField"}


def common_models(source: str, target: str) -> list[type[models.Model]]:
    """The models whose table both databases have.

    A backend-specific table (Wagtail's SQLite full-text index,
    wagtailsearch_indexentry_fts) exists on one side only; the target's search
    backend indexes the copied wagtailsearch_indexentry rows itself.
    """
    both = set(table_names(source)) & set(table_names(target))
    return [m for m in copied_models() if m._meta.db_table in both]


def dependency_order(models_: list[type[models.Model]]) -> list[type[models.Model]]:
    """Tables after the tables they point to; a cycle is broken at its fewest links."""
    by_table = {m._meta.db_table: m for m in models_}
    needs: dict[str, set[str]] = {}
    for model in models_:
        table = model._meta.db_table
        needs[table] = {
            f.related_model._meta.db_table
            for f in stored_fields(model)
            if f.is_relation
            and f.related_model is not None
            and f.related_model._meta.db_table in by_table
            and f.related_model._meta.db_table != table
        }
    ordered: list[str] = []
    done: set[str] = set()
    while len(ordered) < len(needs):
        ready = sorted(t for t in needs if t not in done and needs[t] <= done)
        if not ready:
            # A cycle: take the table with the fewest tables still to come.
            ready = [
                min(
                    (t for t in needs if t not in done),
                    key=lambda t: (len(needs[t] - done), t),
                )
            ]
        for table in ready:
            ordered.append(table)
            done.add(table)
    return [by_table[t] for t in ordered]


def quote(alias: str, name: str) -> str:
    return connections[alias].ops.quote_name(name)


def migrate_schema(url: str) -> None:
    """Run `migrate` in a process whose default database is `url`.

    Not `migrate --database`: some data migrations (Wagtail's initial root page
    among them) write through the default manager, to the default database.
    """
    subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [
            sys.executable,
            str(settings.BASE_DIR / "manage.py"),
            "migrate",
            "--noinput",
            "--skip-checks",
        ],
        env={**os.environ, "DATABASE_URL": url},
        check=True,
        stdout=subprocess.DEVNULL,
    )


def unapplied_in(alias: str) -> set[tuple[str, str]]:
    """Migrations this code has that `alias` has not applied."""
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(connections[alias], ignore_no_migrations=True)
    return set(loader.graph.leaf_nodes()) - set(loader.applied_migrations)


def drop_all_tables(alias: str) -> None:
    connection = connections[alias]
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        cursor.execute("SET FOREIGN_KEY_CHECKS = 0")
        for table in tables:
            cursor.execute(f"DROP TABLE IF EXISTS {quote(alias, table)}")
        cursor.execute("SET FOREIGN_KEY_CHECKS = 1")


def empty_tables(alias: str, models_: list[type[models.Model]]) -> None:
    with connections[alias].cursor() as cursor:
        cursor.execute("SET FOREIGN_KEY_CHECKS = 0")
        for model in models_:
            cursor.execute(f"DELETE FROM {quote(alias, model._meta.db_table)}")
        cursor.execute("SET FOREIGN_KEY_CHECKS = 1")


def copy_table(
    model: type[models.Model], source: str, target: str, batch_size: int
) -> int:
    """Copy one table's rows; return how many."""
    connection = connections[target]
    fields = stored_fields(model)
    table = quote(target, model._meta.db_table)
    columns = ", ".join(quote(target, f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"
    copied = 0
    batch: list[list] = []
    with transaction.atomic(using=target), connection.cursor() as cursor:
        cursor.execute("SET FOREIGN_KEY_CHECKS = 0")
        cursor.execute(f"DELETE FROM {table}")
        for row in iter_rows(model, source, batch_size):
            batch.append(
                [
                    f.get_db_prep_save(value, connection=connection)
                    for f, value in zip(fields, row, strict=True)
                ]
            )
            if len(batch) == batch_size:
                cursor.executemany(sql, batch)
                copied += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            copied += len(batch)
        cursor.execute("SET FOREIGN_KEY_CHECKS = 1")
    return copied


def reset_auto_increment(model: type[models.Model], target: str) -> int | None:
    """Set the table's next id past the copied ones; return it (None: no counter)."""
    pk = model._meta.pk
    if pk.get_internal_type() not in AUTO_FIELD_TYPES:
        return None
    table = quote(target, model._meta.db_table)
    with connections[target].cursor() as cursor:
        cursor.execute(f"SELECT MAX({quote(target, pk.column)}) FROM {table}")
        next_id = (cursor.fetchone()[0] or 0) + 1
        cursor.execute(f"ALTER TABLE {table} AUTO_INCREMENT = {int(next_id)}")
    return next_id


def auto_increment_problems(target: str, models_) -> list[str]:
    """Tables whose next id would collide with a copied row."""
    connection = connections[target]
    problems = []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT TABLE_NAME, AUTO_INCREMENT FROM information_schema.TABLES "
            "WHERE TABLE_SCHEMA = DATABASE()"
        )
        counters = dict(cursor.fetchall())
        for model in models_:
            pk = model._meta.pk
            if pk.get_internal_type() not in AUTO_FIELD_TYPES:
                continue
            table = model._meta.db_table
            cursor.execute(
                f"SELECT MAX({quote(target, pk.column)}) FROM {quote(target, table)}"
            )
            top = cursor.fetchone()[0]
            if top is not None and (counters.get(table) or 0) <= top:
                problems.append(
                    f"{table}: next id {counters.get(table)} is not past the "
                    f"largest copied id {top}"
                )
    return problems


def orphan_problems(alias: str, models_) -> list[str]:
    """Foreign keys pointing at missing rows (checks were off while copying)."""
    problems = []
    with connections[alias].cursor() as cursor:
        for model in models_:
            for f in stored_fields(model):
                if not (f.is_relation and f.many_to_one and f.db_constraint):
                    continue
                target_field = f.target_field
                child = quote(alias, model._meta.db_table)
                parent = quote(alias, f.related_model._meta.db_table)
                column = quote(alias, f.column)
                key = quote(alias, target_field.column)
                cursor.execute(
                    f"SELECT COUNT(*) FROM {child} c LEFT JOIN {parent} p "
                    f"ON c.{column} = p.{key} "
                    f"WHERE c.{column} IS NOT NULL AND p.{key} IS NULL"
                )
                missing = cursor.fetchone()[0]
                if missing:
                    problems.append(
                        f"{model._meta.db_table}.{f.column}: {missing} rows point at "
                        f"no {f.related_model._meta.db_table} row"
                    )
    return problems


def page_tree_problems(source: str, target: str) -> list[str]:
    """Wagtail's tree on the target: binary path collation, same order, counts right."""
    problems = []
    connection = connections[target]
    with connection.cursor() as cursor:
        if connection.vendor == "mysql":
            cursor.execute(
                "SELECT TABLE_NAME, COLLATION_NAME FROM information_schema.COLUMNS "
                "WHERE TABLE_SCHEMA = DATABASE() AND COLUMN_NAME = 'path' "
                "AND TABLE_NAME IN ('wagtailcore_page', 'wagtailcore_collection')"
            )
            for table, collation in cursor.fetchall():
                if not (collation or "").endswith("_bin"):
                    problems.append(
                        f"{table}.path has collation {collation}, not a binary one"
                    )
        for table in ("wagtailcore_page", "wagtailcore_collection"):
            cursor.execute(f"SELECT path FROM {quote(target, table)} ORDER BY path")
            target_order = [row[0] for row in cursor.fetchall()]
            with connections[source].cursor() as source_cursor:
                source_cursor.execute(f"SELECT path FROM {table}")
                source_paths = sorted(row[0] for row in source_cursor.fetchall())
            if target_order != source_paths:
                problems.append(f"{table}: the tree's paths differ or sort differently")
            cursor.execute(
                f"SELECT COUNT(*) FROM {table} p WHERE p.numchild <> (SELECT COUNT(*) "
                f"FROM {table} c WHERE c.depth = p.depth + 1 "
                f"AND SUBSTRING(c.path, 1, CHAR_LENGTH(p.path)) = p.path)"
            )
            wrong = cursor.fetchone()[0]
            if wrong:
                problems.append(f"{table}: {wrong} nodes whose numchild is wrong")
    return problems


def copy_database(
    source: str,
    target: str,
    *,
    batch_size: int = 1000,
    resume: bool = False,
    log: Callable[[str], None] = print,
) -> list[type[models.Model]]:
    """Copy every table from `source` into the migrated `target`; return the order."""
    ordered = dependency_order(common_models(source, target))
    if not resume:
        empty_tables(target, ordered)
    for model in ordered:
        table = model._meta.db_table
        if resume and digest(model, source) == digest(model, target):
            log(f"  {table}: already copied")
            continue
        rows = copy_table(model, source, target, batch_size)
        next_id = reset_auto_increment(model, target)
        log(f"  {table}: {rows} rows" + (f", next id {next_id}" if next_id else ""))
    return ordered
