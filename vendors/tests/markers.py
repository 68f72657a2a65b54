import pytest

# MariaDB's full-text index sees only committed rows, so tests that search commit
# (and get back the pages the migrations made once they are done).
search_db = pytest.mark.django_db(transaction=True, serialized_rollback=True)
