//===- QuillOps.td - every quill op, by group ------------------------------===//

#ifndef QUILL_OPS_TD
#define QUILL_OPS_TD

include "quill/Dialect/Quill/QuillAttrs.td"
include "quill/Dialect/Quill/ConvOps.td"
include "quill/Dialect/Quill/NormOps.td"
include "quill/Dialect/Quill/ActivationOps.td"
include "quill/Dialect/Quill/ElementwiseOps.td"
include "quill/Dialect/Quill/PoolOps.td"
include "quill/Dialect/Quill/ShapeOps.td"
include "quill/Dialect/Quill/SequenceOps.td"
include "quill/Dialect/Quill/ObserverOps.td"

#endif // QUILL_OPS_TD
