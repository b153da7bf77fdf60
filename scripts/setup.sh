#!/usr/bin/env bash
# Installs every Debian 12 package Quill needs to build and test. Idempotent:
# prints nothing and touches nothing when all of them are already installed.
set -euo pipefail

PACKAGES=(
  # toolchain
  g++ cmake ninja-build ccache
  # zlib: deflated .npz archives (np.savez_compressed)
  zlib1g-dev
  # LLVM/MLIR 22: libMLIR.so + headers, mlir-tblgen, FileCheck + lit
  llvm-22-dev libmlir-22-dev mlir-22-tools llvm-22-tools
  # tests: Catch2 v2 (C++), pytest (Python); PyTorch 1.13 is the oracle the
  # parity tests compare against
  catch2 python3-pytest python3-torch python3-numpy
  # python_bindings/: the pybind11 extension (Debian's Python 3.11 headers),
  # and torchvision, whose models the torch.fx importer is tested on
  pybind11-dev python3-dev python3-torchvision
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

SUDO=""
[[ $(id -u) -eq 0 ]] || SUDO="sudo"
echo "setup: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
