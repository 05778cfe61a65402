"""``python -m mediation_app`` does what the ``mediation-app`` command does."""

import sys

from mediation_app.cli import main

sys.exit(main())
