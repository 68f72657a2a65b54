"""Settings for the commands the operations tests run in their own processes.

The test settings with MEDIA_ROOT from the environment (the test settings make a
fresh temporary one per process), so several processes share one media tree.
"""

from config.settings.base import env
from config.settings.test import *  # noqa: F403

MEDIA_ROOT = env.path("MEDIA_ROOT")
