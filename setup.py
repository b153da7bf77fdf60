"""Builds the quill wheel: python_bindings/quill/ plus quill._quill, which
the project's CMake build compiles (target _quill) for the Python running
pip. Metadata is in pyproject.toml; python_bindings/README.md explains.

The CMake build directory is $QUILL_BUILD_DIR if set, else build/ when it
was configured for this same interpreter (no second build), else
build/pip-<python tag>/ (configured here, for sys.executable).
"""

import os
import pathlib
import re
import shutil
import subprocess
import sys

from setuptools import Extension, find_packages, setup
from setuptools.command.build_ext import build_ext

ROOT = pathlib.Path(__file__).resolve().parent


def cmake_build_dir():
    if os.environ.get("QUILL_BUILD_DIR"):
        return pathlib.Path(os.environ["QUILL_BUILD_DIR"])
    main = ROOT / "build"
    cache = main / "CMakeCache.txt"
    if cache.exists():
        found = re.search(r"^Python_EXECUTABLE:\w+=(.*)$", cache.read_text(), re.M)
        if found and os.path.realpath(found.group(1)) == os.path.realpath(sys.executable):
            return main
    return ROOT / "build" / f"pip-{sys.implementation.cache_tag}"


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        build = cmake_build_dir()
        if not (build / "build.ninja").exists():
            subprocess.run(["cmake", "-G", "Ninja", "-S", str(ROOT), "-B", str(build),
                            "-DCMAKE_BUILD_TYPE=Release",
                            f"-DPython_EXECUTABLE={sys.executable}"], check=True)
        subprocess.run(["cmake", "--build", str(build), "--target", "_quill"], check=True)
        built = list((build / "python_bindings" / "quill").glob("_quill*.so"))
        if len(built) != 1:
            sys.exit(f"setup.py: expected one _quill*.so in {build}, found {built}")
        target = pathlib.Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built[0], target)


setup(
    packages=find_packages("python_bindings"),
    package_dir={"": "python_bindings"},
    ext_modules=[Extension("quill._quill", sources=[])],
    cmdclass={"build_ext": CMakeBuild},
    # setuptools' own scratch space, away from CMake's files in build/.
    options={"build": {"build_base": "build/setuptools"}},
)
