"""Pieces of the example .mlir files the gen_example_*.py scripts write from
seeded PyTorch models: weights as `arith.constant dense_resource<...>`
holding PyTorch's float32 bytes exactly, as the torch.fx importer will."""

import torch


def tensor_type(shape, element="f32"):
    return "tensor<" + "".join(f"{d}x" for d in shape) + element + ">"


def params_of(model, buffers=True):
    """{ssa_name: (torch_name, float32 array)}: "bn1.running_mean" becomes
    bn1_running_mean; parameters first, then buffers."""
    named = list(model.named_parameters())
    if buffers:
        named += list(model.named_buffers())
    return {name.replace(".", "_"): (name, t.detach().numpy().astype("<f4"))
            for name, t in named if t.dtype == torch.float32}


def constants(params):
    """One `%name = arith.constant ... dense_resource<name>` line per weight."""
    return "\n".join(
        f'  %{name} = arith.constant {{quill.module = "{torch_name}"}} '
        f"dense_resource<{name}> : {tensor_type(a.shape)}"
        for name, (torch_name, a) in params.items())


def resources(params):
    """The `dialect_resources` section: each blob is its alignment (u32,
    little-endian) then the raw bytes."""
    blobs = ",\n".join(f'      {name}: "0x04000000{a.tobytes().hex().upper()}"'
                       for name, (_, a) in params.items())
    return f"""{{-#
  dialect_resources: {{
    builtin: {{
{blobs}
    }}
  }}
#-}}
"""
