"""The torch.fx importer (python_bindings/quill/importer.py) against PyTorch.

Each model is imported from PyTorch (seeded weights, eval mode, batch-norm
statistics set by one training-mode pass so activations keep their scale),
written as a self-contained .mlir and run by quant-run on the example input
(quant-run checks the graph with quill-verify-graph first): the float
outputs must match PyTorch's (max error within 1e-4 of the output's
magnitude). Big torchvision models are imported and checked by
`quant-opt --quill-verify-graph` only; `--full` runs them too (their
weights are hundreds of MB of hex). The importer is pure Python: no
compiled extension needed.
"""

import pathlib
import re
import subprocess
import sys
import tempfile
import time

import numpy as np
import pytest
import torch
import torch.nn as nn
import torch.nn.functional as F

from quill_harness import BUILD, ROOT, run_mlir

sys.path.insert(0, str(ROOT / "python_bindings"))
from quill.importer import UnsupportedOpError, import_graph  # noqa: E402

torchvision = pytest.importorskip("torchvision")

QUANT_OPT = BUILD / "bin" / "quant-opt"
QUANT_RUN = BUILD / "bin" / "quant-run"


def verify(text):
    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / "model.mlir"
        path.write_text(text)
        proc = subprocess.run([str(QUANT_OPT), str(path), "--quill-verify-graph", "-o",
                               "/dev/null"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[:4000]


def settle_batch_norm(model, x):
    """Running statistics from one training-mode pass (cumulative average),
    so that eval-mode activations neither vanish nor explode."""
    norms = [m for m in model.modules() if isinstance(m, nn.modules.batchnorm._BatchNorm)]
    for m in norms:
        m.momentum = None
    model.train()
    with torch.no_grad():
        model(x)
    return model.eval()


def torch_outputs(model, inputs):
    with torch.no_grad():
        out = model(*inputs)
    flat = torch.utils._pytree.tree_flatten(out)[0]
    return [t.numpy() for t in flat if isinstance(t, torch.Tensor)]


def check(model, inputs, run=True):
    """Imports, verifies and (if `run`) runs `model`; returns the graph and
    the max error of each output relative to its magnitude."""
    model.eval()
    start = time.perf_counter()
    graph = import_graph(model, inputs)
    seconds = time.perf_counter() - start
    assert "func.func @forward(" in graph.mlir
    text = graph.to_text()
    errors = []
    if not run:
        verify(text)
    else:
        expected = torch_outputs(model, inputs)
        outputs = run_mlir(text, [x.numpy() for x in inputs])
        assert len(outputs) == len(expected)
        for got, want in zip(outputs, expected):
            assert got.shape == want.shape and got.dtype == want.dtype
            scale = max(float(np.abs(want).max()), 1e-6)
            error = float(np.abs(got - want).max())
            errors.append(error / scale)
            assert error <= 1e-4 * scale + 1e-6, (error, scale)
    print(f"import {seconds:.3f}s, relative max errors {errors}")
    return graph


def ops(graph):
    """(op, attributes text) of every op line of the function."""
    return re.findall(r"= ([a-z_.]+\.[a-z_0-9]+) [^{\n]*(\{[^\n]*\})? :", graph.mlir)


# --- torchvision -------------------------------------------------------------

RUN = ["resnet18", "mobilenet_v2", "mobilenet_v3_small", "mobilenet_v3_large",
       "shufflenet_v2_x0_5", "squeezenet1_0", "mnasnet0_5", "googlenet", "densenet121",
       "efficientnet_b0", "regnet_x_400mf", "inception_v3", "small_convnext"]
# Hundreds of MB of weights in hex: --full.
FULL = ["resnet50", "resnext50_32x4d", "wide_resnet50_2", "convnext_tiny", "alexnet", "vgg11"]


def torchvision_model(name):
    torch.manual_seed(0)
    models = torchvision.models
    if name == "small_convnext":  # convnext_tiny's blocks, narrow, a visible layer scale
        from torchvision.models.convnext import CNBlockConfig, ConvNeXt
        return ConvNeXt([CNBlockConfig(16, 32, 2), CNBlockConfig(32, None, 1)],
                        stochastic_depth_prob=0.1, layer_scale=0.5, num_classes=10)
    kwargs = {}
    if name in ("googlenet", "inception_v3"):
        # transform_input exercises tensor indexing (x[:, 0]).
        kwargs = dict(aux_logits=False, init_weights=False, transform_input=True)
    return getattr(models, name)(weights=None, **kwargs)


@pytest.mark.parametrize("name", RUN + FULL)
def test_torchvision(name, request):
    if name in FULL and not request.config.getoption("--full"):
        pytest.skip("hundreds of MB of weights: --full")
    size = 75 if name == "inception_v3" else 64
    model = torchvision_model(name)
    torch.manual_seed(1)
    settle_batch_norm(model, torch.randn(4, 3, size, size))
    check(model, (torch.randn(1, 3, size, size),))


def test_small_vision_transformer():
    """vit_b_16's code (class token expanded to the batch, x[:, 0]) at a
    small size."""
    from torchvision.models.vision_transformer import VisionTransformer
    torch.manual_seed(0)
    model = VisionTransformer(image_size=32, patch_size=8, num_layers=2, num_heads=2,
                              hidden_dim=32, mlp_dim=64, num_classes=10)
    nn.init.normal_(model.heads.head.weight)  # zeros in torchvision
    graph = check(model, (torch.randn(2, 3, 32, 32),))
    assert "%expand = quill.cat %class_token, %class_token {dim = 0 : i64" in graph.mlir


def test_big_model_verifies():
    """One model with big weights through quant-opt (the others run)."""
    model = torchvision_model("resnet50")
    check(model, (torch.randn(1, 3, 32, 32),), run=False)


def test_resnet50_imports_fast():
    """Tracing, one PyTorch forward pass for the shapes, emitting: well
    under a second (at 1x3x224x224 the forward pass dominates)."""
    model = torchvision_model("resnet50").eval()
    x = torch.randn(1, 3, 64, 64)
    import_graph(model, (x,))  # warm-up
    start = time.perf_counter()
    graph = import_graph(model, (x,))
    seconds = time.perf_counter() - start
    print(f"resnet50 1x3x64x64: {seconds:.3f}s")
    assert seconds < 1.0
    assert len(graph.resources) == len(model.state_dict()) - 53  # no num_batches_tracked


def test_module_paths_and_types():
    graph = import_graph(torchvision_model("resnet18").eval(), (torch.randn(2, 3, 32, 32),))
    assert 'quill.conv2d %x, %conv1_weight {stride = array<i64: 2, 2>, padding = ' \
           'array<i64: 3, 3>, quill.module = "conv1", quill.module_type = ' \
           '"torch.nn.modules.conv.Conv2d"} : (tensor<2x3x32x32xf32>' in graph.mlir
    # A function inside a module has that module's path; the root's none.
    assert re.search(r'quill.add %layer1_0_bn2, %maxpool \{quill.module = "layer1.0", '
                     r'quill.module_type = "_operator.add"\}', graph.mlir)
    assert re.search(r'quill.flatten %avgpool \{start_dim = 1 : i64, '
                     r'quill.module_type = "torch.flatten"\} : tensor<2x512x1x1xf32> -> '
                     r'tensor<2x512xf32>', graph.mlir)
    assert graph.input_names == ["x"] and graph.output_names == ["fc"]
    # One constant per parameter and buffer used, keyed by its name.
    assert 'arith.constant {quill.module = "layer4.1.bn2.running_var"} ' \
           'dense_resource<layer4.1.bn2.running_var> : tensor<512xf32>' in graph.mlir
    assert all(a.dtype == np.float32 and a.flags.c_contiguous
               for a in graph.resources.values())


# --- transformer, recurrent and embedding layers ------------------------------

@pytest.mark.parametrize("batch_first", [True, False])
def test_transformer_encoder(batch_first):
    torch.manual_seed(0)
    layer = nn.TransformerEncoderLayer(16, 4, dim_feedforward=32, batch_first=batch_first)
    encoder = nn.TransformerEncoder(layer, 2, norm=nn.LayerNorm(16))
    x = torch.randn(2, 5, 16) if batch_first else torch.randn(5, 2, 16)
    graph = check(encoder, (x,))
    names = [op for op, _ in ops(graph)]
    assert names.count("quill.multihead_attention") == 2
    assert names.count("quill.layer_norm") == 5


def test_transformer_layer_gelu_norm_first_with_mask():
    torch.manual_seed(0)

    class Causal(nn.Module):
        def __init__(self):
            super().__init__()
            self.layer = nn.TransformerEncoderLayer(16, 2, 32, activation="gelu",
                                                    norm_first=True, batch_first=True)

        def forward(self, x):
            n = x.size(1)  # folds: the mask is a constant of the graph
            mask = torch.triu(x.new_full((n, n), float("-inf")), diagonal=1)
            return self.layer(x, src_mask=mask)

    graph = check(Causal(), (torch.randn(2, 6, 16),))
    assert "attn_mask %triu" in graph.mlir


def test_multihead_attention_weights_and_padding_mask():
    torch.manual_seed(0)

    class Attention(nn.Module):
        def __init__(self):
            super().__init__()
            self.mha = nn.MultiheadAttention(16, 2, batch_first=True)

        def forward(self, q, kv, key_padding_mask):
            return self.mha(q, kv, kv, key_padding_mask=key_padding_mask,
                            average_attn_weights=False)

    mask = torch.zeros(2, 6, dtype=torch.bool)
    mask[0, 4:] = True
    graph = check(Attention(), (torch.randn(2, 3, 16), torch.randn(2, 6, 16), mask))
    assert "key_padding_mask %key_padding_mask" in graph.mlir
    assert "average_attn_weights = false" in graph.mlir


def test_lstm_and_linear():
    torch.manual_seed(0)

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.lstm = nn.LSTM(8, 16, num_layers=2, batch_first=True, bidirectional=True)
            self.fc = nn.Linear(32, 4)

        def forward(self, x):
            out, (h, c) = self.lstm(x)
            return self.fc(out[:, -1]), h, c

    graph = check(Net(), (torch.randn(3, 7, 8),))
    assert re.search(r"%lstm:3 = quill.lstm %x weights\((%lstm_\w+, ){15}"
                     r"%lstm_bias_hh_l1_reverse\) \{hidden_size = 16 : i64, "
                     r"num_layers = 2 : i64, bidirectional = true, batch_first = true", graph.mlir)


def test_gru_with_initial_state():
    torch.manual_seed(0)

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.gru = nn.GRU(8, 16)
            self.fc = nn.Linear(16, 4)

        def forward(self, x, h0):
            out, h = self.gru(x, h0)
            return self.fc(out), h

    graph = check(Net(), (torch.randn(7, 3, 8), torch.randn(1, 3, 16)))
    assert "quill.gru %x init(%h0) weights(" in graph.mlir


def test_embeddings():
    torch.manual_seed(0)

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.emb = nn.Embedding(20, 8, padding_idx=0)
            self.bag = nn.EmbeddingBag(30, 8, mode="sum")
            self.fc = nn.Linear(16, 2)

        def forward(self, idx, bag, offsets):
            return self.fc(torch.cat([self.emb(idx).mean(1), self.bag(bag, offsets)], dim=1))

    inputs = (torch.randint(0, 20, (3, 5)), torch.randint(0, 30, (10,)),
              torch.tensor([0, 3, 6]))
    graph = check(Net(), inputs)
    assert "quill.embedding_bag %bag, %bag_weight offsets %offsets " \
           "{mode = #quill.embedding_bag_mode<sum>" in graph.mlir
    assert "padding_idx = 0 : i64" in graph.mlir


# --- assorted ops ---------------------------------------------------------------

class Assorted(nn.Module):
    """Shape ops, size arithmetic, indexing, scalar operands, padding modes,
    normalizations and resizing."""

    def __init__(self):
        super().__init__()
        self.same = nn.Conv2d(3, 8, 4, padding="same")
        self.reflect = nn.Conv2d(8, 8, 3, padding=1, padding_mode="reflect")
        self.up = nn.ConvTranspose2d(8, 4, 3, stride=2, padding=1)
        self.shuffle = nn.ChannelShuffle(2)
        self.pad = nn.ReplicationPad2d((1, 0, 2, 1))
        self.gn = nn.GroupNorm(2, 4)
        self.inorm = nn.InstanceNorm2d(4, affine=True)
        self.prelu = nn.PReLU(4)
        self.scale = nn.Parameter(torch.randn(1, 4, 1, 1))
        self.resize = nn.Upsample(scale_factor=2, mode="bilinear")

    def forward(self, x):
        y = self.reflect(F.hardswish(self.same(x)))
        y = self.shuffle(self.up(y, output_size=[16, 16]))
        y = self.pad(F.interpolate(y, size=(20, 20), mode="nearest"))
        y = self.prelu(self.inorm(self.gn(y) * self.scale))
        n, c, h, w = y.shape
        z = 1.0 - y[:, 1:3, ..., None].squeeze(-1)
        z = z / 2 + F.gelu(z, approximate="tanh") - F.leaky_relu(z, 0.2)
        z = torch.clamp(z, min=-1.0, max=2.0).mean(dim=(2, 3), keepdim=True)
        z = torch.flatten(z + torch.zeros_like(z), 1)
        v = y.reshape(n, c // 2, h * w * 2).permute(0, 2, 1).contiguous()
        return z.T.sigmoid(), F.softmax(v, dim=-1), self.resize(y)[:, :, 0]


@pytest.mark.filterwarnings("ignore:Using padding='same'")
def test_assorted_ops():
    torch.manual_seed(0)
    graph = check(Assorted(), (torch.randn(2, 3, 8, 8),))
    text = graph.mlir
    # padding="same" with an even kernel: PyTorch's extra element on the right.
    assert "quill.pad %x {pad = array<i64: 1, 2, 1, 2>" in text
    assert "mode = #quill.pad_mode<reflect>" in text
    assert "output_padding = array<i64: 1, 1>" in text
    # y[:, 1:3, ..., None]: a split, then the new dimension.
    assert re.search(r"quill.split %prelu \{split_sizes = array<i64: 1, 2, 1>, dim = 1", text)
    # 1.0 - t is (-t) + 1.0.
    assert re.search(r"quill.mul %squeeze, -1.0 .*\n.*quill.add %sub, 1.0", text)
    # h * w * 2 folded from the traced sizes.
    assert "-> tensor<2x2x966xf32>" in text
    assert "arith.constant dense_resource<zeros_like>" in text


class MoreOps(nn.Module):
    """1-d and 3-d layers, functional forms, multi-result ops, broadcasting
    and the remaining attributes."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv1d(4, 6, 3, stride=2, dilation=2, padding=2, groups=2)
        self.bn1 = nn.BatchNorm1d(6)
        self.pool1 = nn.AvgPool1d(3, stride=2, padding=1, ceil_mode=True,
                                  count_include_pad=False)
        self.conv3 = nn.Conv3d(2, 4, 3, padding=1, bias=False)
        self.pool3 = nn.MaxPool3d(2, ceil_mode=True)
        self.in3 = nn.InstanceNorm3d(4, track_running_stats=True)
        self.ln = nn.LayerNorm([5], elementwise_affine=False)
        self.gn = nn.GroupNorm(2, 6, affine=False)
        self.unflatten = nn.Unflatten(1, (2, 3))
        self.w = nn.Parameter(torch.randn(5, 5))
        self.lin = nn.Linear(5, 3, bias=False)
        self.bag_max = nn.EmbeddingBag(10, 5, mode="max")
        self.bag_sum = nn.EmbeddingBag(10, 5, mode="sum")

    def forward(self, a, v, idx, weights):
        y = self.pool1(F.elu(self.bn1(self.conv1(a)), alpha=0.5))
        y = F.adaptive_avg_pool1d(self.gn(y), 5)
        y = F.hardtanh(y, -0.5, 0.5) + F.relu6(y * 10) + torch.clamp(y, min=0.1)
        c0, c1 = torch.split(y, [2, 4], dim=1)[1].chunk(2, dim=1)
        y = torch.flatten(torch.stack([c0, c1], dim=-1), 1, 2).transpose(-1, -2)
        z = torch.bmm(y, y.transpose(1, 2)) / 3.0
        z = torch.div(z, 2.5, rounding_mode="floor") + z // z.detach().clamp(min=1.0)
        t = self.in3(self.pool3(self.conv3(v)))
        t = F.pad(t, (1, 1, 0, 0, 1, 0), value=0.5).mean()
        u = torch.matmul(self.lin.weight.t() @ self.lin.weight, self.w)
        u = u.unsqueeze(0).expand(6, 5, 5).reshape(1, 6, 5, 5)[..., 0]
        u = self.unflatten(self.ln(u))
        q = F.interpolate(v[:, :, 0], scale_factor=1.5, mode="bicubic", align_corners=True,
                          recompute_scale_factor=True)
        q = F.pixel_shuffle(q.reshape(1, 8, 3, 3)[:, :, :2, :2].contiguous(), 2)
        e = self.bag_max(idx) + self.bag_sum(idx, per_sample_weights=weights)
        return (z, t, u, q, F.linear(e, self.w).squeeze().unsqueeze(-1),
                torch.sub(e, e * 2, alpha=0.5))


def test_more_ops():
    torch.manual_seed(0)
    model = MoreOps()
    model.in3.running_mean.uniform_(-1, 1)
    model.in3.running_var.uniform_(0.5, 2)
    inputs = (torch.randn(2, 4, 20), torch.randn(1, 2, 4, 4, 4), torch.randint(0, 10, (3, 4)),
              torch.rand(3, 4))
    graph = check(model, inputs)
    text = graph.mlir
    assert "quill.instance_norm %pool3 running_mean %in3_running_mean running_var" in text
    assert "%mean = quill.mean %pad {dims = array<i64>, " in text
    assert "quill.embedding_bag %idx, %bag_sum_weight per_sample_weights %weights" in text
    assert "quill.interpolate %getitem_4_1 {size = array<i64: 6, 6>, " \
           "mode = #quill.interpolate_mode<bicubic>, align_corners = true" in text
    assert re.search(r"%expand = quill.cat (%unsqueeze, ){5}%unsqueeze \{dim = 0", text)


def test_unsupported_op_names_node_target_and_module():
    class Block(nn.Module):
        def __init__(self):
            super().__init__()
            self.fc = nn.Linear(8, 8)

        def forward(self, x):
            return F.glu(self.fc(x), dim=-1)

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.block = Block()
            self.act = nn.Softplus()

        def forward(self, x):
            return self.act(self.block(x))

    with pytest.raises(UnsupportedOpError) as e:
        import_graph(Net(), (torch.randn(2, 8),))
    assert str(e.value).startswith(
        "cannot import FX node 'glu' (call_function torch.nn.functional.glu) in module "
        "'block': the quill dialect has no op for it")
    assert e.value.module_path == "block"


def test_keep_unsupported_emits_opaque_calls():
    torch.manual_seed(0)

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.fc = nn.Linear(8, 8)
            self.act = nn.Softplus()

        def forward(self, x):
            return self.act(F.glu(self.fc(x), dim=-1).exp())

    graph = import_graph(Net(), (torch.randn(2, 8),), keep_unsupported=True)
    text = graph.mlir
    assert "func.func private @torch.nn.functional.glu(tensor<2x8xf32>) -> tensor<2x4xf32>" \
        in text
    assert "func.func private @torch.Tensor.exp(tensor<2x4xf32>) -> tensor<2x4xf32>" in text
    assert '%act = func.call @torch.nn.modules.activation.Softplus(%exp) {quill.module = ' \
           '"act", quill.module_type = "torch.nn.modules.activation.Softplus"}' in text
    verify(graph.to_text())
    with pytest.raises(RuntimeError, match="the runtime cannot run 'func.call'"):
        run_mlir(graph.to_text(), [np.zeros((2, 8), np.float32)])
