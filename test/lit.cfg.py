# -*- Python -*-
# lit configuration for Quill: every .mlir and .test file under test/ is a
# test (.test: RUN lines over tools other than quant-opt, e.g. quill-config).

import os

import lit.formats
from lit.llvm import llvm_config

config.name = "QUILL"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test"]
config.excludes = ["CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py", "Inputs"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.quill_obj_root, "test")

config.substitutions.append(("%PATH%", config.environment["PATH"]))
config.substitutions.append(("%quill_src", config.quill_src_root))

llvm_config.use_default_substitutions()
# FileCheck, not, count, split-file come from Debian's LLVM 22; quant-opt from
# our build.
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
llvm_config.add_tool_substitutions(["quant-opt", "quill-config", "quant-run",
                                   "quill-quantize"],
                                  [config.quill_tools_dir])
