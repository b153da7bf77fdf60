"""MLIR text pieces for the importer: tensor types, attribute literals, SSA
and resource names."""

import math
import re
import struct

import torch

ELEMENT_TYPES = {
    torch.float32: "f32",
    torch.float64: "f64",
    torch.float16: "f16",
    torch.bfloat16: "bf16",
    torch.int64: "i64",
    torch.int32: "i32",
    torch.int8: "i8",
    torch.uint8: "ui8",
    torch.bool: "i1",
}


class Tensor:
    """An SSA value of the function being built: its name and tensor type."""

    __slots__ = ("name", "shape", "dtype")

    def __init__(self, name, shape, dtype):
        self.name = name
        self.shape = tuple(int(d) for d in shape)
        self.dtype = dtype

    @property
    def type(self):
        return tensor_type(self.shape, self.dtype)

    @property
    def rank(self):
        return len(self.shape)

    def __repr__(self):
        return f"{self.name}: {self.type}"


def element_type(dtype):
    try:
        return ELEMENT_TYPES[dtype]
    except KeyError:
        raise TypeError(f"no MLIR element type for {dtype}") from None


def tensor_type(shape, dtype):
    return "tensor<" + "".join(f"{d}x" for d in shape) + element_type(dtype) + ">"


def f64(v):
    """A float attribute; MLIR float literals need a '.' and have no inf/nan
    spelling, so those go as the bit pattern."""
    v = float(v)
    if math.isinf(v) or math.isnan(v):
        return f"0x{struct.unpack('<Q', struct.pack('<d', v))[0]:016X} : f64"
    return f"{float_literal(v)} : f64"


def float_literal(v):
    r = repr(float(v))
    mantissa, _, exponent = r.partition("e")
    if "." not in mantissa:
        mantissa += ".0"
    return mantissa + ("e" + exponent if exponent else "")


def i64(v):
    return f"{int(v)} : i64"


def boolean(v):
    return "true" if v else "false"


def i64_array(values):
    values = [int(v) for v in values]
    return "array<i64" + (": " + ", ".join(map(str, values)) if values else "") + ">"


def f64_array(values):
    values = [float_literal(v) for v in values]
    return "array<f64" + (": " + ", ".join(values) if values else "") + ">"


def enum(mnemonic, case):
    return f"#quill.{mnemonic}<{case}>"


def string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def attr_dict(attrs):
    """`{a = 1 : i64, ...}` from already formatted values; empty if none."""
    if not attrs:
        return ""
    return " {" + ", ".join(f"{k} = {v}" for k, v in attrs.items()) + "}"


_NOT_NAME = re.compile(r"[^A-Za-z0-9_.]")


def identifier(text):
    """`text` as an MLIR bare identifier (SSA suffix, resource key): letters,
    digits, '_' and '.', not starting with a digit or '.'."""
    text = _NOT_NAME.sub("_", text) or "_"
    if not (text[0].isalpha() or text[0] == "_"):
        text = "_" + text
    return text


class Names:
    """Unique identifiers: `fresh("conv1")` gives conv1, conv1_1, ..."""

    def __init__(self):
        self._used = set()

    def fresh(self, base):
        base = identifier(base)
        name, n = base, 0
        while name in self._used:
            n += 1
            name = f"{base}_{n}"
        self._used.add(name)
        return name
