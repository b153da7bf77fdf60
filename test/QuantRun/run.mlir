// quant-run on numpy inputs: one --input per argument, one --output per
// result, --output-dir (result<i>.npy), --inputs (arr_<i> by position) and an
// .npz output. The writer reproduces numpy's bytes, so an identity returns
// its input file unchanged. Inputs: test/unit/data/npy and Inputs/, both
// written by scripts/gen_npy_cases.py.

// RUN: rm -rf %t && mkdir -p %t/dir
// RUN: quant-run %s --function identity --input %quill_src/test/unit/data/npy/f4_2x3.npy --output %t/out.npy
// RUN: cmp %t/out.npy %quill_src/test/unit/data/npy/f4_2x3.npy

// The arguments come back permuted; i1 results are numpy bools.
// RUN: quant-run %s --function @permute --input %quill_src/test/unit/data/npy/f4_2x3.npy \
// RUN:   --input %quill_src/test/unit/data/npy/i1_5.npy --input %quill_src/test/unit/data/npy/b1_3.npy \
// RUN:   --output-dir %t/dir
// RUN: cmp %t/dir/result0.npy %quill_src/test/unit/data/npy/b1_3.npy
// RUN: cmp %t/dir/result1.npy %quill_src/test/unit/data/npy/f4_2x3.npy
// RUN: cmp %t/dir/result2.npy %quill_src/test/unit/data/npy/i1_5.npy
// RUN: ls %t/dir | count 3

// The same through archives: np.savez's arr_0, arr_1, arr_2 in; one .npz out
// whose members feed the next run.
// RUN: quant-run %s --function permute --inputs %S/Inputs/args.npz --output %t/perm.npz
// RUN: quant-run %s --function unpermute --inputs %t/perm.npz --output %t/a.npy --output %t/b.npy --output %t/c.npy
// RUN: cmp %t/a.npy %quill_src/test/unit/data/npy/f4_2x3.npy
// RUN: cmp %t/b.npy %quill_src/test/unit/data/npy/i1_5.npy
// RUN: cmp %t/c.npy %quill_src/test/unit/data/npy/b1_3.npy

// Observers are identities when the graph runs without --calibrate.
// RUN: quant-run %s --input %S/Inputs/x_2x3.npy --output %t/observed.npy
// RUN: cmp %t/observed.npy %S/Inputs/x_2x3.npy

// The first public function is the default; private ones are skipped.
func.func private @helper(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  return %x : tensor<2x3xf32>
}

func.func @observed(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<min_max, quint8>} : tensor<2x3xf32>
  %1 = quill.observe %0 {id = 1 : i64, observer = #quill.observer<placeholder, float16>} : tensor<2x3xf32>
  return %1 : tensor<2x3xf32>
}

func.func @identity(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  return %x : tensor<2x3xf32>
}

func.func @permute(%a: tensor<2x3xf32>, %b: tensor<5xi8>, %c: tensor<3xi1>)
    -> (tensor<3xi1>, tensor<2x3xf32>, tensor<5xi8>) {
  return %c, %a, %b : tensor<3xi1>, tensor<2x3xf32>, tensor<5xi8>
}

func.func @unpermute(%c: tensor<3xi1>, %a: tensor<2x3xf32>, %b: tensor<5xi8>)
    -> (tensor<2x3xf32>, tensor<5xi8>, tensor<3xi1>) {
  return %a, %b, %c : tensor<2x3xf32>, tensor<5xi8>, tensor<3xi1>
}
