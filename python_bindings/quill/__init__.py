"""Quill: PyTorch's quantization workflow as an MLIR compiler.

    import quill
    m = quill.import_torch(model, (x,))          # torch.fx -> quill float graph
    p = quill.prepare(m, "x86")                  # or a torch QConfigMapping
    p.calibrate(batches)
    q = quill.convert(p)
    exe = quill.compile(q, target="reference")
    y = exe(x)                                   # numpy

See python_bindings/README.md and docs/python.md.
"""

from .api import (Executable, FloatModel, PreparedModel, QuantizedModel,  # noqa: F401
                  compile, convert, import_torch, prepare, prepare_qat)


def __getattr__(name):
    # QuillError lives in the compiled extension, imported on first use so
    # that the pure-Python parts work without it.
    if name == "QuillError":
        from ._quill import QuillError
        return QuillError
    raise AttributeError(f"module 'quill' has no attribute {name!r}")
