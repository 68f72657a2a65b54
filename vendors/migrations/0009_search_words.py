"""On MariaDB/MySQL: a table of the words of Wagtail's search index, so that a
search costs as much at 100,000 products as at 10,000.

InnoDB's full-text index finds every entry holding a word, reads each one and
only then ranks: a word in 5,000 product titles took 8-11 ms at 100,000 products
against 1 ms at 10,000, whatever the page asked for. Here each (entry, word)
is a row, and the primary key is the order results are ranked in (word in the
title, times it occurs, newest), so the best 240 entries for a word are the
first 240 rows of an index range; a further word is a lookup in the unique key.

Made and kept by triggers on Wagtail's table, as vendors.0008 kept its copy
(which this replaces): every write path (the search backend, a rebuild, a copy
between databases, a restored dump) writes through them, in the writer's
transaction. The words are cut by one regular expression: runs of Unicode word
characters, as vendors.search.search_words cuts a query. Words under 3
characters are left out, as InnoDB left them out, and so are words over 84
(InnoDB's longest), which are codes rather than words. Entries whose object id is not a
number (no searchable model here has one) get no words. Other databases get
nothing.
"""

import importlib

from django.db import migrations

TABLE = "vendors_search_word"
INDEX = "wagtailsearch_indexentry"
MIRROR = importlib.import_module("vendors.migrations.0008_search_text_mirror")


def _split(column: str) -> str:
    # Lower case, as a query is. Every run of non-word characters becomes a
    # JSON separator: only word characters are left between the quotes, so the
    # JSON needs no escaping.
    return f"REGEXP_REPLACE(LOWER({column}), '(*UCP)\\\\W+', '\",\"')"


def _words(entry: str) -> str:
    """A table `w` of the words of `entry`'s title (part 1) and body (part 2)."""
    title, body = _split(f"{entry}.title"), _split(f"COALESCE({entry}.body, '')")
    return (
        f"JSON_TABLE(CONCAT('[[\"', {title}, '\"],[\"', {body}, '\"]]'), "
        "'$[*]' COLUMNS (part FOR ORDINALITY, NESTED PATH '$[*]' COLUMNS ("
        "word LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci PATH '$'))) w"
    )


# Grouped by word, in the column's collation, so each row is unique in the key.
WORDS = (
    "SELECT {entry}.content_type_id, w.word, MAX(w.part = 1), "
    "LEAST(COUNT(*), 65535), {entry}.object_id FROM {source} "
    "WHERE CHAR_LENGTH(w.word) BETWEEN 3 AND 84 "
    "AND {entry}.object_id REGEXP '^[0-9]+$' {extra} GROUP BY {group}w.word"
)
COLUMNS = f"INSERT INTO {TABLE} (content_type_id, word, in_title, hits, object_id) "
ADD_NEW = COLUMNS + WORDS.format(
    entry="NEW", source=_words("NEW"), extra="", group=""
)
FILL = COLUMNS + WORDS.format(
    entry="entry",
    source=f"{INDEX} entry, {_words('entry')}",
    extra=(
        f"AND NOT EXISTS (SELECT 1 FROM {TABLE} done WHERE done.content_type_id = "
        "entry.content_type_id AND done.object_id = CAST(entry.object_id AS UNSIGNED))"
    ),
    group="entry.id, entry.content_type_id, entry.object_id, ",
)
DROP_OLD = (
    f"IF OLD.object_id REGEXP '^[0-9]+$' THEN DELETE FROM {TABLE} "
    "WHERE content_type_id = OLD.content_type_id "
    "AND object_id = CAST(OLD.object_id AS UNSIGNED); END IF"
)
TRIGGERS = {
    "insert": f"AFTER INSERT ON {INDEX} FOR EACH ROW {ADD_NEW}",
    # Wagtail updates title_norm of new entries after each indexing: only a
    # change of what is searched rewrites the words.
    "update": f"""AFTER UPDATE ON {INDEX} FOR EACH ROW
    IF NOT (NEW.title <=> OLD.title AND NEW.body <=> OLD.body
            AND NEW.content_type_id = OLD.content_type_id
            AND NEW.object_id = OLD.object_id) THEN
        {DROP_OLD};
        {ADD_NEW};
    END IF""",
    "delete": f"AFTER DELETE ON {INDEX} FOR EACH ROW {DROP_OLD}",
}
# The triggers before the fill, so an entry written meanwhile (the site stays
# up) is not missed; each statement may run again after a failed attempt.
FORWARD = [
    *MIRROR.BACKWARD,
    f"""CREATE TABLE IF NOT EXISTS {TABLE} (
        content_type_id INT NOT NULL,
        word VARCHAR(84) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci NOT NULL,
        in_title BOOL NOT NULL,
        hits SMALLINT UNSIGNED NOT NULL,
        object_id BIGINT UNSIGNED NOT NULL,
        PRIMARY KEY (content_type_id, word, in_title, hits, object_id),
        UNIQUE KEY {TABLE}_object_word (content_type_id, word, object_id),
        KEY {TABLE}_object (content_type_id, object_id)
    ) ENGINE=InnoDB""",
    *(
        statement
        for event, body in TRIGGERS.items()
        for statement in (
            f"DROP TRIGGER IF EXISTS {TABLE}_{event}",
            f"CREATE TRIGGER {TABLE}_{event} {body}",
        )
    ),
    FILL,
]
BACKWARD = [
    *(f"DROP TRIGGER IF EXISTS {TABLE}_{event}" for event in TRIGGERS),
    f"DROP TABLE IF EXISTS {TABLE}",
    *MIRROR.FORWARD,
]


class Migration(migrations.Migration):
    # MariaDB cannot roll DDL back: Django refuses it inside a transaction.
    atomic = False
    dependencies = [("vendors", "0008_search_text_mirror")]

    operations = [migrations.RunPython(MIRROR._run(FORWARD), MIRROR._run(BACKWARD))]
