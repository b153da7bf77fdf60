// RUN: quant-opt %quill_src/examples/small_cnn.mlir --quill-verify-graph=require-quill-only=true | FileCheck %s

// The shipped example (examples/small_cnn.mlir) parses, verifies, passes
// quill-verify-graph with require-quill-only and keeps its module tags.

// CHECK-LABEL: func.func @small_cnn(%{{.*}}: tensor<1x3x16x16xf32>) -> tensor<1x10xf32>
// CHECK: arith.constant {quill.module = "conv1.weight"} dense<5.000000e-02> : tensor<8x3x3x3xf32>
// CHECK: quill.conv2d %{{.*}}, %{{.*}}, %{{.*}} {padding = array<i64: 1, 1>, quill.module = "conv1", quill.module_type = "torch.nn.Conv2d"} : (tensor<1x3x16x16xf32>, tensor<8x3x3x3xf32>, tensor<8xf32>) -> tensor<1x8x16x16xf32>
// CHECK: quill.batch_norm %{{.*}}, %{{.*}}, %{{.*}} weight %{{.*}} bias %{{.*}} {quill.module = "bn1", quill.module_type = "torch.nn.BatchNorm2d"} : (tensor<1x8x16x16xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<1x8x16x16xf32>
// CHECK: quill.relu %{{.*}} {quill.module = "relu1", quill.module_type = "torch.nn.ReLU"} : tensor<1x8x16x16xf32> -> tensor<1x8x16x16xf32>
// CHECK: quill.max_pool2d %{{.*}} {kernel_size = array<i64: 2, 2>, quill.module = "pool", quill.module_type = "torch.nn.MaxPool2d"} : tensor<1x8x16x16xf32> -> tensor<1x8x8x8xf32>
// CHECK: quill.conv2d %{{.*}}, %{{.*}} {padding = array<i64: 1, 1>, quill.module = "conv2", quill.module_type = "torch.nn.Conv2d", stride = array<i64: 2, 2>} : (tensor<1x8x8x8xf32>, tensor<16x8x3x3xf32>) -> tensor<1x16x4x4xf32>
// CHECK: quill.relu %{{.*}} {quill.module = "relu2", quill.module_type = "torch.nn.ReLU"} : tensor<1x16x4x4xf32> -> tensor<1x16x4x4xf32>
// CHECK: quill.adaptive_avg_pool2d %{{.*}} {output_size = array<i64: 1, 1>, quill.module = "avgpool", quill.module_type = "torch.nn.AdaptiveAvgPool2d"} : tensor<1x16x4x4xf32> -> tensor<1x16x1x1xf32>
// CHECK: quill.flatten %{{.*}} {quill.module = "flatten", quill.module_type = "torch.nn.Flatten", start_dim = 1 : i64} : tensor<1x16x1x1xf32> -> tensor<1x16xf32>
// CHECK: quill.linear %{{.*}}, %{{.*}}, %{{.*}} {quill.module = "fc", quill.module_type = "torch.nn.Linear"} : (tensor<1x16xf32>, tensor<10x16xf32>, tensor<10xf32>) -> tensor<1x10xf32>
// CHECK: return %{{.*}} : tensor<1x10xf32>
