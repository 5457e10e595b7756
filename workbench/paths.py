"""Where things live, so no notebook or test hard-codes a path.

Everything is relative to the repository root (the package is installed editable), except the ledger cache,
which follows ``WORKBENCH_CACHE_DIR`` when set so CI, notebooks and analysts can point it anywhere.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJ_ROOT = Path(__file__).resolve().parents[1]
PACKAGE_DIR = Path(__file__).resolve().parent
RESOURCES_DIR = PACKAGE_DIR / "resources"
SEEDS_DIR = PROJ_ROOT / "seeds"
DATA_DIR = Path(os.environ.get("WORKBENCH_DATA_DIR", PROJ_ROOT / "data"))
NOTEBOOKS_DIR = PROJ_ROOT / "notebooks"
BUILD_DIR = PROJ_ROOT / "build"

MANIFEST_PATH = DATA_DIR / "sources.csv"
ACTORS_PATH = DATA_DIR / "actors.csv"
GAZETTEER_PATH = DATA_DIR / "gazetteer.csv"
CORRECTIONS_PATH = DATA_DIR / "corrections.csv"


def cache_dir() -> Path:
    """The ledger cache folder: ``WORKBENCH_CACHE_DIR`` or ``.cache/ledger`` under the repository."""
    return Path(os.environ.get("WORKBENCH_CACHE_DIR", PROJ_ROOT / ".cache" / "ledger")).expanduser()
