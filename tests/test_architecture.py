"""The layering written in pyproject.toml holds, and create_app is the only
place features are put together.

``lint-imports`` checks the import-linter contracts: the ground floor imports
no feature, services never import an edge, and no feature's edges import
another feature's edges.
"""
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def test_the_import_contracts_hold():
    lint_imports = pathlib.Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_nothing_is_registered_by_loading_a_module_by_name():
    offenders = [str(path.relative_to(ROOT)) for path in (ROOT / "rbtasks").rglob("*.py")
                 if "import_module" in path.read_text(encoding="utf-8")]
    assert offenders == []


def test_every_feature_registers_itself_in_create_app():
    composition = (ROOT / "rbtasks" / "__init__.py").read_text(encoding="utf-8")
    features = sorted(path.parent.name for path in (ROOT / "rbtasks").glob("*/__init__.py")
                      if "def init_app(app)" in path.read_text(encoding="utf-8"))
    assert features, "no feature exposes init_app"
    missing = [name for name in features if f"{name}.init_app(app)" not in composition]
    assert missing == []
