// Observe ops sharing an id are one observer (PyTorch's instance shared
// along share-qparams ops): calibration feeds it both values, in program
// order, and writes the same statistics and qparams on both ops. The state
// file holds it once.

// RUN: rm -rf %t && mkdir -p %t
// RUN: quant-run %s --calibrate %S/Inputs/calib.npz -o %t/calibrated.mlir --observer-state-out %t/states.txt
// RUN: FileCheck %s < %t/calibrated.mlir
// RUN: grep -c "^observer" %t/states.txt | FileCheck %s --check-prefix=STATES

// A moving average sees x, relu(x), x, relu(x), ... (8 updates): the same
// numbers as PyTorch's MovingAverageMinMaxObserver called on each batch
// and its relu in turn (min -0.9036901, max -0.282205343, scale
// 0.0035438826..., zero point 255).
// CHECK: quill.observe %{{.*}} {id = 0 : i64, max_val = array<f32: -0.282205343>, min_val = array<f32: -0.9036901>, observer = #quill.observer<moving_average_min_max, quint8>, scale = array<f64: 0.0035438826307654381>, zero_point = array<i64: 255>}
// CHECK: quill.relu
// CHECK: quill.observe %{{.*}} {id = 0 : i64, max_val = array<f32: -0.282205343>, min_val = array<f32: -0.9036901>, observer = #quill.observer<moving_average_min_max, quint8>, scale = array<f64: 0.0035438826307654381>, zero_point = array<i64: 255>}
// STATES: 1

func.func @shared(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<moving_average_min_max, quint8>} : tensor<2x3xf32>
  %1 = quill.relu %0 : tensor<2x3xf32> -> tensor<2x3xf32>
  %2 = quill.observe %1 {id = 0 : i64, observer = #quill.observer<moving_average_min_max, quint8>} : tensor<2x3xf32>
  return %2 : tensor<2x3xf32>
}
