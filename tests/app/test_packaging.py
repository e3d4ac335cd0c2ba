"""``pip install .`` gives a pogi that works away from the source tree: the wheel carries the
templates, the English catalogue and the migrations, and its console script runs from anywhere."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

# What a build must not see or leave behind: caches, environments and earlier builds.
NOT_SOURCES = shutil.ignore_patterns(
    ".git",
    ".venv",
    "__pycache__",
    "*.pyc",
    "*.egg-info",
    "build",
    "dist",
    ".*_cache",
    ".hypothesis",
    "*.db",
)


def _run(command: list[str], **options: object) -> subprocess.CompletedProcess[str]:
    """``command`` with no Slack or pogi settings and no ``PYTHONPATH`` from the test run."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SLACK_", "POGI_", "DATABASE_")) and k != "PYTHONPATH"
    }
    return subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=120, check=False, **options
    )  # type: ignore[call-overload]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel ``pip install .`` builds, from a copy of the repository: building in place
    leaves ``build/`` and ``pogi.egg-info/`` behind. Offline: setuptools is a dev dependency."""
    root = tmp_path_factory.mktemp("packaging")
    source = root / "source"
    shutil.copytree(REPO, source, ignore=NOT_SOURCES)
    offline = ["--no-deps", "--no-build-isolation", "--no-index", "--quiet"]
    built = _run(
        [sys.executable, "-m", "pip", "wheel", *offline, "-w", str(root / "dist"), str(source)]
    )
    assert built.returncode == 0, built.stdout + built.stderr
    [found] = (root / "dist").glob("pogi-*.whl")
    return found


@pytest.fixture(scope="module")
def names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new virtual environment with the wheel installed; pogi's dependencies are the test
    environment's own (a ``.pth`` file), so nothing is fetched. Returns its ``bin``."""
    venv = tmp_path_factory.mktemp("venv")
    made = _run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    purelib = _run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"]
    ).stdout.strip()
    # Only the dependencies: the test environment's own pogi is an editable install, whose
    # import hook sits in a .pth file there, and .pth files are not read in a path added so.
    Path(purelib, "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    pip = [sys.executable, "-m", "pip", "--python", str(python), "install"]
    done = _run([*pip, "--no-deps", "--no-index", "--quiet", str(wheel)])
    assert done.returncode == 0, done.stdout + done.stderr
    return venv / "bin"


def test_the_wheel_carries_the_templates_catalogue_and_migrations(names: set[str]) -> None:
    templates = {p.relative_to(REPO).as_posix() for p in (REPO / "templates").rglob("*.j2")}
    assert len(templates) > 50
    assert templates <= names
    assert "bot/presentation/locale/en/LC_MESSAGES/messages.po" in names
    migrations = {
        p.relative_to(REPO).as_posix()
        for p in (REPO / "storage" / "migrations").rglob("*")
        if p.suffix in {".py", ".mako"} and "__pycache__" not in p.parts
    }
    assert {"storage/migrations/script.py.mako", "storage/migrations/env.py"} <= migrations
    assert any(name.startswith("storage/migrations/versions/") for name in migrations)
    assert migrations <= names
    assert not any(name.startswith(("tests/", "bench/")) for name in names)


def test_the_wheel_declares_the_pogi_console_script(wheel: Path, names: set[str]) -> None:
    [entry_points] = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
    with zipfile.ZipFile(wheel) as archive:
        declared = archive.read(entry_points).decode()

    assert "[console_scripts]\npogi = bot.app.cli:main" in declared


@pytest.mark.slow
def test_the_installed_pogi_runs_from_outside_the_repository(
    installed: Path, tmp_path: Path
) -> None:
    where = _run(
        [
            str(installed / "python"),
            "-c",
            "import bot, storage; print(bot.__file__, storage.__file__)",
        ],
        cwd=tmp_path,
    )
    assert where.returncode == 0, where.stderr
    assert str(REPO) not in where.stdout
    assert where.stdout.count(str(installed.parent)) == 2

    when = _run(
        [str(installed / "pogi"), "when", "i morgen kl. 10", "--now", "2026-12-01T09:00+01:00"],
        cwd=tmp_path,
    )
    assert (when.returncode, when.stdout, when.stderr) == (0, "2026-12-02T10:00+01:00\n", "")

    # A fresh database (the migrations), the Danish help (a template), then the English one (the
    # catalogue): John Smith's Slack speaks English.
    console = [str(installed / "pogi"), "console", "--db", str(tmp_path / "console.db")]
    danish = _run(console, input="/pogi hjælp\nquit\n", cwd=tmp_path)
    english = _run([*console, "--as", "UJOHN"], input="/pogi help\nquit\n", cwd=tmp_path)

    assert danish.returncode == 0, danish.stderr
    assert "Demobrugerlisten er indlæst: 15 personer" in danish.stdout
    assert "# Det kan du gøre med pogi" in danish.stdout
    assert "`/pogi revision start MÅL`" in danish.stdout
    assert danish.stdout.rstrip().endswith("Farvel.")
    assert english.returncode == 0, english.stderr
    assert "# What you can do with pogi" in english.stdout
    assert "`/pogi help` – shows this overview" in english.stdout
    assert "Traceback" not in danish.stdout + danish.stderr + english.stdout + english.stderr
