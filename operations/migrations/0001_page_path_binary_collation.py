"""Wagtail's tree paths compare byte by byte on MySQL/MariaDB.

Treebeard orders and finds a page's descendants by comparing `path` strings
(`path LIKE '00010002%'`, `ORDER BY path`, `path > ...`). Wagtail sets the "C"
collation on PostgreSQL only (wagtailcore 0001 and 0027) and does nothing on
MySQL/MariaDB, where the column takes the database's collation (e.g.
utf8mb4_general_ci: case- and accent-insensitive). A binary collation keeps the
comparisons exact whatever the database default is.
"""

from django.db import migrations

PATH_COLUMNS = [("wagtailcore_page", "path"), ("wagtailcore_collection", "path")]


def binary_path_collation(apps, schema_editor):
    if schema_editor.connection.vendor != "mysql":
        return
    for table, column in PATH_COLUMNS:
        schema_editor.execute(
            f"ALTER TABLE `{table}` MODIFY `{column}` varchar(255) "
            "CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL"
        )


class Migration(migrations.Migration):
    # ALTER TABLE cannot run inside a transaction on MySQL/MariaDB.
    atomic = False

    dependencies = [("wagtailcore", "0098_apitoken")]

    operations = [migrations.RunPython(binary_path_collation, migrations.RunPython.noop)]
