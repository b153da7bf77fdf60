//===- ToRuntimeGraph.cpp - quill IR -> runtime Graph ---------------------===//

#include "quill/Translate/ToRuntimeGraph.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "quill/Dialect/Quill/QuillDialect.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringExtras.h"

#include <cstring>

using namespace mlir;
using namespace mlir::quill;

namespace {

std::string locationString(Location loc) {
  std::string s;
  llvm::raw_string_ostream os(s);
  if (auto file = dyn_cast<FileLineColLoc>(loc))
    os << file.getFilename().getValue() << ":" << file.getLine() << ":"
       << file.getColumn();
  else
    loc.print(os);
  return s;
}

/// The runtime dtype and quantization of a tensor type.
FailureOr<std::pair<::quill::DType, std::optional<::quill::QuantParams>>>
convertElementType(Operation *op, Type type) {
  Type elem = cast<ShapedType>(type).getElementType();
  std::optional<::quill::QuantParams> quant;
  // A quantized type's storage is signless (i8 for u8 too): its sign is
  // the quantized type's flag.
  bool unsignedStorage = false;
  if (auto q = dyn_cast<quant::QuantizedType>(elem))
    unsignedStorage = !q.isSigned();
  if (auto q = dyn_cast<quant::UniformQuantizedType>(elem)) {
    quant = ::quill::QuantParams{{q.getScale()}, {q.getZeroPoint()}, -1};
    elem = q.getStorageType();
  } else if (auto q = dyn_cast<quant::UniformQuantizedPerAxisType>(elem)) {
    quant = ::quill::QuantParams{
        std::vector<double>(q.getScales().begin(), q.getScales().end()),
        std::vector<int64_t>(q.getZeroPoints().begin(),
                             q.getZeroPoints().end()),
        q.getQuantizedDimension()};
    elem = q.getStorageType();
  }
  std::optional<::quill::DType> dtype;
  if (elem.isF32())
    dtype = ::quill::DType::f32;
  else if (elem.isF16())
    dtype = ::quill::DType::f16;
  else if (auto i = dyn_cast<IntegerType>(elem)) {
    bool isUnsigned = i.isUnsigned() || unsignedStorage;
    if (i.getWidth() == 8)
      dtype = isUnsigned ? ::quill::DType::u8 : ::quill::DType::i8;
    else if (i.getWidth() == 32 && !isUnsigned)
      dtype = ::quill::DType::i32;
    else if (i.getWidth() == 64 && !isUnsigned)
      dtype = ::quill::DType::i64;
    else if (i.getWidth() == 1)
      dtype = ::quill::DType::u8; // masks are stored as bytes
  }
  if (!dtype)
    return op->emitError("the runtime has no dtype for ") << type;
  return std::make_pair(*dtype, quant);
}

/// Copies a dense (or dense_resource) constant into an owned tensor.
FailureOr<::quill::Tensor> constantTensor(Operation *op, Attribute value,
                                          ::quill::DType dtype,
                                          const std::vector<int64_t> &shape) {
  ::quill::Tensor t = ::quill::Tensor::allocate(dtype, shape);
  if (auto dense = dyn_cast<DenseElementsAttr>(value)) {
    if (dense.getElementType().isInteger(1)) {
      auto *out = t.data<uint8_t>();
      for (bool b : dense.getValues<bool>())
        *out++ = b;
      return t;
    }
    ArrayRef<char> raw = dense.getRawData();
    size_t bytes = t.byteSize();
    if (dense.isSplat()) {
      size_t elem = ::quill::dtypeSize(dtype);
      for (size_t off = 0; off < bytes; off += elem)
        std::memcpy(t.data<char>() + off, raw.data(), elem);
    } else if (raw.size() == bytes) {
      std::memcpy(t.raw(), raw.data(), bytes);
    } else {
      return op->emitError("constant data has ")
             << raw.size() << " bytes, expected " << bytes;
    }
    return t;
  }
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(value)) {
    AsmResourceBlob *blob = resource.getRawHandle().getBlob();
    if (!blob)
      return op->emitError("dense_resource constant has no data");
    ArrayRef<char> raw = blob->getData();
    if (raw.size() != t.byteSize())
      return op->emitError("dense_resource blob has ")
             << raw.size() << " bytes, expected " << t.byteSize();
    std::memcpy(t.raw(), raw.data(), raw.size());
    return t;
  }
  return op->emitError("constant of this kind cannot be run: ") << value;
}

/// `#quill.pad_mode<reflect>` -> "reflect": quill enum attributes print
/// their case name between angle brackets.
std::optional<std::string> enumCaseName(Attribute attr) {
  std::string text;
  llvm::raw_string_ostream(text) << attr;
  size_t open = text.find('<');
  if (text.rfind("#quill.", 0) != 0 || open == std::string::npos ||
      text.back() != '>')
    return std::nullopt;
  return text.substr(open + 1, text.size() - open - 2);
}

void addObserverAttrs(ObserverSpecAttr spec, ::quill::Attributes &attrs) {
  attrs.set("observer.kind", stringifyObserverKind(spec.getKind()).str());
  attrs.set("observer.dtype", stringifyQDType(spec.getDtype()).str());
  attrs.set("observer.qscheme", stringifyQScheme(spec.getQscheme()).str());
  if (spec.getQuantMin())
    attrs.set("observer.quant_min", *spec.getQuantMin());
  if (spec.getQuantMax())
    attrs.set("observer.quant_max", *spec.getQuantMax());
  attrs.set("observer.reduce_range", spec.getReduceRange());
  attrs.set("observer.eps", spec.getEpsValue());
  attrs.set("observer.ch_axis", spec.getChAxis());
  attrs.set("observer.averaging_constant", spec.getAveragingConstantValue());
  attrs.set("observer.bins", spec.getBins());
  if (auto scale = spec.getScaleValue())
    attrs.set("observer.scale", *scale);
  if (spec.getZeroPoint())
    attrs.set("observer.zero_point", *spec.getZeroPoint());
  attrs.set("observer.is_dynamic", spec.getIsDynamic());
}

LogicalResult convertAttribute(Operation *op, StringRef name, Attribute attr,
                               ::quill::Attributes &attrs) {
  std::string key = name.str();
  if (auto b = dyn_cast<BoolAttr>(attr))
    attrs.set(key, b.getValue());
  else if (auto i = dyn_cast<IntegerAttr>(attr))
    attrs.set(key, i.getValue().getSExtValue());
  else if (auto f = dyn_cast<FloatAttr>(attr))
    attrs.set(key, f.getValueAsDouble());
  else if (auto s = dyn_cast<StringAttr>(attr))
    attrs.set(key, s.str());
  else if (auto a = dyn_cast<DenseI64ArrayAttr>(attr))
    attrs.set(key, std::vector<int64_t>(a.asArrayRef()));
  else if (auto a = dyn_cast<DenseF64ArrayAttr>(attr))
    attrs.set(key, std::vector<double>(a.asArrayRef()));
  else if (auto a = dyn_cast<DenseF32ArrayAttr>(attr)) // exact in a double
    attrs.set(
        key, std::vector<double>(a.asArrayRef().begin(), a.asArrayRef().end()));
  else if (auto spec = dyn_cast<ObserverSpecAttr>(attr))
    addObserverAttrs(spec, attrs);
  else if (auto name = enumCaseName(attr))
    attrs.set(key, *name);
  else
    return op->emitError("attribute '")
           << key << "' cannot be passed to the runtime: " << attr;
  return success();
}

} // namespace

FailureOr<TranslatedGraph>
mlir::quill::toRuntimeGraph(func::FuncOp func,
                            const ::quill::KernelRegistry &registry,
                            const std::string &backend) {
  TranslatedGraph out;
  ::quill::Graph &g = out.graph;
  llvm::DenseMap<Value, int64_t> ids;

  auto addValue = [&](Operation *op, Value v) -> FailureOr<int64_t> {
    auto type = dyn_cast<RankedTensorType>(v.getType());
    if (!type || !type.hasStaticShape())
      return op->emitError("the runtime needs tensors of static shape, got ")
             << v.getType();
    auto elem = convertElementType(op, type);
    if (failed(elem))
      return failure();
    ::quill::ValueInfo info;
    info.dtype = elem->first;
    info.quant = elem->second;
    info.shape.assign(type.getShape().begin(), type.getShape().end());
    int64_t id = static_cast<int64_t>(g.values.size());
    g.values.push_back(std::move(info));
    ids[v] = id;
    return id;
  };

  // Which integer rules the quantized kernels follow (set by quill-convert).
  auto numerics = func->getAttrOfType<StringAttr>("quill.numerics");
  Block &body = func.getBody().front();
  for (BlockArgument arg : body.getArguments()) {
    auto id = addValue(func, arg);
    if (failed(id))
      return failure();
    g.inputs.push_back(*id);
  }

  for (Operation &op : body) {
    if (auto ret = dyn_cast<func::ReturnOp>(op)) {
      for (Value v : ret.getOperands())
        g.outputs.push_back(ids.lookup(v));
      continue;
    }
    if (auto cst = dyn_cast<arith::ConstantOp>(op)) {
      auto id = addValue(&op, cst.getResult());
      if (failed(id))
        return failure();
      ::quill::ValueInfo &info = g.values[*id];
      auto t = constantTensor(&op, cst.getValue(), info.dtype, info.shape);
      if (failed(t))
        return failure();
      t->setQuant(info.quant);
      info.constant = std::move(*t);
      continue;
    }
    // A storage cast of a constant is the constant seen as quantized: the
    // same bytes, the quantization of the result type.
    if (auto scast = dyn_cast<quant::StorageCastOp>(op)) {
      int64_t from = ids.lookup(scast.getInput());
      if (!g.values[from].constant)
        return op.emitError("the runtime runs 'quant.scast' of constants "
                            "only (quantized weights)");
      ::quill::Tensor data = *g.values[from].constant;
      auto id = addValue(&op, scast.getResult());
      if (failed(id))
        return failure();
      ::quill::ValueInfo &info = g.values[*id];
      if (info.dtype != data.dtype())
        return op.emitError("storage type does not match the constant's");
      data.setQuant(info.quant);
      info.constant = std::move(data);
      continue;
    }
    // The quant dialect's casts are the runtime's quantize and dequantize.
    std::optional<std::string> kind;
    if (isa<quant::QuantizeCastOp>(op))
      kind = "quantize";
    else if (isa<quant::DequantizeCastOp>(op))
      kind = "dequantize";
    else if (isa<QuillDialect>(op.getDialect()))
      kind = op.getName().stripDialect().str();
    else
      return op.emitError("the runtime cannot run '")
             << op.getName() << "' (only quill ops, quant.qcast, quant.dcast, "
             << "quant.scast of constants, arith.constant and func.return)";
    ::quill::Node node;
    node.kind = *kind;
    if (numerics)
      node.attrs.set("numerics", numerics.getValue().str());
    node.location = locationString(op.getLoc());
    if (!registry.has(node.kind, backend))
      return op.emitError("no ")
             << backend << " kernel for '" << op.getName() << "'";
    for (NamedAttribute attr : op.getAttrs()) {
      StringRef name = attr.getName().strref();
      // Discardable attributes (quill.module ...) are not the kernel's
      // business; segment sizes are passed below.
      if (name.contains('.') || name == "operandSegmentSizes")
        continue;
      if (failed(convertAttribute(&op, name, attr.getValue(), node.attrs)))
        return failure();
    }
    // With optional or variadic operand groups, an empty group becomes
    // kNoValue (so a kernel finds `weight` at a fixed index) and the group
    // sizes go along as "operand_segment_sizes".
    if (auto segments =
            op.getAttrOfType<DenseI32ArrayAttr>("operandSegmentSizes")) {
      std::vector<int64_t> sizes(segments.asArrayRef().begin(),
                                 segments.asArrayRef().end());
      auto operand = op.operand_begin();
      for (int64_t size : sizes) {
        if (size == 0)
          node.inputs.push_back(::quill::kNoValue);
        for (int64_t i = 0; i < size; ++i)
          node.inputs.push_back(ids.lookup(*operand++));
      }
      node.attrs.set("operand_segment_sizes", std::move(sizes));
    } else {
      for (Value v : op.getOperands())
        node.inputs.push_back(ids.lookup(v));
    }
    for (Value r : op.getResults()) {
      auto id = addValue(&op, r);
      if (failed(id))
        return failure();
      node.outputs.push_back(*id);
    }
    g.nodes.push_back(std::move(node));
    out.nodeOps.push_back(&op);
  }
  if (::quill::Status s = g.validate(); !s.ok())
    return func.emitError("invalid runtime graph: ") << s.message();
  return out;
}
