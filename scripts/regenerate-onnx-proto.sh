#!/usr/bin/env bash
# Regenerates Sources/ONNXProto/onnx.pb.swift from the onnx.proto inside the `onnx` PyPI wheel.
# Developer tool only: CI never runs it (building protoc-gen-swift takes about a minute).
# Needs: protoc (Debian protobuf-compiler, 3.21), git, swift, pip.
set -euo pipefail
cd "$(dirname "$0")/.."

SWIFT_PROTOBUF_VERSION=1.39.0          # must match Package.swift's swift-protobuf
ONNX_VERSION="${ONNX_VERSION:-1.23.2}"  # the onnx release whose schema we compile
SWIFT_PROTOBUF_REPO="${SWIFT_PROTOBUF_REPO:-https://github.com/apple/swift-protobuf}"
WORK="${TMPDIR:-/tmp}/mammoterm-onnx-proto"
mkdir -p "$WORK"

if ! command -v protoc >/dev/null; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
    $SUDO apt-get install -y protobuf-compiler
fi

# protoc-gen-swift must come from the same swift-protobuf release as the runtime library.
PLUGIN_SRC="$WORK/swift-protobuf-$SWIFT_PROTOBUF_VERSION"
if [ ! -d "$PLUGIN_SRC" ]; then
    git clone --quiet --depth 1 --branch "$SWIFT_PROTOBUF_VERSION" "$SWIFT_PROTOBUF_REPO" "$PLUGIN_SRC"
fi
(cd "$PLUGIN_SRC" && swift build -c release --product protoc-gen-swift)
PLUGIN="$PLUGIN_SRC/.build/release/protoc-gen-swift"

# onnx.proto ships inside the wheel; no need to install onnx.
WHEEL_DIR="$WORK/onnx-wheel"
if [ ! -f "$WHEEL_DIR/onnx/onnx.proto" ]; then
    rm -rf "$WHEEL_DIR"; mkdir -p "$WHEEL_DIR"
    python3 -m pip download --quiet --no-deps --only-binary=:all: "onnx==$ONNX_VERSION" -d "$WHEEL_DIR"
    (cd "$WHEEL_DIR" && python3 -m zipfile -e onnx-*.whl .)
fi

OUT=Sources/ONNXProto
mkdir -p "$OUT"
protoc --plugin=protoc-gen-swift="$PLUGIN" \
    --swift_opt=Visibility=Public --swift_out="$OUT" \
    -I "$WHEEL_DIR/onnx" "$WHEEL_DIR/onnx/onnx.proto"
echo "wrote $OUT/onnx.pb.swift (onnx $ONNX_VERSION, swift-protobuf $SWIFT_PROTOBUF_VERSION)"
