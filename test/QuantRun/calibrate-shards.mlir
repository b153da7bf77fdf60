// Calibration split into shards (docs/quant-run.md, "Shards"): each shard
// writes its observer states (--observer-state-out), a last run merges them
// (--observer-state-in, in order) and writes the attributes. Min/max
// observers then hold what one run over all batches gives (calibrate.mlir);
// moving averages and histograms follow the runtime's merge rules
// (docs/observers.md, "Merging").

// RUN: rm -rf %t && mkdir -p %t
// RUN: quant-run %s --calibrate %S/Inputs/calib_part0.npz --observer-state-out %t/s0.txt
// RUN: quant-run %s --calibrate %S/Inputs/calib_part1.npz --observer-state-out %t/s1.txt
// RUN: head -2 %t/s0.txt | FileCheck %s --check-prefix=FILE
// FILE: quill-observer-states 1
// FILE-NEXT: observer 0 {{[0-9]+}}

// RUN: quant-run %s --observer-state-in %t/s0.txt --observer-state-in %t/s1.txt -o - | FileCheck %s
// Data and a shard together: the shard is merged after the data.
// RUN: quant-run %s --calibrate %S/Inputs/calib_part1.npz --observer-state-in %t/s0.txt -o - | FileCheck %s
// The merged states again: merging is idempotent for min/max.
// RUN: quant-run %s --observer-state-in %t/s0.txt --observer-state-in %t/s1.txt --observer-state-out %t/merged.txt
// RUN: quant-run %s --observer-state-in %t/merged.txt --observer-state-in %t/merged.txt -o - | FileCheck %s

// CHECK: quill.observe %{{.*}} {id = 0 : i64, max_val = array<f32: 2.250000e+00>, min_val = array<f32: -1.000000e+00>, observer = #quill.observer<min_max, quint8>, scale = array<f64: 0.01274509821087122>, zero_point = array<i64: 78>}
// CHECK: quill.observe %{{.*}} {id = 1 : i64, max_val = array<f32: 1.750000e+00, 2.000000e+00, 2.250000e+00>, min_val = array<f32: -1.000000e+00, -8.750000e-01, -7.500000e-01>, observer = #quill.observer<per_channel_min_max, qint8, qscheme = per_channel_symmetric, ch_axis = 1>, scale = array<f64: 0.013725490309298038, 0.015686275437474251, 0.017647059634327888>, zero_point = array<i64: 0, 0, 0>}
// CHECK: quill.observe %{{.*}} {histogram = array<f32: {{.*}}>, id = 2 : i64, max_val = array<f32: {{.*}}>, min_val = array<f32: {{.*}}>, observer = #quill.observer<histogram, quint8, bins = 8>, scale = array<f64: {{.*}}>, zero_point = array<i64: {{.*}}>}
// CHECK: quill.observe %{{.*}} {id = 3 : i64, max_val = array<f32: {{.*}}>, min_val = array<f32: {{.*}}>, observer = #quill.observer<moving_average_min_max, quint8>, scale = array<f64: {{.*}}>, zero_point = array<i64: {{.*}}>}

// Errors: nothing is written.
// RUN: not quant-run %s --function @two --observer-state-in %t/s0.txt -o %t/out.mlir 2>&1 | FileCheck %s --check-prefix=EXTRA
// EXTRA: quant-run: error: {{.*}}s0.txt: observer id 2 is not in @two
// RUN: quant-run %s --function @two --calibrate %S/Inputs/calib_part0.npz --observer-state-out %t/two.txt
// RUN: not quant-run %s --observer-state-in %t/two.txt -o %t/out.mlir 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: quant-run: error: {{.*}}two.txt: no state for observer id 2 of @observed (a state file of another graph?)
// RUN: not quant-run %s --function @swapped --observer-state-in %t/s0.txt -o %t/out.mlir 2>&1 | FileCheck %s --check-prefix=KIND
// KIND: quant-run: error: {{.*}}s0.txt: observer id 0: observer moving_average_min_max: cannot take the state of a min_max observer
// RUN: head -c 60 %t/s0.txt > %t/cut.txt
// RUN: not quant-run %s --observer-state-in %t/cut.txt -o %t/out.mlir 2>&1 | FileCheck %s --check-prefix=CUT
// CUT: quant-run: error: {{.*}}cut.txt: not an observer state file (truncated or malformed at byte 24)
// RUN: not quant-run %s --observer-state-in %S/Inputs/calib.npz -o %t/out.mlir 2>&1 | FileCheck %s --check-prefix=HEADER
// HEADER: quant-run: error: {{.*}}calib.npz: not an observer state file (expected the header 'quill-observer-states 1')
// RUN: sed -e 's/^kind min_max/kind min_maxx/' %t/s0.txt > %t/kind.txt
// RUN: not quant-run %s --observer-state-in %t/kind.txt -o %t/out.mlir 2>&1 | FileCheck %s --check-prefix=STATE
// STATE: quant-run: error: {{.*}}kind.txt: observer id 0: observer state: unknown observer kind 'min_maxx'
// RUN: cp %t/s0.txt %t/dup.txt && tail -n +2 %t/s0.txt >> %t/dup.txt
// RUN: not quant-run %s --observer-state-in %t/dup.txt -o %t/out.mlir 2>&1 | FileCheck %s --check-prefix=DUP
// DUP: quant-run: error: {{.*}}dup.txt: not an observer state file (observer id 0 appears twice)
// RUN: not quant-run %s --input %S/Inputs/x_2x3.npy --observer-state-out %t/out.txt 2>&1 | FileCheck %s --check-prefix=NOT-CAL
// NOT-CAL: quant-run: error: -o and --observer-state-out are outputs of --calibrate (or --observer-state-in)
// RUN: not ls %t/out.mlir %t/out.txt

func.func @observed(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<min_max, quint8>} : tensor<2x3xf32>
  %1 = quill.observe %0 {id = 1 : i64, observer = #quill.observer<per_channel_min_max, qint8, qscheme = per_channel_symmetric, ch_axis = 1>} : tensor<2x3xf32>
  %2 = quill.observe %1 {id = 2 : i64, observer = #quill.observer<histogram, quint8, bins = 8>} : tensor<2x3xf32>
  %3 = quill.observe %2 {id = 3 : i64, observer = #quill.observer<moving_average_min_max, quint8>} : tensor<2x3xf32>
  return %3 : tensor<2x3xf32>
}

func.func private @two(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<min_max, quint8>} : tensor<2x3xf32>
  %1 = quill.observe %0 {id = 1 : i64, observer = #quill.observer<per_channel_min_max, qint8, qscheme = per_channel_symmetric, ch_axis = 1>} : tensor<2x3xf32>
  return %1 : tensor<2x3xf32>
}

func.func private @swapped(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<moving_average_min_max, quint8>} : tensor<2x3xf32>
  %1 = quill.observe %0 {id = 1 : i64, observer = #quill.observer<per_channel_min_max, qint8, qscheme = per_channel_symmetric, ch_axis = 1>} : tensor<2x3xf32>
  %2 = quill.observe %1 {id = 2 : i64, observer = #quill.observer<histogram, quint8, bins = 8>} : tensor<2x3xf32>
  %3 = quill.observe %2 {id = 3 : i64, observer = #quill.observer<min_max, quint8>} : tensor<2x3xf32>
  return %3 : tensor<2x3xf32>
}
