#!/usr/bin/python3
"""Writes the numpy files the numpy I/O tests read.

test/unit/data/npy: for test/unit/NumpyIOTest.cpp (and the quant-run lit
tests); test/QuantRun/Inputs: the archives the quant-run lit tests feed it.

Every file is made by numpy itself (np.save, np.savez, np.savez_compressed,
numpy.lib.format.write_array), so the C++ reader is tested against the real
format, and the writer against numpy's exact bytes. The values are small and
written out in NumpyIOTest.cpp. Run with Debian's python3 (numpy 1.24):

    /usr/bin/python3 scripts/gen_npy_cases.py
"""

import pathlib
import zipfile

import numpy as np
from numpy.lib import format as npformat

ROOT = pathlib.Path(__file__).resolve().parents[1]
OUT = ROOT / "test" / "unit" / "data" / "npy"
QUANT_RUN = ROOT / "test" / "QuantRun" / "Inputs"

F32 = np.array([[-1.5, 0.0, 0.25], [np.inf, -np.inf, np.nan]], dtype=np.float32)
F16 = np.array([1.0, -2.5, 65504.0, 2.0**-24], dtype=np.float16)
I64 = np.array(-(2**40) - 3, dtype=np.int64)  # 0-d
I32 = np.zeros((0, 3), dtype=np.int32)
I8 = np.array([-128, -1, 0, 1, 127], dtype=np.int8)
U8 = np.arange(8, dtype=np.uint8).reshape(2, 2, 2) * 30
B1 = np.array([True, False, True])


def save_version(name, array, version):
    with open(OUT / name, "wb") as f:
        npformat.write_array(f, array, version=version)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    # Supported dtypes, version 1.0 as np.save writes them.
    np.save(OUT / "f4_2x3.npy", F32)
    np.save(OUT / "f2_4.npy", F16)
    np.save(OUT / "i8_scalar.npy", I64)
    np.save(OUT / "i4_0x3.npy", I32)
    np.save(OUT / "i1_5.npy", I8)
    np.save(OUT / "u1_2x2x2.npy", U8)
    np.save(OUT / "b1_3.npy", B1)
    # The same float32 data in format versions 2.0 and 3.0.
    save_version("f4_2x3_v2.npy", F32, (2, 0))
    save_version("f4_2x3_v3.npy", F32, (3, 0))
    # Rejected: float64, big-endian, Fortran order.
    np.save(OUT / "f8_2.npy", np.array([1.0, 2.0]))
    np.save(OUT / "f4_big_endian.npy", F32.astype(">f4"))
    np.save(OUT / "f4_fortran.npy", np.asfortranarray(F32))
    # Archives: positional and keyword members, stored and deflated.
    np.savez(OUT / "savez.npz", F32, I8, flags=B1)
    np.savez_compressed(OUT / "savez_compressed.npz", F32, I8, flags=B1)
    # zip64 end records and central-directory fields too: numpy writes them
    # only past 4 GiB, so lower zipfile's limit for this one file.
    limit = zipfile.ZIP64_LIMIT
    zipfile.ZIP64_LIMIT = 16
    try:
        np.savez(OUT / "savez_zip64.npz", F32, I8, flags=B1)
    finally:
        zipfile.ZIP64_LIMIT = limit

    # quant-run: inputs by argument position, and 4 calibration batches of
    # a 2x3 input (values k/8 - 1, exact in float32).
    QUANT_RUN.mkdir(parents=True, exist_ok=True)
    np.savez(QUANT_RUN / "args.npz", F32, I8, B1)
    batches = (np.arange(24, dtype=np.float32).reshape(4, 2, 3) / 8 - 1) * \
        np.array([1, -1, 2, 0.5], dtype=np.float32).reshape(4, 1, 1)
    np.savez(QUANT_RUN / "calib.npz", batches)
    np.save(QUANT_RUN / "x_2x3.npy", batches[2])
    # The same batches in two shards.
    np.savez(QUANT_RUN / "calib_part0.npz", batches[:2])
    np.savez(QUANT_RUN / "calib_part1.npz", batches[2:])


if __name__ == "__main__":
    main()
