"""Which emitter imports which PyTorch module class, function or Tensor
method.

An emitter takes the Context and then the call's own arguments with
PyTorch's parameter names, so Python binds positional and keyword arguments
as PyTorch does:

    @function(F.relu, torch.relu)
    def relu(ctx, input, inplace=False): ...

    @method("view", "reshape")
    def view(ctx, self, *shape): ...

    @module(nn.Conv2d)
    def conv(ctx, m, input): ...      # m: the called module
"""

MODULES = {}
FUNCTIONS = {}
METHODS = {}


def module(*classes):
    def register(fn):
        for c in classes:
            MODULES[c] = fn
        return fn
    return register


def function(*targets):
    def register(fn):
        for t in targets:
            FUNCTIONS[t] = fn
        return fn
    return register


def method(*names):
    def register(fn):
        for n in names:
            METHODS[n] = fn
        return fn
    return register


def module_emitter(m):
    """The emitter of `m`'s class, or of a base class whose forward `m`
    inherits unchanged."""
    for cls in type(m).__mro__:
        emitter = MODULES.get(cls)
        if emitter is not None:
            return emitter if type(m).forward is cls.forward else None
    return None


def torch_name(obj):
    """Quill's canonical spelling of a PyTorch class or function (the rule
    of `quill-config torch-names`)."""
    return f"{obj.__module__}.{obj.__name__}"
