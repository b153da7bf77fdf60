// A small CNN in the quill dialect, as the torch.fx importer emits it:
// conv -> batch_norm -> relu -> max_pool -> conv -> relu -> adaptive pool ->
// flatten -> linear. Weights are inline dense constants here; the importer
// uses dense_resource blobs.
func.func @small_cnn(%x: tensor<1x3x16x16xf32>) -> tensor<1x10xf32> {
  %w1 = arith.constant {quill.module = "conv1.weight"} dense<0.05> : tensor<8x3x3x3xf32>
  %b1 = arith.constant dense<0.0> : tensor<8xf32>
  %mean = arith.constant dense<0.1> : tensor<8xf32>
  %var = arith.constant dense<0.9> : tensor<8xf32>
  %gamma = arith.constant dense<1.0> : tensor<8xf32>
  %beta = arith.constant dense<0.0> : tensor<8xf32>
  %w2 = arith.constant dense<0.02> : tensor<16x8x3x3xf32>
  %wl = arith.constant dense<0.01> : tensor<10x16xf32>
  %bl = arith.constant dense<0.0> : tensor<10xf32>

  %0 = quill.conv2d %x, %w1, %b1 {padding = array<i64: 1, 1>,
         quill.module = "conv1", quill.module_type = "torch.nn.Conv2d"}
       : (tensor<1x3x16x16xf32>, tensor<8x3x3x3xf32>, tensor<8xf32>) -> tensor<1x8x16x16xf32>
  %1 = quill.batch_norm %0, %mean, %var weight %gamma bias %beta
         {quill.module = "bn1", quill.module_type = "torch.nn.BatchNorm2d"}
       : (tensor<1x8x16x16xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<1x8x16x16xf32>
  %2 = quill.relu %1 {quill.module = "relu1", quill.module_type = "torch.nn.ReLU"}
       : tensor<1x8x16x16xf32> -> tensor<1x8x16x16xf32>
  %3 = quill.max_pool2d %2 {kernel_size = array<i64: 2, 2>,
         quill.module = "pool", quill.module_type = "torch.nn.MaxPool2d"}
       : tensor<1x8x16x16xf32> -> tensor<1x8x8x8xf32>
  %4 = quill.conv2d %3, %w2 {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>,
         quill.module = "conv2", quill.module_type = "torch.nn.Conv2d"}
       : (tensor<1x8x8x8xf32>, tensor<16x8x3x3xf32>) -> tensor<1x16x4x4xf32>
  %5 = quill.relu %4 {quill.module = "relu2", quill.module_type = "torch.nn.ReLU"}
       : tensor<1x16x4x4xf32> -> tensor<1x16x4x4xf32>
  %6 = quill.adaptive_avg_pool2d %5 {output_size = array<i64: 1, 1>,
         quill.module = "avgpool", quill.module_type = "torch.nn.AdaptiveAvgPool2d"}
       : tensor<1x16x4x4xf32> -> tensor<1x16x1x1xf32>
  %7 = quill.flatten %6 {start_dim = 1 : i64, quill.module = "flatten",
         quill.module_type = "torch.nn.Flatten"}
       : tensor<1x16x1x1xf32> -> tensor<1x16xf32>
  %8 = quill.linear %7, %wl, %bl {quill.module = "fc", quill.module_type = "torch.nn.Linear"}
       : (tensor<1x16xf32>, tensor<10x16xf32>, tensor<10xf32>) -> tensor<1x10xf32>
  return %8 : tensor<1x10xf32>
}
