"""Runs build/bin/quill-config from pytest, and names PyTorch objects.

PyTorch objects are named by the rule of
backend_config/include/quill/BackendConfig/TorchNames.h: a class or
function as f"{obj.__module__}.{obj.__name__}" (its canonical spelling), a
Tensor method by the string itself. `resolve` goes the other way, for any
dotted spelling, so tests can check Quill's names with Python's `is`.
"""

import functools
import importlib
import json
import os
import pathlib
import subprocess

from torch.ao.quantization.utils import MatchAllNode

ROOT = pathlib.Path(__file__).resolve().parents[2]
BUILD = pathlib.Path(os.environ.get("QUILL_BUILD_DIR", ROOT / "build"))
QUILL_CONFIG = BUILD / "bin" / "quill-config"


def run_quill_config(*args):
    assert QUILL_CONFIG.exists(), f"build quill-config first ({QUILL_CONFIG})"
    return subprocess.run([str(QUILL_CONFIG), *args], capture_output=True,
                          text=True)


def quill_config_json(*args):
    """quill-config's output, which must succeed, as JSON."""
    result = run_quill_config(*args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@functools.lru_cache(maxsize=None)
def torch_name_table():
    """`quill-config torch-names`: {"names": {spelling: {"op", "canonical",
    "input_ranks"}}, "unrepresented": {spelling: {"canonical", "reason"}}}."""
    return quill_config_json("torch-names")


def torch_name(obj):
    """The spelling rule of TorchNames.h ("*" for MatchAllNode)."""
    if isinstance(obj, str):
        return obj
    if obj is MatchAllNode:
        return "*"
    return f"{obj.__module__}.{obj.__name__}"


def resolve(name):
    """The Python object a dotted name spells (importing its module)."""
    parts = name.split(".")
    for i in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:i]))
        except ImportError:
            continue
        for part in parts[i:]:
            obj = getattr(obj, part)
        return obj
    raise ImportError(name)
