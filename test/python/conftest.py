"""pytest options of the parity suite."""


def pytest_addoption(parser):
    parser.addoption("--full", action="store_true", default=False,
                     help="whole-model parity tests on full-size inputs and "
                          "more batches (slow)")
