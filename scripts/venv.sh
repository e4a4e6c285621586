# Sourced by scripts/start.sh and scripts/test.sh: installs a requirements file into ./.venv.
#
# torch on Linux: PyPI's torch==2.13.0 for Linux is the CUDA build (16 nvidia packages and
# triton, gigabytes), useless on the CPU-only machines a class has. PyTorch's CPU wheel
# index, added as pip's EXTRA index, offers torch 2.13.0+cpu, which pip prefers (a local
# version sorts above the plain one) and which still satisfies the pin torch==2.13.0.
# torch gets its own pip call so that only torch and its few dependencies are looked up on
# that index: where the index cannot be reached (a machine that only reaches PyPI or a
# local mirror), pip warns and goes on with the other indexes; --retries 2 keeps that to
# about 10 s instead of 80 s for torch (5 min for every package), and --timeout 20 bounds
# a network that drops the packets instead of refusing them. macOS and Windows wheels on
# PyPI are CPU builds already.
TORCH_CPU_INDEX="https://download.pytorch.org/whl/cpu"

venv_install() {  # venv_install REQUIREMENTS_FILE
  if [ "$(uname -s)" = Linux ]; then
    local torch_pin
    torch_pin="$(grep -E '^torch==' requirements.txt)"
    .venv/bin/pip install -q --retries 2 --timeout 20 --extra-index-url "$TORCH_CPU_INDEX" \
      "$torch_pin"
    if .venv/bin/python -c 'import sys, torch; sys.exit(torch.version.cuda is None)' 2>/dev/null; then
      echo "warning: a CUDA build of torch is installed (PyTorch's CPU index $TORCH_CPU_INDEX" \
        "was unreachable?); the lab only needs the CPU build" >&2
    fi
  fi
  .venv/bin/pip install -q -r "$1"
}
