"""Extra database connections opened by URL, for commands that copy between two.

The copy and verify commands name their source and target by URL (the same
form as DATABASE_URL) and reach them through Django's connection handler under
their own aliases, so every query goes through Django's converters and quoting.
"""

from django.conf import settings
from django.db import connections
from environ import Env


def register_database(alias: str, url: str) -> str:
    """Make `url` reachable as `connections[alias]`; return the alias."""
    config = Env.db_url_config(url)
    engine = config["ENGINE"]
    if engine == "django.db.backends.mysql":
        # The same session settings as the site's own connection (config.settings.base).
        config["OPTIONS"] = {
            "charset": "utf8mb4",
            "init_command": "SET sql_mode='STRICT_TRANS_TABLES,NO_ZERO_DATE,"
            "NO_ZERO_IN_DATE,ERROR_FOR_DIVISION_BY_ZERO'",
            "isolation_level": "read committed",
            **config.get("OPTIONS", {}),
        }
    elif engine == "django.db.backends.sqlite3":
        # A plain (deferred) transaction: reading inside one sees a single snapshot
        # of a WAL database without taking the write lock from the running shop.
        config["OPTIONS"] = {"timeout": 20, **config.get("OPTIONS", {})}
    else:
        raise ValueError(f"Unsupported database engine {engine} for {url!r}")
    full = connections.configure_settings(
        {"default": dict(settings.DATABASES["default"]), alias: config}
    )[alias]
    if alias in connections.settings:
        connections[alias].close()
        del connections[alias]
    connections.settings[alias] = full
    settings.DATABASES[alias] = full
    return alias


def forget_database(alias: str) -> None:
    if alias in connections.settings:
        connections[alias].close()
        del connections[alias]
        del connections.settings[alias]
    settings.DATABASES.pop(alias, None)


def table_names(alias: str) -> list[str]:
    connection = connections[alias]
    with connection.cursor() as cursor:
        return connection.introspection.table_names(cursor)
