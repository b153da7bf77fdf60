"""The op emitters of the torch.fx importer, one module per op family; the
tables in `registry` map PyTorch modules, functions and methods to them."""

from . import activation, conv, elementwise, norm, pool, sequence, shape  # noqa: F401
from .registry import METHODS, FUNCTIONS, module_emitter, torch_name  # noqa: F401
