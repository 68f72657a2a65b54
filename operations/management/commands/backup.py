"""The scheduled backup: database and media, compressed, pruned, maybe encrypted."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Back up the database (one consistent snapshot, safe while the shop runs) "
        "and the media files, gzipped, into the 'dbbackup' storage (BACKUP_ROOT), "
        "encrypted with GPG when BACKUP_GPG_RECIPIENT is set, keeping the newest "
        "BACKUP_KEEP of each. Run it daily from cron; restore with `dbrestore` and "
        "`mediarestore` (see README, 'Backups')."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-media", action="store_true", help="Back up the database only."
        )

    def handle(self, *args, **options):
        common = {
            "compress": True,
            "clean": True,
            "encrypt": bool(settings.DBBACKUP_GPG_RECIPIENT),
            "interactive": False,
            "verbosity": options["verbosity"],
        }
        call_command("dbbackup", **common)
        if not options["no_media"]:
            call_command("mediabackup", **common)
        self.stdout.write(self.style.SUCCESS("Backup done."))
