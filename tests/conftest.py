"""Shared fixtures: the real spaCy pipeline and the seed ledger are built once per test session."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from workbench import paths

os.environ.setdefault("WORKBENCH_CACHE_DIR", str(paths.PROJ_ROOT / ".cache" / "test-ledger"))

SEEDS = paths.SEEDS_DIR
EVAL_DIR = Path(__file__).parent / "eval"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def nlp():
    from workbench.pipeline import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def seed_ledger(tmp_path_factory):
    from workbench.ledger import build_ledger

    cache = tmp_path_factory.mktemp("ledger-cache")
    return build_ledger([SEEDS], cache=cache, progress=False)


@pytest.fixture
def workbench_cmd() -> list[str]:
    exe = shutil.which("workbench", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "workbench.cli"]
