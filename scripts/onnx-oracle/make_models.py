#!/usr/bin/env python3
"""Builds small ONNX test models (random weights, seeded), runs onnxruntime on seeded inputs and writes
CASE.onnx, CASE.input.npy and CASE.expected.npy per case, plus manifest.json, into the oracle directory.

onnxruntime is the reference mammoterm's Inference engine is tested against (a test oracle only).
Usage: make_models.py [OUT_DIR]   (default $MAMMOTERM_ONNX_ORACLE or ~/.cache/mammoterm/onnx-oracle)
       make_models.py --resnet18 HEIGHT WIDTH CHANNELS OUT.onnx   (the bench network at another size)
Needs: pip install onnx onnxruntime numpy
"""
import json
import os
import sys

import numpy as np
import onnx
import onnxruntime as ort
from onnx import TensorProto, helper, numpy_helper

# Bump when cases change: the Swift tests regenerate the cache when the manifest's version differs.
VERSION = 4
OPSET = 17
rng = np.random.default_rng(20261127)


class Graph:
    """Accumulates nodes and initializers; names are generated."""

    def __init__(self):
        self.nodes, self.inits, self.count = [], [], 0

    def name(self, prefix):
        self.count += 1
        return f"{prefix}{self.count}"

    def const(self, array, prefix="w"):
        name = self.name(prefix)
        self.inits.append(numpy_helper.from_array(np.asarray(array), name))
        return name

    def op(self, op_type, inputs, **attrs):
        out = self.name(op_type.lower())
        self.nodes.append(helper.make_node(op_type, inputs, [out], name=out + "_node", **attrs))
        return out

    def conv(self, x, cin, cout, k, stride=1, pads=None, group=1, dilation=1, bias=True, **attrs):
        fan_in = cin // group * k * k
        w = self.const((rng.standard_normal((cout, cin // group, k, k)) * np.sqrt(2.0 / fan_in)).astype(np.float32))
        inputs = [x, w] + ([self.const(rng.standard_normal(cout).astype(np.float32) * 0.1, "b")] if bias else [])
        if pads is not None:
            attrs["pads"] = pads
        return self.op("Conv", inputs, kernel_shape=[k, k], strides=[stride, stride], group=group,
                       dilations=[dilation, dilation], **attrs)

    def bn(self, x, c):
        scale = self.const(rng.uniform(0.5, 1.5, c).astype(np.float32))
        bias = self.const(rng.standard_normal(c).astype(np.float32) * 0.1)
        mean = self.const(rng.standard_normal(c).astype(np.float32) * 0.1)
        var = self.const(rng.uniform(0.5, 1.5, c).astype(np.float32))
        return self.op("BatchNormalization", [x, scale, bias, mean, var], epsilon=1e-5)

    def model(self, x_shape, out, opset=OPSET):
        graph = helper.make_graph(
            self.nodes, "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, x_shape)],
            [helper.make_tensor_value_info(out, TensorProto.FLOAT, None)], self.inits)
        model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)], producer_name="mammoterm-oracle")
        model.ir_version = 8
        # Declare the output's shape as shape inference finds it (checker wants one; model info shows it).
        inferred = onnx.shape_inference.infer_shapes(model)
        for info in list(inferred.graph.value_info) + list(inferred.graph.output):
            if info.name == out and info.type.tensor_type.HasField("shape"):
                model.graph.output[0].type.CopyFrom(info.type)
        return model


def single(x_shape, build):
    g = Graph()
    return g.model(x_shape, build(g, "x"))


def ints(g, values):
    return g.const(np.array(values, dtype=np.int64), "i")


def resnet18(h, w, c_in=3, classes=10):
    """ResNet-18's layout (He et al. 2016): 7x7/2 stem, max pool, 4 stages x 2 basic blocks, GAP, FC."""
    g = Graph()
    x = g.op("Relu", [g.bn(g.conv("x", c_in, 64, 7, 2, [3, 3, 3, 3], bias=False), 64)])
    x = g.op("MaxPool", [x], kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1])
    cin = 64
    for stage, cout in enumerate([64, 128, 256, 512]):
        for block in range(2):
            stride = 2 if stage > 0 and block == 0 else 1
            y = g.op("Relu", [g.bn(g.conv(x, cin, cout, 3, stride, [1, 1, 1, 1], bias=False), cout)])
            y = g.bn(g.conv(y, cout, cout, 3, 1, [1, 1, 1, 1], bias=False), cout)
            shortcut = g.bn(g.conv(x, cin, cout, 1, stride, [0, 0, 0, 0], bias=False), cout) if (stride != 1 or cin != cout) else x
            x = g.op("Relu", [g.op("Add", [y, shortcut])])
            cin = cout
    x = g.op("GlobalAveragePool", [x])
    # torch.flatten(x, 1) as exported: Shape → Gather → Unsqueeze → Concat → Reshape.
    shape = g.op("Shape", [x])
    batch = g.op("Gather", [shape, g.const(np.array(0, dtype=np.int64), "i")], axis=0)
    batch = g.op("Unsqueeze", [batch, ints(g, [0])])
    target = g.op("Concat", [batch, ints(g, [-1])], axis=0)
    x = g.op("Reshape", [x, target])
    fc = g.const((rng.standard_normal((classes, 512)) * 0.05).astype(np.float32))
    x = g.op("Gemm", [x, fc, g.const(np.zeros(classes, np.float32), "b")], transB=1)
    return g.model([1, c_in, h, w], x)


def cases():
    yield "conv_basic", single([1, 3, 9, 11], lambda g, x: g.conv(x, 3, 8, 3, pads=[1, 1, 1, 1]))
    yield "conv_group_dilation_stride", single([2, 8, 13, 12], lambda g, x: g.conv(x, 8, 12, 3, 2, [1, 2, 1, 0], group=4, dilation=2))
    yield "conv_depthwise", single([1, 6, 10, 10], lambda g, x: g.conv(x, 6, 6, 3, 1, [1, 1, 1, 1], group=6))
    yield "conv_pointwise", single([1, 5, 7, 6], lambda g, x: g.conv(x, 5, 4, 1, bias=False))
    for mode in ["SAME_UPPER", "SAME_LOWER", "VALID"]:
        yield f"conv_{mode.lower()}", single([1, 3, 11, 10], lambda g, x, m=mode: g.conv(x, 3, 4, 4, 2, auto_pad=m))
    yield "conv_bn_relu", single([1, 4, 8, 8], lambda g, x: g.op("Relu", [g.bn(g.conv(x, 4, 6, 3, 1, [1, 1, 1, 1]), 6)]))
    yield "conv_bn_add_relu", single([1, 4, 8, 8], lambda g, x: g.op("Relu", [g.op("Add", [g.bn(g.conv(x, 4, 4, 3, 1, [1, 1, 1, 1]), 4), x])]))
    yield "conv_add_broadcast", single([1, 4, 6, 6], lambda g, x: g.op("Add", [g.conv(x, 4, 4, 3, 1, [1, 1, 1, 1]), g.const(rng.standard_normal((1, 4, 1, 1)).astype(np.float32))]))
    yield "conv_leakyrelu", single([1, 3, 8, 8], lambda g, x: g.op("LeakyRelu", [g.conv(x, 3, 4, 3)], alpha=0.2))
    yield "conv_clip", single([1, 3, 8, 8], lambda g, x: g.op("Clip", [g.conv(x, 3, 4, 3), g.const(np.array(0, np.float32)), g.const(np.array(0.5, np.float32))]))
    yield "conv_sigmoid", single([1, 3, 8, 8], lambda g, x: g.op("Sigmoid", [g.conv(x, 3, 4, 3)]))
    yield "batchnorm", single([2, 3, 5, 4], lambda g, x: g.bn(g.op("Relu", [x]), 3))
    yield "softmax_axis1", single([2, 5, 3], lambda g, x: g.op("Softmax", [x], axis=1))
    yield "softmax_last", single([2, 7], lambda g, x: g.op("Softmax", [x]))
    yield "maxpool", single([1, 3, 11, 10], lambda g, x: g.op("MaxPool", [x], kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1]))
    yield "maxpool_ceil_dilated", single([1, 2, 12, 11], lambda g, x: g.op("MaxPool", [x], kernel_shape=[2, 3], strides=[2, 2], dilations=[2, 1], ceil_mode=1))
    yield "maxpool_same", single([1, 2, 9, 8], lambda g, x: g.op("MaxPool", [x], kernel_shape=[3, 3], strides=[2, 2], auto_pad="SAME_UPPER"))
    yield "avgpool_include_pad", single([1, 2, 9, 8], lambda g, x: g.op("AveragePool", [x], kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1], count_include_pad=1))
    yield "avgpool_exclude_pad_ceil", single([1, 2, 9, 8], lambda g, x: g.op("AveragePool", [x], kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1], ceil_mode=1))
    yield "globalaveragepool", single([2, 3, 5, 7], lambda g, x: g.op("GlobalAveragePool", [x]))
    yield "add_broadcast", single([2, 3, 4, 5], lambda g, x: g.op("Add", [x, g.const(rng.standard_normal((3, 1, 5)).astype(np.float32))]))
    yield "mul_broadcast", single([2, 3, 4, 5], lambda g, x: g.op("Mul", [g.const(rng.standard_normal((1, 3, 1, 1)).astype(np.float32)), x]))
    yield "concat", single([1, 2, 4, 4], lambda g, x: g.op("Concat", [x, g.op("Relu", [x]), g.const(rng.standard_normal((1, 1, 4, 4)).astype(np.float32))], axis=1))
    empty = lambda g: g.const(np.zeros(0, np.float32), "roi")
    yield "resize_nearest_scales", single([1, 2, 3, 4], lambda g, x: g.op("Resize", [x, empty(g), g.const(np.array([1, 1, 2, 3], np.float32))], mode="nearest", coordinate_transformation_mode="asymmetric", nearest_mode="floor"))
    yield "resize_nearest_half_pixel", single([1, 2, 4, 5], lambda g, x: g.op("Resize", [x, empty(g), g.const(np.array([1, 1, 1.5, 2.5], np.float32))], mode="nearest"))
    yield "resize_linear_sizes", single([1, 2, 5, 4], lambda g, x: g.op("Resize", [x, empty(g), empty(g), ints(g, [1, 2, 8, 9])], mode="linear"))
    yield "resize_linear_align_corners", single([1, 2, 4, 4], lambda g, x: g.op("Resize", [x, empty(g), g.const(np.array([1, 1, 2, 2], np.float32))], mode="linear", coordinate_transformation_mode="align_corners"))
    yield "resize_linear_pytorch", single([1, 2, 4, 3], lambda g, x: g.op("Resize", [x, empty(g), g.const(np.array([1, 1, 2, 2], np.float32))], mode="linear", coordinate_transformation_mode="pytorch_half_pixel"))
    yield "gemm_trans", single([6, 4], lambda g, x: g.op("Gemm", [g.const(rng.standard_normal((6, 3)).astype(np.float32)), x, g.const(rng.standard_normal((1, 4)).astype(np.float32))], transA=1, alpha=0.5, beta=2.0))
    yield "gemm_relu", single([3, 5], lambda g, x: g.op("Relu", [g.op("Gemm", [x, g.const(rng.standard_normal((4, 5)).astype(np.float32)), g.const(rng.standard_normal(4).astype(np.float32))], transB=1)]))
    yield "matmul_batched", single([2, 3, 4, 5], lambda g, x: g.op("MatMul", [x, g.const(rng.standard_normal((3, 5, 2)).astype(np.float32))]))
    yield "flatten_axis2", single([2, 3, 4, 5], lambda g, x: g.op("Flatten", [x], axis=2))
    yield "reshape_zero_minus_one", single([2, 3, 4, 5], lambda g, x: g.op("Reshape", [x, ints(g, [0, -1, 5])]))
    yield "transpose", single([2, 3, 4, 5], lambda g, x: g.op("Transpose", [x], perm=[0, 2, 3, 1]))
    for mode in ["constant", "reflect", "edge"]:
        yield f"pad_{mode}", single([1, 2, 4, 5], lambda g, x, m=mode: g.op("Pad", [x, ints(g, [0, 0, 1, 2, 0, 0, 2, 1])] + ([g.const(np.array(0.75, np.float32))] if m == "constant" else []), mode=m))
    yield "dropout_identity", single([2, 8], lambda g, x: g.op("Dropout", [x, g.const(np.array(0.3, np.float32))]))
    yield "squeeze_unsqueeze", single([1, 3, 1, 4], lambda g, x: g.op("Unsqueeze", [g.op("Squeeze", [x, ints(g, [0, 2])]), ints(g, [1])]))
    # A tiny stem whose output only the next conv reads: computed inside that conv's bands (ConvChainLayer).
    yield "conv_chain_stem", single([2, 1, 12, 37], lambda g, x: g.op("Relu", [g.conv(g.op("Relu", [g.conv(x, 1, 5, 3, 1, [1, 1, 1, 1])]), 5, 7, 3, 2, [1, 1, 1, 1])]))
    yield "conv_chain_bn_residual", single([1, 2, 9, 20], lambda g, x: g.op("Relu", [g.op("Add", [g.conv(g.op("Relu", [g.bn(g.conv(x, 2, 4, 3, 1, [1, 1, 1, 1]), 4)]), 4, 2, 3, 1, [1, 1, 1, 1]), x])]))
    yield "resnet18_64", resnet18(64, 64)


def run_onnxruntime(model, x):
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    session = ort.InferenceSession(model.SerializeToString(), options, providers=["CPUExecutionProvider"])
    return session.run(None, {"x": x})[0].astype(np.float32)


def error_cases(out):
    """Models the engine must reject with a clear error (no expected output)."""
    g = Graph()
    g.op("Hardmax", ["x"], axis=1)
    onnx.save(g.model([1, 4], "hardmax1"), os.path.join(out, "error_unsupported_op.onnx"))
    g = Graph()
    g.op("Relu", ["x"])
    onnx.save(g.model([1, 4], "relu1", opset=12), os.path.join(out, "error_opset12.onnx"))


def main():
    if len(sys.argv) == 6 and sys.argv[1] == "--resnet18":
        h, w, c, path = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
        onnx.save(resnet18(h, w, c), path)
        return
    out = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("MAMMOTERM_ONNX_ORACLE", os.path.expanduser("~/.cache/mammoterm/onnx-oracle"))
    os.makedirs(out, exist_ok=True)
    names = []
    for name, model in cases():
        onnx.checker.check_model(model, full_check=True)
        shape = [d.dim_value for d in model.graph.input[0].type.tensor_type.shape.dim]
        x = rng.standard_normal(shape).astype(np.float32)
        onnx.save(model, os.path.join(out, name + ".onnx"))
        np.save(os.path.join(out, name + ".input.npy"), x)
        np.save(os.path.join(out, name + ".expected.npy"), run_onnxruntime(model, x))
        names.append(name)
    error_cases(out)
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump({"version": VERSION, "onnxruntime": ort.__version__, "cases": names}, f, indent=1)
    print(f"wrote {len(names)} cases to {out}")


if __name__ == "__main__":
    main()
