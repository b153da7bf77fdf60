"""Comparison of kernel outputs with PyTorch's, shared by the kernel tests.

`assert_close(op, got, want)` asserts equality within rtol=1e-5 (atol=1e-6
by default) and, when QUILL_ERROR_LOG names a file, appends the op's
errors there for reporting per-op accuracy: the largest absolute error and
the largest relative error over expected values of magnitude >= 1e-3
(relative errors of values near zero say nothing).
"""

import os

import numpy as np

RTOL = 1e-5
ATOL = 1e-6


def _numpy(a):
    if hasattr(a, "detach"):
        a = a.detach().cpu().numpy()
    return np.asarray(a)


def assert_close(op, got, want, atol=ATOL):
    got, want = _numpy(got), _numpy(want)
    assert got.shape == want.shape, f"{op}: shape {got.shape} != {want.shape}"
    assert got.dtype == want.dtype, f"{op}: dtype {got.dtype} != {want.dtype}"
    if got.dtype.kind in "fc":
        np.testing.assert_allclose(got, want, rtol=RTOL, atol=atol, err_msg=op)
    else:
        np.testing.assert_array_equal(got, want, err_msg=op)
    log = os.environ.get("QUILL_ERROR_LOG")
    if log and got.size and got.dtype.kind == "f":
        finite = np.isfinite(want)
        diff = np.abs(got[finite].astype(np.float64) - want[finite])
        scale = np.abs(want[finite].astype(np.float64))
        rel = diff[scale >= 1e-3] / scale[scale >= 1e-3]
        with open(log, "a") as f:
            f.write(f"{op} {diff.max(initial=0):.3e} {rel.max(initial=0):.3e}\n")
