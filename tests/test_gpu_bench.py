"""The GPU path of the server benchmark (issue 45), as far as a machine without a GPU can check it:
scripts/build_llama_server.sh's CUDA build refuses without nvcc and leaves the CPU build alone,
tests/llama_server.py passes the layers to offload and the binary chosen, bench/server.py reads
``--concurrency`` as a list and needs llama-cpp-python only where it runs it, and
scripts/gpu_bench.sh stops at its first step without a GPU.

The scripts run with a PATH of only the tools they use before the refusal checked, so that a
machine with nvcc or nvidia-smi installed still refuses, and never starts a build.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from llama_server import CPP_BINARY, CPP_CUDA_BINARY, CppLlamaServer

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "scripts" / "build_llama_server.sh"
GPU_BENCH = ROOT / "scripts" / "gpu_bench.sh"
VERSION = re.search(r"llama-cpp-python==([0-9.]+)", (ROOT / "pyproject.toml").read_text(encoding="utf-8")).group(1)


@pytest.fixture(scope="module")
def bench_server():
    """bench/server.py as a module, without leaving bench/ (or its sys.path entries) behind."""
    saved = list(sys.path)
    spec = importlib.util.spec_from_file_location("bench_server", ROOT / "bench" / "server.py")
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path[:] = saved
    return module


def run_with_only(tmp_path: Path, tools: list[str], script: Path, **env: str) -> subprocess.CompletedProcess:
    """*script* under bash with a PATH holding *tools* alone, and *env* (a PYTHON that fails, so a
    check that let the script through could not start a download)."""
    bin_dir = tmp_path / "path"
    bin_dir.mkdir()
    for tool in tools:
        (bin_dir / tool).symlink_to(shutil.which(tool))
    environment = {"PATH": str(bin_dir), "HOME": str(tmp_path), "PYTHON": shutil.which("false"), **env}
    return subprocess.run([shutil.which("bash"), str(script)], env=environment, capture_output=True, text=True, timeout=60)


def test_a_cuda_build_without_nvcc_refuses_in_one_line_and_builds_nothing(tmp_path):
    installed = tmp_path / "bin"
    done = run_with_only(tmp_path, ["dirname", "sed", "head"], BUILD, CUDA="1", L10N_BIN=str(installed))
    assert done.returncode == 2
    assert done.stderr.splitlines() == [done.stderr.strip()]
    assert done.stderr.startswith("Error: CUDA=1 needs CUDA's compiler, and there is no nvcc on PATH")
    assert not installed.exists()


@pytest.mark.parametrize("cuda, says", [("yes", "CUDA must be 0 or 1, not 'yes'"),
                                         ("1", "is not an executable nvcc")])
def test_a_bad_cuda_setting_refuses(tmp_path, cuda, says):
    done = run_with_only(tmp_path, ["dirname", "sed", "head"], BUILD, CUDA=cuda, CUDACXX=str(tmp_path / "nvcc"),
                         L10N_BIN=str(tmp_path / "bin"))
    assert done.returncode == 2
    assert done.stderr.startswith("Error: ") and says in done.stderr


def test_a_built_cuda_server_is_linked_as_llama_server_cuda_and_the_cpu_link_is_left_alone(tmp_path):
    installed = tmp_path / "bin"
    installed.mkdir()
    cuda_binary = installed / f"llama-server-{VERSION}-cuda"
    cuda_binary.write_text("#!/bin/sh\n")
    cuda_binary.chmod(0o755)
    (installed / "llama-server").symlink_to("an-older-cpu-build")
    done = run_with_only(tmp_path, ["dirname", "sed", "head", "ln"], BUILD, CUDA="1", L10N_BIN=str(installed))
    assert done.returncode == 0, done.stderr
    assert "already built" in done.stdout
    assert os.readlink(installed / "llama-server-cuda") == cuda_binary.name
    assert os.readlink(installed / "llama-server") == "an-older-cpu-build"
    assert {p.name for p in installed.iterdir()} == {"llama-server", "llama-server-cuda", cuda_binary.name}


def test_the_cuda_link_sits_beside_the_cpu_one():
    assert CPP_CUDA_BINARY == CPP_BINARY.parent / "llama-server-cuda"


@pytest.mark.parametrize("options, ngl", [({}, "0"), ({"gpu_layers": 99}, "99")])
def test_the_cpp_server_is_told_how_many_layers_to_offload(tmp_path, options, ngl):
    server = CppLlamaServer(tmp_path / "model.gguf", binary=tmp_path / "llama-server-cuda", port=8080, **options)
    command = server.command()
    assert command[0] == str(tmp_path / "llama-server-cuda")
    assert command[command.index("--n-gpu-layers") + 1] == ngl


def test_a_negative_layer_count_is_refused(tmp_path):
    with pytest.raises(ValueError, match="gpu_layers must be 0 or more"):
        CppLlamaServer(tmp_path / "model.gguf", binary=tmp_path / "llama-server", gpu_layers=-1)


@pytest.mark.parametrize("text, runs", [("4", [1, 4]), ("1,4,16", [1, 4, 16]), ("16, 4,4", [1, 4, 16]), ("1", [1])])
def test_concurrency_is_a_list_of_runs_with_one_first(bench_server, text, runs):
    assert bench_server.concurrencies(text) == runs


@pytest.mark.parametrize("text", ["", "four", "1;4", "0,4", "-4"])
def test_a_bad_concurrency_list_is_refused(bench_server, text):
    with pytest.raises(argparse.ArgumentTypeError):
        bench_server.concurrencies(text)


@pytest.mark.parametrize("server, skip_local, needs_llama_cpp", [("cpp", True, False), ("cpp", False, True),
                                                                 ("python", True, True), ("python", False, True)])
def test_llama_cpp_python_is_needed_only_for_its_server_or_the_local_run(bench_server, monkeypatch, tmp_path,
                                                                         server, skip_local, needs_llama_cpp):
    monkeypatch.setitem(sys.modules, "llama_cpp", None)  # as if it were not installed
    args = argparse.Namespace(server=server, skip_local=skip_local, binary=Path(shutil.which("true")), eval=tmp_path)
    reason = bench_server.skip_reason(args)
    assert (reason == "llama-cpp-python is not installed") == needs_llama_cpp


def test_the_gpu_bench_stops_at_its_first_step_without_a_gpu(tmp_path):
    done = run_with_only(tmp_path, ["dirname"], GPU_BENCH, OUT=str(tmp_path / "out"))
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == "Error: no NVIDIA GPU here: nvidia-smi is not installed"
    assert not (tmp_path / "out").exists()
