#!/usr/bin/env bash
# Installs every Debian/Ubuntu package the course needs. Idempotent: when everything is present it
# installs nothing and says so. Works as root (CI, containers without sudo) and as a normal user (then
# it asks sudo). Later chapters add their packages to the list below.
#   common/install-deps.sh          the packages every build needs
#   common/install-deps.sh --docs   those plus the handout tools (docs/CMakeLists.txt, docs/instructor-guide.md)
set -euo pipefail

with_docs=0
for arg in "$@"; do
  case "$arg" in
    --docs) with_docs=1 ;;
    -h|--help) sed -n '2,6p' "$0" | cut -c3-; exit 0 ;;
    *) echo "install-deps: unknown option '$arg' (known: --docs)" >&2; exit 2 ;;
  esac
done

packages=(
  # build; ccache makes a rebuild after `git pull` or in a fresh build folder take seconds
  cmake ninja-build g++ pkg-config git ccache
  # testing, grading and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev nlohmann-json3-dev libcli11-dev
  # images written by demos (stb_image_write)
  libstb-dev
  # parallel libraries (oneTBB; OpenMP comes with g++)
  libtbb-dev
  # web requests (chapters 07, 10): libcurl is the client; cpp-httplib runs the local test server
  libcurl4-openssl-dev libcpp-httplib-dev
  # image processing (chapter 09): OpenCV's CMake package, core, imgproc and imgcodecs
  libopencv-dev
  # asynchronous programming (chapter 10): standalone Asio, header-only
  libasio-dev
  # GPU programming (chapter 12): Thrust and CUB run the lab's algorithms on the CPU (OpenMP backend).
  # The CUDA toolkit (nvcc) is optional and comes from NVIDIA, not Debian: without it the CUDA sources
  # are left out and the chapter's CPU parts still build and grade.
  libthrust-dev libcub-dev
  # chapter 12's stretch task: OpenBLAS (its own libopenblas, not the libblas alternative) sets the bar
  libopenblas-dev
  # profiling tools used in chapter 01 (callgrind, massif, heaptrack, hyperfine)
  valgrind heaptrack hyperfine
  # the docs-lint test (snippet markers and links in the notes) runs in every build
  python3
  # the load for maintainers' `common/course stress` (graded tests must not flake on a busy machine)
  stress-ng
)

if [[ $with_docs -eq 1 ]]; then
  packages+=(
    # handouts: Markdown to HTML, HTML to PDF, a PDF page to PNG (the render check), plots
    pandoc weasyprint poppler-utils python3-matplotlib fonts-dejavu-core
  )
fi

missing=()
for p in "${packages[@]}"; do
  # dpkg-query prints "install ok installed" for a package that is fully installed.
  if [[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]]; then
    missing+=("$p")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all ${#packages[@]} course packages are installed."
  exit 0
fi

if ! command -v apt-get >/dev/null; then
  echo "install-deps: this script needs apt-get (Debian/Ubuntu). Install these by hand: ${missing[*]}" >&2
  echo "See docs/setup.md for other systems." >&2
  exit 1
fi

if [[ $(id -u) -eq 0 ]]; then
  as_root=()
elif command -v sudo >/dev/null; then
  as_root=(sudo)
else
  echo "install-deps: missing ${missing[*]}; run this script as root or install sudo." >&2
  exit 1
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "install-deps: done."
